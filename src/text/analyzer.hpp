// The analyzer shared by the indexer and the query side: tokenize.hpp turns text
// into folded terms; each distinct term is grouped under its stem. Index and
// query call exactly these functions, so they cannot disagree.
#pragma once

#include <string>
#include <string_view>

#include "text/stopwords.hpp"
#include "text/tokenize.hpp"

namespace osprey::text {

/// The stem a folded term is grouped under: the English Porter2 stem for words
/// of a-z, the term itself otherwise (numbers, other scripts, CJK bigrams).
std::string stem_term(std::string_view folded_term);

}  // namespace osprey::text
