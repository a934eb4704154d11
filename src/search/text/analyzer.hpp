// The analyzer shared by the indexer and the query side: tokenize.hpp turns text
// into folded terms; each distinct term is grouped under its stem. Index and
// query call exactly these functions, so they cannot disagree.
#pragma once

#include <string>
#include <string_view>

#include "text/tokenize.hpp"

namespace osprey::text {

/// The stem a folded term is grouped under, for text in language (a schema
/// language code, index/schema.hpp): the Snowball stem of the language's
/// algorithm (snowball_algorithms.hpp; "en": Snowball English, "de": German,
/// ...) for a term without an ASCII digit; the term itself otherwise (numbers,
/// codes, and every word of a language Snowball has no stemmer for, e.g. CJK
/// bigrams of "ja" and "zh"). Snowball stems the folded term: marks already
/// removed (unicode.hpp fold), so "été" is stemmed as "ete".
std::string stem_term(std::string_view folded_term, std::string_view language = "en");

}  // namespace osprey::text
