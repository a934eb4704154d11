// UTF-8 decoding and encoding. Decoding never fails: each maximal ill-formed
// subpart (Unicode 15, §3.9 "U+FFFD substitution of maximal subparts") becomes
// one U+FFFD, so truncated, overlong, surrogate and >U+10FFFF sequences are safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace osprey::text {

inline constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
  char32_t cp;    // the scalar value, or kReplacement
  uint32_t size;  // bytes consumed, >= 1
};

/// Decodes one scalar value at s[pos]. Requires pos < s.size().
Decoded decode_utf8(std::string_view s, std::size_t pos);

/// Appends the UTF-8 encoding of cp (a surrogate or >U+10FFFF writes U+FFFD).
void append_utf8(std::string& out, char32_t cp);

/// The whole of s with every ill-formed subpart replaced by U+FFFD.
std::string sanitize_utf8(std::string_view s);

/// Number of UTF-16 code units of the valid-UTF-8 prefix s (for JS offsets).
std::size_t utf16_length(std::string_view s);

/// Code points of s: its bytes that start one (not 10xxxxxx); on ill-formed
/// UTF-8, an upper bound.
inline std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace osprey::text
