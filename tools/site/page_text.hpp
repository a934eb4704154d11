// The text of Gumbo elements and the anchors of headings (the internals of
// html_extract.cpp; the rules are in html_extract.hpp).
#pragma once

#include <gumbo.h>

#include <string>

#include "site/ascii.hpp"
#include "site/markup.hpp"

namespace osprey::site::dom {

// s with runs of ASCII whitespace as one space; no space at either end.
std::string collapsed(std::string s);

// The text of an element: word boundaries at block edges, collapsed, without
// what the vocabulary ignores. With phrasing_only, block elements inside are
// left out (a heading's own text).
std::string text_of(const GumboNode* root, const Vocabulary& v, bool skip_permalinks,
                    bool phrasing_only = false);

// A heading's "link to this section" marker: an <a href="#..."> that is
// aria-hidden or whose text is at most one symbol (¶ # § 🔗) with no letter.
bool is_permalink(const GumboNode* n);

// The anchor a heading can be linked to, or "" (rules in html_extract.hpp).
std::string heading_anchor(const GumboNode* h);

}  // namespace osprey::site::dom
