// The query language. Parsing never fails: anything that does not parse as an
// operator degrades to plain words.
//
//   torture germany      implicit AND of two groups
//   "sexual violence"    a phrase: the words at consecutive positions
//   -report  -"un aid"   exclusion of a term or phrase (also -(a OR b))
//   a OR b               either; binds tighter than the implicit AND:
//                        "a b OR c d" = a AND (b OR c) AND d
//   title:torture        field restriction; also field:"a phrase" and
//   type:"press release" field:(a OR b). Unknown fields are plain words.
//   (a OR b) c           parentheses group alternatives; nesting flattens.
//
// Degrading rules: an unbalanced quote runs to the end of the query; an
// unbalanced '(' closes at the end, a stray ')' is ignored; a lone '-' or
// a '-' inside a word (cross-border) is not an operator; "OR" at the start or
// end, or doubled, is dropped; lower-case "or" is a plain word.
//
// Lexical rules, in full:
// - Whitespace is ASCII whitespace, U+0085, U+00A0, U+1680, U+2000..U+200B,
//   U+2028, U+2029, U+202F, U+205F, U+3000. Quotes are " U+201C U+201D U+201E;
//   any of them closes a phrase opened by any other. Apostrophes are not quotes.
// - A word is a run of anything else; quotes and parentheses end it, so
//   a"b c"(d) is three units and three groups. Words are not checked for
//   letters: an atom that analyzes to no terms ("...", an emoji) is left to
//   the evaluator. A phrase's text is its inside with outer whitespace trimmed;
//   a phrase of only whitespace is nothing.
// - '-' negates when it starts a word at the query start or after whitespace
//   or '(', and is followed by a character other than '-', or directly by a
//   quote or '('. "--x" and a word "-" are not operators ("-" is dropped).
// - "name:" is a field restriction when name (the word up to its first ':',
//   after a negating '-') is in fields. It applies to the rest of the word, or
//   if that is empty to a directly following phrase or parentheses, or else is
//   dropped with any '-' before it. The innermost field wins.
// - OR (exactly "OR", a whole word) joins two units only if each is one group
//   not negated by its own '-' (a term, a phrase, or parentheses holding one
//   group); otherwise it is dropped and the units stay AND-ed: "-a OR b" is
//   -a AND b, "x OR (a b)" is x AND a AND b. Units that produce nothing (empty
//   quotes or parentheses, dropped modifiers) are transparent: "a OR () b" is
//   a OR b.
// - '-' before parentheses negates every group they produce, so "-(a b)" is
//   -a -b (neither word), stronger than NOT (a AND b); a group inside that is
//   already negated stays negated ("-(a -b)" is also -a -b).
// - Groups past kMaxGroups are dropped after OR-joining; a group's number of
//   alternatives is bounded only by kMaxQueryBytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace osprey::query {

/// One term or phrase, before analysis: text is raw query text.
struct Atom {
  std::string field;    // empty: every searchable field; else a field name as typed
  std::string text;     // the term, or the inside of the quotes for a phrase
  bool phrase = false;  // written in quotes
  bool prefix = false;  // a bare term ending at the very end of the (cut) query,
                        // not negated: "a b" gives b*, "a b ", "a (b)" and "-b" none
};

/// Alternatives joined by OR: a document matches the group if it matches any atom.
struct Group {
  std::vector<Atom> any;  // non-empty
  bool exclude = false;   // a leading '-': documents matching the group are removed
};

/// Groups joined by AND.
struct ParsedQuery {
  std::vector<Group> all;
};

inline constexpr std::size_t kMaxQueryBytes = 4096;  // longer input is cut (at a code point)
inline constexpr std::size_t kMaxGroups = 32;        // further groups are dropped

/// Parses text. Only names in fields count as field restrictions before ':';
/// other "name:rest" stays plain text. Matching of field names is exact.
ParsedQuery parse_query(std::string_view text, const std::vector<std::string>& fields);

}  // namespace osprey::query
