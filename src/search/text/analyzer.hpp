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
/// bigrams of "ja" and "zh"). Snowball stems the term as given: a folded term
/// has its marks removed (unicode.hpp fold), so "ete" is stemmed as "ete"; for
/// the languages whose stemmer reads marks, stem_word gives it the word.
std::string stem_term(std::string_view folded_term, std::string_view language = "en");

/// Whether language's Snowball stemmer reads marks, so that its words are
/// stemmed as written (lowercased) and the stem folded afterwards: ca da de
/// es fr hu it lt no pt ro sr sv tr (docs/stemming.md has the measurements
/// that chose them; Finnish and Dutch lost pairs and are left out).
bool stems_marked_words(std::string_view language);

/// word (source text, any case) lowercased with its marks kept
/// (unicode.hpp lowercase_latin) when language stems marked words, the result
/// differs from term and folds to term (tokenize's term of word); empty
/// otherwise: word is not a marked or capitalized form of term (an apostrophe,
/// a compound's whole, a script lowercase_latin does not lower).
std::string marked_word(std::string_view term, std::string_view word, std::string_view language);

/// The stem of term as the source word word: fold(stem_term(marked_word))
/// when there is a marked word, stem_term(term) otherwise. Spanish "tulipán"
/// (term "tulipan") -> "tulipan", as "tulipanes"; stem_term("tulipan") is
/// "tulip". Always folded: fold(stem_word(...)) == stem_word(...).
std::string stem_word(std::string_view term, std::string_view word, std::string_view language);

}  // namespace osprey::text
