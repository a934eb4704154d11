#include "text/tokenize.hpp"

#include <algorithm>

#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace osprey::text {
namespace {

bool is_apostrophe(char32_t c) {
  if (c < 0x80) return c == U'\'' || c == U'`';
  return c == U'\u2019' || c == U'\u2018' || c == U'\u02BC' || c == U'\u00B4' || c == U'\uFF07';
}
bool is_hyphen(char32_t c) {
  return c == U'-' || c == U'\u2010' || c == U'\u2011';
}

// A decoded code point and where it sits in the source.
struct Char {
  char32_t cp;
  uint32_t begin;
  uint32_t end;
};

// ASCII first: char_class's own first case, inline (no ASCII is CJK).
bool is_word(char32_t c) {
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
  return char_class(c) != CharClass::kOther && !is_cjk(c);
}
bool is_digit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return char_class(c) == CharClass::kNumber;
}

// Cuts s to at most kMaxTermBytes without splitting a code point.
void clamp_term(std::string& s) {
  if (s.size() <= kMaxTermBytes) return;
  std::size_t cut = kMaxTermBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

// folded is scratch, reused so that a word costs no allocation beyond its term.
std::string fold_chars(const Char* first, const Char* last, std::u32string& folded) {
  // ASCII folds to ASCII, byte for byte (fold_append's first case): written
  // straight into the term until a character that is not ASCII.
  std::string out(static_cast<std::size_t>(last - first), '\0');
  std::size_t n = 0;
  const Char* c = first;
  for (; c != last && c->cp < 0x80; ++c) {
    const char32_t cp = c->cp;
    if (cp == U'\'' || cp == U'`') continue;  // is_apostrophe, for ASCII
    out[n++] = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp);
  }
  if (c == last) {
    out.resize(n);
    return out;
  }
  out.clear();
  folded.clear();
  for (c = first; c != last; ++c) {
    if (is_apostrophe(c->cp)) continue;
    fold_append(c->cp, folded);
  }
  for (char32_t cp : folded) append_utf8(out, cp);
  return out;
}

// One hyphen-separated part of a word: [first, last) of the decoded chars.
struct Part {
  std::size_t first;
  std::size_t last;
};

class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::vector<Token>& out, uint32_t position)
      : out_(out), position_(position) {
    chars_.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
      const auto byte = static_cast<unsigned char>(text[i]);
      const Decoded d = byte < 0x80 ? Decoded{byte, 1} : decode_utf8(text, i);
      chars_.push_back({d.cp, static_cast<uint32_t>(i), static_cast<uint32_t>(i + d.size)});
      i += d.size;
    }
  }

  uint32_t run() {
    std::size_t i = 0;
    while (i < chars_.size()) {
      const char32_t cp = chars_[i].cp;
      if (cp >= 0x80 && is_cjk(cp)) {  // no ASCII is CJK
        i = cjk_run(i);
      } else if (is_word(cp)) {
        i = word(i);
      } else {
        ++i;
      }
    }
    return position_;
  }

 private:
  bool word_at(std::size_t i) const { return i < chars_.size() && is_word(chars_[i].cp); }

  // Scans the word starting at i, emits its tokens, returns the index after it.
  std::size_t word(std::size_t i) {
    parts_.clear();
    std::size_t part_first = i;
    while (true) {
      while (word_at(i)) ++i;
      // chars_[i] ends the run unless it is a connector between word characters.
      if (!word_at(i + 1)) break;
      const char32_t c = chars_[i].cp;
      if (is_apostrophe(c) ||
          (c == U'.' && is_digit(chars_[i - 1].cp) && is_digit(chars_[i + 1].cp))) {
        i += 1;
        continue;
      }
      if (!is_hyphen(c)) break;
      parts_.push_back({part_first, i});
      part_first = ++i;
    }
    parts_.push_back({part_first, i});
    emit_word();
    return i;
  }

  // The end of part p's characters to fold: a possessive ’s ending the part is
  // dropped with its apostrophe.
  std::size_t possessive_end(const Part& p) const {
    std::size_t last = p.last;
    if (last - p.first >= 3 && is_apostrophe(chars_[last - 2].cp) &&
        (chars_[last - 1].cp == U's' || chars_[last - 1].cp == U'S')) {
      last -= 2;
    }
    return last;
  }

  void emit_word() {
    if (parts_.size() == 1) {  // most words: not a compound, no whole to join
      const Part& p = parts_[0];
      std::string term = fold_chars(&chars_[p.first], &chars_[possessive_end(p)], folded_);
      if (!term.empty()) push(std::move(term), position_++, p.first, p.last);
      return;
    }
    terms_.clear();
    for (const Part& p : parts_) {
      std::string term = fold_chars(&chars_[p.first], &chars_[possessive_end(p)], folded_);
      if (!term.empty()) terms_.push_back({std::move(term), p.first, p.last});
    }
    if (terms_.empty()) return;
    if (terms_.size() > 1) {
      std::string whole;
      for (const auto& t : terms_) whole += t.text;
      push(std::move(whole), position_, terms_.front().first, terms_.back().last);
    }
    for (auto& t : terms_) push(std::move(t.text), position_++, t.first, t.last);
  }

  // Emits bigrams of the CJK run starting at i; returns the index after it.
  std::size_t cjk_run(std::size_t i) {
    std::size_t end = i;
    while (end < chars_.size() && is_cjk(chars_[end].cp)) ++end;
    if (end - i == 1) {
      push(fold_chars(&chars_[i], &chars_[i + 1], folded_), position_++, i, i + 1);
      return end;
    }
    for (std::size_t k = i; k + 1 < end; ++k) {
      push(fold_chars(&chars_[k], &chars_[k + 2], folded_), position_++, k, k + 2);
    }
    return end;
  }

  void push(std::string term, uint32_t position, std::size_t first, std::size_t last) {
    if (term.empty()) return;
    clamp_term(term);
    out_.emplace_back(Token{std::move(term), position, chars_[first].begin, chars_[last - 1].end});
  }

  struct PartTerm {
    std::string text;
    std::size_t first;
    std::size_t last;
  };

  std::vector<Token>& out_;
  uint32_t position_;
  std::vector<Char> chars_;
  std::vector<Part> parts_;
  std::vector<PartTerm> terms_;
  std::u32string folded_;  // fold_chars' scratch
};

}  // namespace

uint32_t tokenize(std::string_view text, std::vector<Token>& out, uint32_t first_position) {
  return Tokenizer(text, out, first_position).run();
}

}  // namespace osprey::text
