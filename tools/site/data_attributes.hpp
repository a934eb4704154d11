// The data attributes and <meta> tags of a page (the internals of
// html_extract.cpp; the rules are in html_extract.hpp, the two vocabularies'
// syntax in markup.hpp).
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "site/html_extract.hpp"
#include "site/markup.hpp"

namespace osprey::site::dom {

// Reads the value list of n's attribute name (a data-*-meta, -filter or -sort
// of vocabulary v) into out. Keys are lower-cased; a bad or reserved key is a
// warning. With title_key, "title" is not reserved (Pagefind's title).
void read_data_attribute(const GumboNode* n, const char* name, const Vocabulary& v,
                         std::vector<DataValue>& out, std::vector<std::string>& warnings,
                         bool title_key = false);

// <meta name|property=... content=...> -> a metadata key, or "".
std::string meta_key(const GumboNode* n);

}  // namespace osprey::site::dom
