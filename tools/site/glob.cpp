#include "site/glob.hpp"

namespace osprey::site {
namespace {

// Matches a character class at p[i] ('[' ... ']') against c; advances i past it.
// A class without its closing ']' is a literal '['.
bool match_class(std::string_view p, std::size_t& i, char c, bool& ok) {
  std::size_t j = i + 1;
  const bool negate = j < p.size() && (p[j] == '!' || p[j] == '^');
  if (negate) ++j;
  bool hit = false;
  const std::size_t first = j;
  for (; j < p.size() && (p[j] != ']' || j == first); ++j) {
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      hit = hit || (p[j] <= c && c <= p[j + 2]);
      j += 2;
    } else {
      hit = hit || p[j] == c;
    }
  }
  if (j >= p.size()) return false;  // no ']': not a class
  i = j + 1;
  ok = (hit != negate) && c != '/';
  return true;
}

// Iterative wildcard matching with one backtrack point per '*' run, and
// recursion only at '**' segments (bounded by the number of segments).
bool match(std::string_view p, std::string_view s) {
  // "**/" at the start of p: zero or more leading segments of s.
  if (p.substr(0, 3) == "**/") {
    std::string_view rest = p.substr(3);
    for (std::size_t at = 0;;) {
      if (match(rest, s.substr(at))) return true;
      const std::size_t slash = s.find('/', at);
      if (slash == std::string_view::npos) return false;
      at = slash + 1;
    }
  }
  if (p == "**") return true;
  std::size_t pi = 0, si = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      // "/**/" or a trailing "/**" inside the pattern.
      if (p[pi] == '/' && p.substr(pi + 1, 2) == "**" && (pi + 3 == p.size() || p[pi + 3] == '/') &&
          s[si] == '/') {
        if (pi + 3 == p.size()) return true;
        return match(p.substr(pi + 1), s.substr(si + 1));
      }
      const char c = p[pi];
      if (c == '*') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (c == '?' && s[si] != '/') {
        ++pi, ++si;
        continue;
      }
      if (c == '[') {
        std::size_t next = pi;
        bool ok = false;
        if (match_class(p, next, s[si], ok)) {
          if (ok) {
            pi = next, ++si;
            continue;
          }
        } else if (s[si] == '[') {
          ++pi, ++si;
          continue;
        }
      } else if (c == s[si] && c != '?') {
        ++pi, ++si;
        continue;
      }
    }
    // Mismatch: let the last '*' take one more character, never a '/'.
    if (star_p == std::string_view::npos || s[star_s] == '/') return false;
    pi = star_p;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size() || p.substr(pi) == "/**";
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return false;
  if (pattern.back() == '/') {
    // A folder: everything under it, at any depth when the pattern has no other '/'.
    std::string p(pattern);
    p += "**";
    if (pattern.find('/') == pattern.size() - 1) p = "**/" + p;
    return match(p, path);
  }
  if (pattern.find('/') == std::string_view::npos) {
    const std::size_t slash = path.rfind('/');
    return match(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  if (pattern.front() == '/') pattern.remove_prefix(1);
  return match(pattern, path);
}

bool glob_any(const std::vector<std::string>& patterns, std::string_view path) {
  for (const std::string& p : patterns) {
    if (glob_match(p, path)) return true;
  }
  return false;
}

}  // namespace osprey::site
