#include "text/unicode.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/unicode_tables.hpp"
#include "text/unicode_tables_pack.hpp"
#include "text/utf8.hpp"

namespace osprey::text {
namespace {

// The tables, unpacked on first use (they never change afterwards).
const std::vector<tables::ClassRange>& class_ranges() {
  static const std::vector<tables::ClassRange> ranges =
      tables::unpack_class_ranges(tables::kClassRangesPacked);
  return ranges;
}

const std::vector<uint32_t>& fold_segments() {
  static const std::vector<uint32_t> segments =
      tables::unpack_fold_segments(tables::kFoldSegmentsPacked);
  return segments;
}

const std::vector<uint32_t>& fold_kinds() {
  static const std::vector<uint32_t> kinds = tables::unpack_fold_kinds(tables::kFoldKindsPacked);
  return kinds;
}

}  // namespace

CharClass char_class(char32_t cp) {
  if (cp < 0x80) {
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return CharClass::kLetter;
    if (cp >= '0' && cp <= '9') return CharClass::kNumber;
    return CharClass::kOther;
  }
  const auto& ranges = class_ranges();
  // The first range starting after cp; the one before it is the only candidate.
  const auto it =
      std::upper_bound(ranges.begin(), ranges.end(), cp,
                       [](char32_t c, const tables::ClassRange& r) { return c < r.first; });
  if (it == ranges.begin()) return CharClass::kOther;
  const uint32_t last_class = (it - 1)->last_class;
  if (cp > (last_class & tables::kLastMask)) return CharClass::kOther;
  return static_cast<CharClass>(last_class >> tables::kClassShift);
}

bool is_cjk(char32_t cp) {
  if (cp < 0x1100) return false;
  return (cp >= 0x1100 && cp <= 0x11FF) ||    // Hangul Jamo
         (cp >= 0x3040 && cp <= 0x309F) ||    // Hiragana
         (cp >= 0x30A0 && cp <= 0x30FF) ||    // Katakana
         (cp >= 0x3130 && cp <= 0x318F) ||    // Hangul Compatibility Jamo
         (cp >= 0x31F0 && cp <= 0x31FF) ||    // Katakana Phonetic Extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK Unified Ideographs Extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK Unified Ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||    // Hangul Syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK Compatibility Ideographs
         (cp >= 0x20000 && cp <= 0x3134F) ||  // CJK Unified Ideographs Extensions B..G
         (cp >= 0x2F800 && cp <= 0x2FA1F);    // CJK Compatibility Ideographs Supplement
}

Folding folding_for(std::string_view language) {
  return language == "tr" || language == "az" ? Folding::kTurkic : Folding::kDefault;
}

void fold_append(char32_t cp, std::u32string& out, Folding folding) {
  if (folding == Folding::kTurkic && (cp == U'I' || cp == U'\u0130')) {
    out.push_back(cp == U'I' ? U'\u0131' : U'i');
    return;
  }
  if (cp < 0x80) {
    out.push_back(cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp);
    return;
  }
  // Letters of their own that NFKD splits into a letter and a mark, kept in
  // every language: Cyrillic й (Russian, Ukrainian, Bulgarian, ...; the
  // Russian stemmer reads "новый" as written) and Ukrainian ї.
  if (cp == 0x0419 || cp == 0x0439) {
    out.push_back(0x0439);
    return;
  }
  if (cp == 0x0407 || cp == 0x0457) {
    out.push_back(0x0457);
    return;
  }
  if (cp >= tables::kFoldLimit) {
    out.push_back(cp);
    return;
  }
  // The last segment starting at or before cp (the first segment starts at 0).
  const auto& segments = fold_segments();
  const uint32_t key = static_cast<uint32_t>(cp) << tables::kFoldKindBits | tables::kFoldKindMask;
  const uint32_t segment = *(std::upper_bound(segments.begin(), segments.end(), key) - 1);
  const char32_t start = segment >> tables::kFoldKindBits;
  const uint32_t kind = fold_kinds()[segment & tables::kFoldKindMask];
  const char32_t delta = static_cast<char32_t>(static_cast<int32_t>(kind) >> 2);  // mod 2^32
  switch (kind & 3) {
    case tables::kDelta:
      out.push_back(cp + delta);
      return;
    case tables::kDelta2:
      out.push_back((cp - start) % 2 == 0 ? cp + delta : cp);
      return;
    default:
      break;
  }
  const auto pool = tables::kFoldPool;
  const std::size_t end = (kind >> 7) + ((kind >> 2) & 31);
  for (std::size_t i = kind >> 7; i < end; ++i) {
    const char32_t u = pool[i];
    if (u >= 0xD800 && u <= 0xDBFF) {  // the pool is well-formed UTF-16
      out.push_back(0x10000 + ((u - 0xD800) << 10) + (pool[++i] - 0xDC00));
    } else {
      out.push_back(u);
    }
  }
}

std::string fold(std::string_view utf8, Folding folding) {
  std::string out;
  out.reserve(utf8.size());
  std::u32string folded;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const unsigned char b = static_cast<unsigned char>(utf8[pos]);
    if (b < 0x80) {
      if (b == 'I' && folding == Folding::kTurkic) {
        append_utf8(out, U'\u0131');
      } else {
        out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 0x20 : b));
      }
      ++pos;
      continue;
    }
    const Decoded d = decode_utf8(utf8, pos);
    pos += d.size;
    folded.clear();
    fold_append(d.cp, folded, folding);
    for (char32_t c : folded) append_utf8(out, c);
  }
  return out;
}

namespace {

// The small letter of a Latin capital (lowercase_latin), or cp.
char32_t lower_latin(char32_t cp, Folding folding) {
  if (cp == U'I') return folding == Folding::kTurkic ? U'\u0131' : U'i';
  if (cp == U'\u0130') return U'i';
  if (cp >= U'A' && cp <= U'Z') return cp + 0x20;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp == 0x178) return 0xFF;  // Ÿ
  // Latin Extended-A pairs capital/small: even/odd in [0100, 0137] and
  // [014A, 0177], odd/even in [0139, 0148] and [0179, 017E]; Ș Ț likewise.
  const bool even_capital =
      (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) || (cp >= 0x218 && cp <= 0x21B);
  const bool odd_capital = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
  if ((even_capital && cp % 2 == 0) || (odd_capital && cp % 2 == 1)) return cp + 1;
  return cp;
}

}  // namespace

std::string lowercase_latin(std::string_view utf8, Folding folding) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const Decoded d = decode_utf8(utf8, pos);
    pos += d.size;
    append_utf8(out, lower_latin(d.cp, folding));
  }
  return out;
}

}  // namespace osprey::text
