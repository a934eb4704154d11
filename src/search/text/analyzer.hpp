// The analyzer shared by the indexer and the query side: tokenize.hpp turns text
// into folded terms; each distinct term is grouped under its stem. Index and
// query call exactly these functions, so they cannot disagree.
#pragma once

#include <string>
#include <string_view>

#include "text/stopwords.hpp"
#include "text/tokenize.hpp"

namespace osprey::text {

/// The stem a folded term is grouped under, for text in language (a schema
/// language code, index/schema.hpp): for "en", the English Porter2 stem of
/// words of a-z; the term itself otherwise (numbers, other scripts, CJK
/// bigrams, and every word of a language without a stemmer).
std::string stem_term(std::string_view folded_term, std::string_view language = "en");

}  // namespace osprey::text
