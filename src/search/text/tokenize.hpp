// The tokenizer: UTF-8 text -> folded terms with positions and source offsets.
//
// Rules (the same at index and query time):
// - A word is a maximal run of letters, numbers and marks (unicode.hpp classes).
//   Apostrophes of every kind (' ’ ‘ ʼ ` ´ ＇) between two word characters join
//   the run and are then removed, so A’lo, A'lo and Alo all give "alo"; a
//   trailing possessive "’s" is dropped ("Syria’s" -> "syria").
// - A '.' between two digits joins the run (45.21, 3.11).
// - Hyphens (- ‐ ‑) between word characters make a compound: the whole, joined,
//   at the position of its first part, and each part at consecutive positions
//   ("cross-border" -> crossborder@p, cross@p, border@p+1).
// - Runs of Han, Kana, Hangul, and of the scripts written without spaces
//   between words, Thai, Lao, Myanmar and Khmer, become overlapping bigrams,
//   one position each, of units: a character with the marks that follow it
//   (a single unit stands alone). docs/languages.md.
// - Terms are folded (unicode.hpp fold_append, with the rules of the text's
//   language: folding_for) and cut to kMaxTermBytes at a code point
//   boundary. Invalid UTF-8 is read as U+FFFD, which separates words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/unicode.hpp"

namespace osprey::text {

inline constexpr std::size_t kMaxTermBytes = 64;

struct Token {
  std::string term;   // folded, non-empty, at most kMaxTermBytes bytes
  uint32_t position;  // word position in the field, from 0
  uint32_t begin;     // byte offset of the source text the term came from
  uint32_t end;       // one past its last byte
};

/// Tokens with their terms packed back to back in one buffer, so tokenizing
/// allocates nothing per token (the indexer's form). Reuse one across texts:
/// clear() keeps the capacity.
class TokenList {
 public:
  struct Entry {
    uint32_t term_begin;  // offset of the term in terms()
    uint32_t term_size;   // 1 ... kMaxTermBytes
    uint32_t position;    // as Token
    uint32_t begin;       // as Token
    uint32_t end;         // as Token
  };

  const std::vector<Entry>& entries() const { return entries_; }
  std::string_view term(const Entry& e) const {
    return std::string_view(terms_).substr(e.term_begin, e.term_size);
  }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void clear() {
    terms_.clear();
    entries_.clear();
  }

 private:
  friend class Tokenizer;
  std::string terms_;
  std::vector<Entry> entries_;
  // Scratch of the tokenizer, kept here so it is allocated once.
  struct Char {
    char32_t cp;
    uint32_t begin;
    uint32_t end;
  };
  struct Part {
    uint32_t first;  // [first, last) of chars_
    uint32_t last;
    uint32_t term_begin;  // its folded text in terms_
    uint32_t term_size;
  };
  std::vector<Char> chars_;
  std::vector<Part> parts_;
  std::u32string folded_;
};

/// Appends the tokens of text to out; positions start at first_position.
/// Returns the position after the last one used (first_position if none).
/// folding: the rules of the text's language (unicode.hpp folding_for).
uint32_t tokenize(std::string_view text, std::vector<Token>& out, uint32_t first_position = 0,
                  Folding folding = Folding::kDefault);
uint32_t tokenize(std::string_view text, TokenList& out, uint32_t first_position = 0,
                  Folding folding = Folding::kDefault);

}  // namespace osprey::text
