#include "site/decode.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "site/ascii.hpp"
#include "text/utf8.hpp"

namespace osprey::site {
namespace {

bool looks_binary(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 8192);
  std::size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) ++control;
  }
  return !head.empty() && control * 10 > head.size();
}

// The charset named after "charset" (then optional spaces, '=', optional
// quote) in the first 1024 bytes, lower-cased; "" if none. Looser than the
// HTML prescan, which is harmless: it only picks between two decoders.
std::string declared_charset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 1024);
  std::string lowered(head.size(), ' ');
  std::transform(head.begin(), head.end(), lowered.begin(), lower_char);
  for (std::size_t at = lowered.find("charset"); at != std::string::npos;
       at = lowered.find("charset", at + 1)) {
    std::size_t i = at + 7;
    while (i < lowered.size() && (lowered[i] == ' ' || lowered[i] == '\t')) ++i;
    if (i >= lowered.size() || lowered[i] != '=') continue;
    ++i;
    while (i < lowered.size() && (lowered[i] == ' ' || lowered[i] == '"' || lowered[i] == '\''))
      ++i;
    std::size_t end = i;
    while (end < lowered.size() &&
           (std::isalnum(static_cast<unsigned char>(lowered[end])) || lowered[end] == '-' ||
            lowered[end] == '_' || lowered[end] == ':' || lowered[end] == '.')) {
      ++end;
    }
    if (end > i) return lowered.substr(i, end - i);
  }
  return "";
}

bool is_windows_1252(const std::string& charset) {
  return charset == "windows-1252" || charset == "iso-8859-1" || charset == "latin1" ||
         charset == "latin-1" || charset == "iso8859-1" || charset == "cp1252" ||
         charset == "us-ascii" || charset == "ascii" || charset == "iso-8859-15";
}

// windows-1252 bytes 0x80-0x9F; the rest of the byte range is Latin-1.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string from_windows_1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      text::append_utf8(out, c < 0xA0 ? kCp1252High[c - 0x80] : char32_t{c});
    }
  }
  return out;
}

std::string from_utf16(std::string_view bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]),
               b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (char32_t{a} << 8 | b) : (char32_t{b} << 8 | a);
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    text::append_utf8(out, u);  // a lone surrogate becomes U+FFFD
  }
  return out;
}

}  // namespace

DecodedPage decode_page(std::string_view bytes) {
  DecodedPage page;
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    page.charset = "utf-16";
    page.text = from_utf16(bytes.substr(2), bytes[0] == '\xFE');
    return page;
  }
  if (looks_binary(bytes)) {
    page.binary = true;
    return page;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  page.charset = declared_charset(bytes);
  if (is_windows_1252(page.charset)) {
    page.text = from_windows_1252(bytes);
    return page;
  }
  page.unsupported_charset =
      !page.charset.empty() && page.charset != "utf-8" && page.charset != "utf8";
  // Copy valid runs whole; replace each ill-formed subpart. ASCII is stepped
  // over 8 bytes at a time; lines are counted only for the first bad sequence.
  page.text.reserve(bytes.size());
  std::size_t run = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    if (i + 8 <= bytes.size()) {
      uint64_t word;
      std::memcpy(&word, bytes.data() + i, 8);
      if ((word & 0x8080808080808080u) == 0) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const text::Decoded d = text::decode_utf8(bytes, i);
    if (d.cp == text::kReplacement && bytes.substr(i, 3) != "\xEF\xBF\xBD") {
      page.text.append(bytes.substr(run, i - run));
      text::append_utf8(page.text, text::kReplacement);
      if (page.replaced++ == 0) {
        page.first_bad_line = 1 + std::count(bytes.begin(), bytes.begin() + i, '\n');
      }
      run = i + d.size;
    }
    i += d.size;
  }
  page.text.append(bytes.substr(run));
  return page;
}

}  // namespace osprey::site
