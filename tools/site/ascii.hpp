// ASCII as HTML reads it: its whitespace and its case-insensitive names
// (tag and attribute names, charset labels, language codes). Locale-free.
#pragma once

#include <string>

namespace osprey::site {

/// HTML's ASCII whitespace ('\r' too: the parser reads it as '\n').
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

inline char lower_char(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// s with A-Z as a-z; other bytes as they are.
inline std::string lower_ascii(std::string s) {
  for (char& c : s) c = lower_char(c);
  return s;
}

}  // namespace osprey::site
