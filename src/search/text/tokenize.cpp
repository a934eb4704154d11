#include "text/tokenize.hpp"

#include <algorithm>
#include <array>

#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace osprey::text {
namespace {

bool is_apostrophe(char32_t c) {
  return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02BC' || c == U'`' ||
         c == U'\u00B4' || c == U'\uFF07';
}
bool is_hyphen(char32_t c) {
  return c == U'-' || c == U'\u2010' || c == U'\u2011';
}

// Letters and marks of the scripts of Southeast Asia written without spaces
// between words: Thai, Lao, Myanmar, Khmer. Like Han, Kana and Hangul they are
// indexed as bigrams (of characters with their marks), which needs no
// dictionary: a word of two or more characters is found as its bigrams.
bool is_unspaced(char32_t c) {
  const bool script = (c >= 0x0E00 && c <= 0x0EFF) ||  // Thai, Lao
                      (c >= 0x1000 && c <= 0x109F) ||  // Myanmar
                      (c >= 0x1780 && c <= 0x17FF);    // Khmer
  if (!script) return false;
  const CharClass k = char_class(c);
  return k == CharClass::kLetter || k == CharClass::kMark;
}

// A character of a run indexed as bigrams.
bool in_bigram_run(char32_t c) {
  return is_cjk(c) || is_unspaced(c);
}

bool is_word(char32_t c) {
  return char_class(c) != CharClass::kOther && !in_bigram_run(c);
}
bool is_digit(char32_t c) {
  return char_class(c) == CharClass::kNumber;
}

// What a byte is to the scan: an ASCII letter or digit (the word characters
// below U+0080), an ASCII byte that may join two word characters
// (apostrophes, '.', '-'), another ASCII byte, or a byte of a multi-byte
// sequence.
enum ByteKind : uint8_t { kSeparator = 0, kAlnum = 1, kConnector = 2, kNonAscii = 3 };
constexpr auto kByteKind = [] {
  std::array<uint8_t, 256> kind{};
  for (int b = 0; b < 256; ++b) {
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
      kind[b] = kAlnum;
    } else if (b == '\'' || b == '`' || b == '.' || b == '-') {
      kind[b] = kConnector;
    } else if (b >= 0x80) {
      kind[b] = kNonAscii;
    }
  }
  return kind;
}();
ByteKind byte_kind(char c) {
  return static_cast<ByteKind>(kByteKind[static_cast<unsigned char>(c)]);
}

// The code point at s[pos] (pos < s.size()), ASCII without a call.
Decoded decode_at(std::string_view s, std::size_t pos) {
  const unsigned char b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return {b, 1};
  return decode_utf8(s, pos);
}

// The size of a term of n bytes cut to at most kMaxTermBytes without
// splitting a code point.
uint32_t clamped_size(const char* term, std::size_t n) {
  if (n <= kMaxTermBytes) return static_cast<uint32_t>(n);
  std::size_t cut = kMaxTermBytes;
  while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
  return static_cast<uint32_t>(cut);
}

}  // namespace

// One pass over the text, decoding as it goes. A word of ASCII letters and
// digits that no connector follows (nearly every word of English text) is
// lower-cased straight into the term buffer; every other word is decoded into
// TokenList::chars_ and split into hyphen-separated parts there.
class Tokenizer {
 public:
  Tokenizer(std::string_view text, TokenList& out, uint32_t position, Folding folding)
      : text_(text), out_(out), position_(position), folding_(folding) {}

  uint32_t run() {
    std::size_t i = 0;
    while (i < text_.size()) {
      const ByteKind kind = byte_kind(text_[i]);
      if (kind != kNonAscii) {
        i = kind == kAlnum ? ascii_word(i) : i + 1;
        continue;
      }
      const Decoded d = decode_utf8(text_, i);
      if (in_bigram_run(d.cp)) {
        i = cjk_run(i);
      } else if (is_word(d.cp)) {
        i = word(i);
      } else {
        i += d.size;
      }
    }
    return position_;
  }

