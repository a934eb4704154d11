// UTF-8 per Unicode 15 §3.9, Table 3-7 (well-formed byte sequences):
//
//   U+0000..U+007F     00..7F
//   U+0080..U+07FF     C2..DF  80..BF
//   U+0800..U+0FFF     E0      A0..BF  80..BF
//   U+1000..U+CFFF     E1..EC  80..BF  80..BF
//   U+D000..U+D7FF     ED      80..9F  80..BF
//   U+E000..U+FFFF     EE..EF  80..BF  80..BF
//   U+10000..U+3FFFF   F0      90..BF  80..BF  80..BF
//   U+40000..U+FFFFF   F1..F3  80..BF  80..BF  80..BF
//   U+100000..U+10FFFF F4      80..8F  80..BF  80..BF
//
// A maximal subpart is the longest prefix of a well-formed sequence found at pos;
// an ill-formed one is replaced by a single U+FFFD, and a byte that starts no
// well-formed sequence (80..C1, F5..FF) is a maximal subpart of length 1.
#include "text/utf8.hpp"

namespace osprey::text {

Decoded decode_utf8(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return {kReplacement, 1};  // precondition violated; stay memory-safe
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const std::size_t avail = s.size() - pos;
  const unsigned b0 = p[0];
  if (b0 < 0x80) return {static_cast<char32_t>(b0), 1};

  uint32_t trail;      // continuation bytes after the lead byte
  char32_t cp;         // payload bits accumulated so far
  unsigned lo = 0x80;  // allowed range of the first continuation byte
  unsigned hi = 0xBF;
  if (b0 < 0xC2) {
    return {kReplacement, 1};  // stray continuation byte, or C0/C1 (always overlong)
  } else if (b0 < 0xE0) {
    trail = 1;
    cp = b0 & 0x1F;
  } else if (b0 < 0xF0) {
    trail = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong below U+0800
    if (b0 == 0xED) hi = 0x9F;  // surrogates U+D800..U+DFFF
  } else if (b0 < 0xF5) {
    trail = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong below U+10000
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {kReplacement, 1};  // F5..FF: above U+10FFFF
  }

  for (uint32_t i = 1; i <= trail; ++i) {
    if (i >= avail) return {kReplacement, i};  // truncated at end of input
    const unsigned b = p[i];
    if (b < lo || b > hi) return {kReplacement, i};  // b is not consumed
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, trail + 1};
}

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char bytes[2] = {static_cast<char>(0xC0 | (cp >> 6)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 2);
  } else if (cp < 0x10000) {
    const char bytes[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 3);
  } else {
    const char bytes[4] = {
        static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
        static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 4);
  }
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = pos;
    while (end < s.size() && static_cast<unsigned char>(s[end]) < 0x80) ++end;
    out.append(s, pos, end - pos);
    pos = end;
    if (pos == s.size()) break;
    const Decoded d = decode_utf8(s, pos);
    append_utf8(out, d.cp);  // re-encoding a well-formed sequence reproduces its bytes
    pos += d.size;
  }
  return out;
}

std::size_t utf16_length(std::string_view s) {
  std::size_t units = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++units;
      ++pos;
      continue;
    }
    const Decoded d = decode_utf8(s, pos);
    units += d.cp >= 0x10000 ? 2 : 1;  // each U+FFFD counts as one unit, as JS would see it
    pos += d.size;
  }
  return units;
}

}  // namespace osprey::text
