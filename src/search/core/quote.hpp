// Quoting input inside a message. Messages are one line (core/result.hpp), but
// what they quote comes from users: field names from URLs and argv, values of
// records. quoted() keeps them short and on one line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace osprey {

/// text in double quotes, cut to at most max_bytes (at a code point, then "…"),
/// with control characters (C0, DEL, C1, U+2028, U+2029) as "?". Never fails;
/// invalid UTF-8 passes through as it is, minus controls.
inline std::string quoted(std::string_view text, std::size_t max_bytes = 64) {
  std::size_t end = text.size() < max_bytes ? text.size() : max_bytes;
  while (end < text.size() && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  auto at = [&](std::size_t i) { return i < end ? static_cast<unsigned char>(text[i]) : 0; };
  std::string out = "\"";
  for (std::size_t i = 0; i < end; ++i) {
    const unsigned char c = at(i);
    const bool c1 = c == 0xC2 && at(i + 1) >= 0x80 && at(i + 1) <= 0x9F;
    const bool separator = c == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) & 0xFE) == 0xA8;
    if (c < 0x20 || c == 0x7F || c1 || separator) {
      out += '?';
      i += c1 ? 1 : separator ? 2 : 0;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (end < text.size()) out += "…";
  out += '"';
  return out;
}

}  // namespace osprey