 private:
  using Char = TokenList::Char;
  using Part = TokenList::Part;

  bool word_at(std::size_t byte) const {
    return byte < text_.size() && is_word(decode_at(text_, byte).cp);
  }

  // The word starting at byte i with an ASCII letter or digit; returns the
  // byte after it.
  std::size_t ascii_word(std::size_t i) {
    std::size_t j = i + 1;
    while (j < text_.size() && byte_kind(text_[j]) == kAlnum) ++j;
    if (j < text_.size()) {
      // A connector followed by a word character, or a character that may be
      // a word character or a connector itself: the general case.
      const ByteKind kind = byte_kind(text_[j]);
      if (kind == kNonAscii) return word(i);
      if (kind == kConnector && j + 1 < text_.size() && byte_kind(text_[j + 1]) != kSeparator &&
          byte_kind(text_[j + 1]) != kConnector) {
        return word(i);
      }
    }
    // Turkic I folds to dotless ı, beyond ASCII: the general case too.
    if (folding_ == Folding::kTurkic &&
        std::find(text_.begin() + i, text_.begin() + j, 'I') != text_.begin() + j) {
      return word(i);
    }
    std::string& terms = out_.terms_;
    const std::size_t at = terms.size();
    const std::size_t n = std::min(j - i, kMaxTermBytes);
    terms.append(text_.data() + i, n);
    for (char* c = terms.data() + at; c != terms.data() + at + n; ++c) {
      if (*c >= 'A' && *c <= 'Z') *c = static_cast<char>(*c + 0x20);
    }
    out_.entries_.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(n), position_++,
                             static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
    return j;
  }

  // Appends the code point at byte *i to chars_ and steps past it.
  void take(std::size_t& i) {
    const Decoded d = decode_at(text_, i);
    out_.chars_.push_back({d.cp, static_cast<uint32_t>(i), static_cast<uint32_t>(i + d.size)});
    i += d.size;
  }

  // Scans the word starting at byte i, emits its tokens, returns the byte of
  // the character that ended it.
  std::size_t word(std::size_t i) {
    std::vector<Char>& chars = out_.chars_;
    chars.clear();
    out_.parts_.clear();
    uint32_t part_first = 0;
    while (true) {
      while (word_at(i)) take(i);
      // The character at i ends the word unless it is a connector between
      // word characters.
      if (i >= text_.size()) break;
      const Decoded d = decode_at(text_, i);
      const std::size_t next = i + d.size;
      if (!word_at(next)) break;
      const char32_t c = d.cp;
      if (is_apostrophe(c) ||
          (c == U'.' && is_digit(chars.back().cp) && is_digit(decode_at(text_, next).cp))) {
        take(i);
        continue;
      }
      if (!is_hyphen(c)) break;
      out_.parts_.push_back({part_first, static_cast<uint32_t>(chars.size()), 0, 0});
      take(i);  // the hyphen: in no part
      part_first = static_cast<uint32_t>(chars.size());
    }
    out_.parts_.push_back({part_first, static_cast<uint32_t>(chars.size()), 0, 0});
    emit_word();
    return i;
  }

