#include "edge_text.hpp"

#include <cstdio>

namespace osprey::cli {

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      // U+0080..U+009F (C1, e.g. U+009B CSI) are two bytes C2 80..C2 9F.
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(text[++i]));
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string_view wide_encoding(std::string_view text) {
  auto at = [&](std::size_t i) -> int {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : -1;
  };
  // Byte order marks: FF FE 00 00 (UTF-32LE) before FF FE (UTF-16LE).
  if (at(0) == 0xff && at(1) == 0xfe) return at(2) == 0 && at(3) == 0 ? "UTF-32" : "UTF-16";
  if (at(0) == 0xfe && at(1) == 0xff) return "UTF-16";
  if (at(0) == 0 && at(1) == 0 && at(2) == 0xfe && at(3) == 0xff) return "UTF-32";
  // No mark: JSON text starts with an ASCII character, so its zero bytes say
  // the width (00 00 00 xx, xx 00 00 00: UTF-32; 00 xx, xx 00: UTF-16).
  if (text.size() < 2) return "";
  if (text.size() >= 4 && ((at(0) == 0 && at(1) == 0 && at(2) == 0 && at(3) > 0) ||
                           (at(0) > 0 && at(1) == 0 && at(2) == 0 && at(3) == 0)))
    return "UTF-32";
  if ((at(0) == 0 && at(1) > 0) || (at(0) > 0 && at(1) == 0)) return "UTF-16";
  return "";
}

}  // namespace osprey::cli
