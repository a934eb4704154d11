// The two vocabularies of data attributes a site can mark its pages with
// (docs/site-indexing.md): Osprey's own data-osprey-*, and Pagefind's
// data-pagefind-*, read with Pagefind's meanings so that a site written for
// Pagefind switches without touching its templates. A page is read with one
// vocabulary; the attributes of the other are not looked at.
//
// Where the two differ:
//   value lists  Osprey: "KEY" (the element's text) or "KEY:ATTR" (the value
//                of attribute ATTR). Pagefind: "KEY", "KEY[ATTR]", and
//                "KEY:VALUE", a literal that runs to the end of the list
//                (commas included), so only the last item can be one.
//   title        Osprey: the element marked data-osprey-title. Pagefind: the
//                metadata key "title" (data-pagefind-meta="title").
//   ignore       Pagefind's data-pagefind-ignore="all" also hides the
//                metadata, filters and sort keys inside it ("index", the
//                default, hides only the text, as data-osprey-ignore does).
//   weight       Osprey: above 0 and at most 10. Pagefind: 0 to 10 (0 is
//                read as the smallest weight, 0.1).
// Where they agree:
//   body         once any page of the site has the vocabulary's body
//                attribute (data-osprey-body, data-pagefind-body), pages
//                without it are not indexed (site_index.cpp).
#pragma once

#include <cstdint>

#include "site/gumbo_tree.hpp"

namespace osprey::site {

enum class Markup : uint8_t { none, osprey, pagefind };

/// "data-osprey-*", "data-pagefind-*": how the summary names a vocabulary.
inline const char* markup_name(Markup m) {
  return m == Markup::pagefind ? "data-pagefind-*" : "data-osprey-*";
}

}  // namespace osprey::site

namespace osprey::site::dom {

struct Vocabulary {
  Markup markup;
  const char* body;
  const char* ignore;
  const char* weight;
  const char* meta;
  const char* filter;
  const char* sort;
  const char* index_attrs;  // attributes whose values are indexed as text
  const char* title;        // nullptr: the title is the metadata key "title"
};

inline constexpr Vocabulary kOspreyVocabulary{
    Markup::osprey,       "data-osprey-body",        "data-osprey-ignore",
    "data-osprey-weight", "data-osprey-meta",        "data-osprey-filter",
    "data-osprey-sort",   "data-osprey-index-attrs", "data-osprey-title"};
inline constexpr Vocabulary kPagefindVocabulary{
    Markup::pagefind,       "data-pagefind-body",        "data-pagefind-ignore",
    "data-pagefind-weight", "data-pagefind-meta",        "data-pagefind-filter",
    "data-pagefind-sort",   "data-pagefind-index-attrs", nullptr};

/// The vocabulary a page is read with; a page with neither reads as Osprey's.
inline const Vocabulary& vocabulary(Markup m) {
  return m == Markup::pagefind ? kPagefindVocabulary : kOspreyVocabulary;
}

/// Whether n carries an attribute of the vocabulary (marks: marks_of(n)).
inline bool carries(const Marks& marks, const Vocabulary& v) {
  return v.markup == Markup::pagefind ? marks.pagefind : marks.osprey;
}

/// Whether n's text is left out of the index under the vocabulary.
inline bool is_ignored(const GumboNode* n, const Vocabulary& v) {
  return carries(marks_of(n), v) && attr(n, v.ignore) != nullptr;
}

}  // namespace osprey::site::dom