  // Appends the folded form of chars_[first, last) to terms_, apostrophes
  // left out; returns its size.
  uint32_t fold(std::size_t first, std::size_t last) {
    std::string& terms = out_.terms_;
    const std::size_t at = terms.size();
    for (std::size_t k = first; k < last; ++k) {
      const char32_t cp = out_.chars_[k].cp;
      if (is_apostrophe(cp)) continue;
      if (cp < 0x80 && (cp != 'I' || folding_ == Folding::kDefault)) {
        terms.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp));
        continue;
      }
      out_.folded_.clear();
      fold_append(cp, out_.folded_, folding_);
      for (char32_t f : out_.folded_) append_utf8(terms, f);
    }
    return static_cast<uint32_t>(terms.size() - at);
  }

  void emit_word() {
    const std::vector<Char>& chars = out_.chars_;
    std::vector<Part>& parts = out_.parts_;
    // Fold every part into terms_; parts that fold to nothing are dropped.
    std::size_t kept = 0;
    for (Part p : parts) {
      std::size_t last = p.last;
      // A possessive ’s ending the part is dropped with its apostrophe.
      if (last - p.first >= 3 && is_apostrophe(chars[last - 2].cp) &&
          (chars[last - 1].cp == U's' || chars[last - 1].cp == U'S')) {
        last -= 2;
      }
      p.term_begin = static_cast<uint32_t>(out_.terms_.size());
      p.term_size = fold(p.first, last);
      if (p.term_size > 0) parts[kept++] = p;
    }
    parts.resize(kept);
    if (kept == 0) return;
    if (kept > 1) {
      // The whole compound, at the position of its first part.
      std::string& terms = out_.terms_;
      const std::size_t at = terms.size();
      for (const Part& p : parts) {
        terms.append(p.term_size, '\0');
        std::copy_n(terms.data() + p.term_begin, p.term_size,
                    terms.data() + terms.size() - p.term_size);
      }
      const uint32_t size = clamped_size(terms.data() + at, terms.size() - at);
      terms.resize(at + size);
      push(static_cast<uint32_t>(at), size, position_, parts.front().first, parts.back().last);
    }
    for (const Part& p : parts) {
      push(p.term_begin, clamped_size(out_.terms_.data() + p.term_begin, p.term_size), position_++,
           p.first, p.last);
    }
  }

  // Emits bigrams of the run of Han, Kana, Hangul, Thai, Lao, Myanmar or
  // Khmer starting at byte i; returns the byte after it. A unit is a
  // character with the marks that follow it (Thai vowel signs and tone marks,
  // Kana voicing marks), so a bigram is two units; a lone unit stands alone.
  std::size_t cjk_run(std::size_t i) {
    std::vector<Char>& chars = out_.chars_;
    chars.clear();
    units_.clear();
    while (i < text_.size()) {
      const char32_t cp = decode_at(text_, i).cp;
      if (!in_bigram_run(cp)) break;
      if (chars.empty() || char_class(cp) != CharClass::kMark) {
        units_.push_back(static_cast<uint32_t>(chars.size()));
      }
      take(i);
    }
    units_.push_back(static_cast<uint32_t>(chars.size()));  // the end of the last unit
    const std::size_t n = units_.size() - 1;
    const std::size_t span = n == 1 ? 1 : 2;
    for (std::size_t k = 0; k + span <= n; ++k) {
      const uint32_t at = static_cast<uint32_t>(out_.terms_.size());
      const uint32_t size = fold(units_[k], units_[k + span]);
      push(at, clamped_size(out_.terms_.data() + at, size), position_++, units_[k],
           units_[k + span]);
    }
    return i;
  }

  // A token of the term at terms_[at, at + size) (nothing when it is empty),
  // from chars_[first, last).
  void push(uint32_t at, uint32_t size, uint32_t position, std::size_t first, std::size_t last) {
    if (size == 0) return;
    out_.entries_.push_back(
        {at, size, position, out_.chars_[first].begin, out_.chars_[last - 1].end});
  }

  std::string_view text_;
  TokenList& out_;
  uint32_t position_;
  Folding folding_;
  std::vector<uint32_t> units_;  // cjk_run: where each unit starts in chars_
};

uint32_t tokenize(std::string_view text, TokenList& out, uint32_t first_position, Folding folding) {
  return Tokenizer(text, out, first_position, folding).run();
}

uint32_t tokenize(std::string_view text, std::vector<Token>& out, uint32_t first_position,
                  Folding folding) {
  TokenList list;
  const uint32_t next = tokenize(text, list, first_position, folding);
  out.reserve(out.size() + list.size());
  for (const TokenList::Entry& e : list.entries()) {
    out.push_back({std::string(list.term(e)), e.position, e.begin, e.end});
  }
  return next;
}

}  // namespace osprey::text
