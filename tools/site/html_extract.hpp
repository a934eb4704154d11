// Reads one HTML page (valid UTF-8, decode.hpp) with Gumbo, an HTML5 parser
// that builds the same tree a browser does from any markup, and returns what
// search needs from it. Rules (docs/site-indexing.md has them for site owners):
//
// Vocabulary (markup.hpp): a page with a data-osprey-* attribute is read
//   with Osprey's; else one with a data-pagefind-* attribute with Pagefind's,
//   unless the caller allows only Osprey's. The rules below name Osprey's
//   attributes; Pagefind's counterparts and differences are in markup.hpp.
// Content: the elements marked [data-osprey-body] if any; else <main> and
//   [role=main] elements; else <body> minus nav, header, footer, aside and the
//   ARIA landmarks navigation, banner, contentinfo, complementary and search.
//   Always left out: script, style, template, noscript, svg, and every
//   [data-osprey-ignore] subtree. Outermost matches only; document order.
// Title: the text of the first [data-osprey-title] (anywhere), else of the
//   first <h1> of the content, else <title>.
// Text: the content's text, whitespace collapsed, headings included except
//   the one that gave the title; an <img alt> gives its alt text (as
//   Pagefind does), with a word boundary on either side.
// Sections: a heading (h1-h6) with an anchor starts a section of the text. Its
//   anchor is the heading's id, else the id of its parent when it is the
//   parent's first heading (<section id="x"><h2>, as Sphinx writes), else an
//   <a id|name> in it, else the "#x" of a permalink in it. A permalink (an
//   <a href="#..."> whose text is only symbols like ¶ # § or which is
//   aria-hidden) is not heading text. The heading that gave the title starts no
//   section; a repeated anchor is reported and starts none.
// Weights: text under [data-osprey-weight="W"] (0 < W <= 10, the innermost
//   wins) is kept apart with its weight; 1 is ordinary text.
// Data: [data-osprey-meta], [data-osprey-filter] and [data-osprey-sort] take
//   a comma-separated list of KEY (the element's text) or KEY:ATTR (the value
//   of its attribute ATTR), anywhere in the document. <meta> tags give
//   description, author, keywords, image (og:image) and date
//   (article:published_time); the first <time datetime> of the content gives
//   date. Explicit data attributes win over <meta>, <meta> over <time>.
// Language: the lang attribute of <html>, as written.
//
// Pathological input (html_prescan.hpp): a page nested deeper than kMaxDepth
// elements is refused before parsing; attributes past kMaxAttributes on one
// tag are dropped before parsing. With those bounds Gumbo's time is linear in
// the page, but a page may still take too long (a mistake in those bounds, a
// case nobody found): extract_page stops at a deadline, inside Gumbo too.
// Gumbo cannot be told to stop, but it allocates through our arena all the
// time (a node, an attribute, a buffer that grows); the arena looks at the
// clock every kClockEvery allocations and, past the deadline, longjmps out
// of gumbo_parse to extract_page. Nothing is lost by leaving Gumbo there: it
// holds no resource but memory, and all of that is the arena's, reset after
// every page; the frames jumped over are Gumbo's C code and the arena's
// allocate(), none with a destructor to run. The other ways to stop a parse
// were worse: a thread per page abandoned at its deadline keeps running and
// holding its memory until Gumbo returns (hours, for the pages this is for),
// and a process per page costs a fork per page.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "site/html_prescan.hpp"
#include "site/markup.hpp"

namespace osprey::site {

using Deadline = std::chrono::steady_clock::time_point;

struct WeightedText {
  double weight;
  std::string text;
};

struct Section {
  std::string anchor;
  std::string heading;
  std::size_t offset;  // byte offset in PageContent::text where the heading starts
};

struct DataValue {
  std::string key;        // lower-case, [a-z][a-z0-9_-]*
  std::string value;      // whitespace collapsed, non-empty
  bool url = false;       // read from src, href or poster (relative to the page)
  bool implicit = false;  // from a <meta> tag or <time>, not a data attribute
};

struct PageContent {
  bool too_deep = false;         // refused; nothing else is set
  bool too_slow = false;         // stopped at the deadline; nothing else is set
  Markup markup = Markup::none;  // the vocabulary the page was read with, if it has one
  bool body_marked = false;      // its content came from [data-*-body] elements
  bool other_markup = false;     // it has attributes of a vocabulary it was not read with
  AttributeCounts attributes;    // what bound_attributes kept and dropped
  std::string lang;              // <html lang>, as written
  std::string title;
  std::string text;                    // the content's text (weight 1)
  std::vector<WeightedText> weighted;  // text under other weights, one entry each
  std::vector<Section> sections;       // in document order, offsets ascending
  std::vector<DataValue> meta;         // in precedence order: first per key wins
  std::vector<DataValue> filters;      // every value counts
  std::vector<DataValue> sorts;        // first per key wins
  uint32_t markup_errors = 0;          // parse errors Gumbo recovered from
  std::vector<std::string> warnings;   // bad data attributes, repeated anchors
};

/// What search needs of the page, or too_deep / too_slow (past deadline).
/// Without allow_pagefind, data-pagefind-* attributes are not read.
PageContent extract_page(std::string_view html, Deadline deadline = Deadline::max(),
                         bool allow_pagefind = true);

}  // namespace osprey::site
