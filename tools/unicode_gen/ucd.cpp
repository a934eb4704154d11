#include "unicode_gen/ucd.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string_view>

namespace osprey::unicode_gen {

[[noreturn]] void fail(const std::string& message) {
  throw std::runtime_error(message);
}

bool is_surrogate(char32_t cp) {
  return cp >= 0xD800 && cp <= 0xDFFF;
}

std::string hex(uint32_t value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%0*X", digits, value);
  return buf;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  return parts;
}

char32_t parse_cp(std::string_view s, const std::string& where) {
  uint32_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, 16);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || value >= kCodeSpace) {
    fail(where + ": bad code point '" + std::string(s) + "'");
  }
  return value;
}

// Space-separated hex code points; a leading <tag> is skipped.
std::u32string parse_cps(std::string_view s, const std::string& where) {
  std::u32string out;
  for (std::string_view part : split(s, ' ')) {
    if (part.empty() || part.front() == '<') continue;
    out.push_back(parse_cp(part, where));
  }
  return out;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path + ": cannot open");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.empty()) fail(path + ": empty");
  return lines;
}

}  // namespace

void read_unicode_data(const std::string& path, Ucd& ucd) {
  ucd.category.assign(kCodeSpace, "Cn");
  const std::vector<std::string> lines = read_lines(path);
  char32_t range_first = 0;
  bool in_range = false;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string where = path + ":" + std::to_string(n + 1);
    if (trim(lines[n]).empty()) continue;
    const std::vector<std::string_view> f = split(lines[n], ';');
    if (f.size() != 15 || f[2].size() != 2) fail(where + ": expected 15 fields");
    const char32_t cp = parse_cp(f[0], where);
    const std::string_view name = f[1];
    if (name.ends_with(", First>")) {
      range_first = cp;
      in_range = true;
      continue;
    }
    if (name.ends_with(", Last>")) {
      if (!in_range || cp < range_first) fail(where + ": range Last without First");
      for (char32_t c = range_first; c <= cp; ++c) ucd.category[c] = f[2];
      in_range = false;
      continue;
    }
    if (in_range) fail(where + ": range First without Last");
    ucd.category[cp] = f[2];
    if (!f[5].empty()) {
      std::u32string d = parse_cps(f[5], where);
      if (d.empty()) fail(where + ": empty decomposition");
      ucd.decompose[cp] = d;
    }
  }
  if (in_range) fail(path + ": range First without Last at end of file");
}

void read_case_folding(const std::string& path, Ucd& ucd) {
  const std::vector<std::string> lines = read_lines(path);
  const std::string_view first = lines[0];
  const std::string_view prefix = "# CaseFolding-";
  const std::size_t txt = first.find(".txt");
  if (!first.starts_with(prefix) || txt == std::string_view::npos || txt <= prefix.size()) {
    fail(path + ":1: expected '# CaseFolding-<version>.txt'");
  }
  ucd.version = std::string(first.substr(prefix.size(), txt - prefix.size()));
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string where = path + ":" + std::to_string(n + 1);
    std::string_view line = lines[n];
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    const std::vector<std::string_view> f = split(line, ';');
    if (f.size() != 4 || !f[3].empty()) fail(where + ": expected 'code; status; mapping;'");
    if (f[1] != "C" && f[1] != "F") continue;
    std::u32string mapping = parse_cps(f[2], where);
    if (mapping.empty()) fail(where + ": empty mapping");
    ucd.casefold[parse_cp(f[0], where)] = mapping;
  }
}

CharClass class_of(const std::string& category) {
  switch (category[0]) {
    case 'L':
      return CharClass::kLetter;
    case 'N':
      return CharClass::kNumber;
    case 'M':
      return CharClass::kMark;
    default:
      return CharClass::kOther;
  }
}

void append_nfkd(const Ucd& ucd, char32_t cp, std::u32string& out, int depth) {
  if (depth > 32) fail("decomposition of " + hex(cp, 4) + " does not terminate");
  const auto it = ucd.decompose.find(cp);
  if (it == ucd.decompose.end()) {
    out.push_back(cp);
    return;
  }
  for (char32_t c : it->second) append_nfkd(ucd, c, out, depth + 1);
}

std::u32string fold_step(const Ucd& ucd, const std::u32string& s) {
  std::u32string decomposed;
  for (char32_t c : s) append_nfkd(ucd, c, decomposed, 0);
  std::u32string out;
  for (char32_t c : decomposed) {
    const auto it = ucd.casefold.find(c);
    const std::u32string folded = it == ucd.casefold.end() ? std::u32string(1, c) : it->second;
    for (char32_t f : folded) {
      if (ucd.category[f] != "Mn") out.push_back(f);
    }
  }
  return out;
}

std::vector<std::u32string> compute_folds(const Ucd& ucd) {
  std::vector<std::u32string> folds(kCodeSpace);
  for (char32_t cp = 0; cp < kCodeSpace; ++cp) {
    std::u32string s(1, cp);
    if (!is_surrogate(cp)) {
      for (int round = 0;; ++round) {
        if (round == 16) fail("fold of " + hex(cp, 4) + " reaches no fixed point");
        std::u32string next = fold_step(ucd, s);
        if (next == s) break;
        s = std::move(next);
      }
    }
    folds[cp] = std::move(s);
  }
  for (char32_t cp = 0; cp < kCodeSpace; ++cp) {
    if (is_surrogate(cp)) continue;  // folds to itself, never reached from text
    for (char32_t c : folds[cp]) {
      if (is_surrogate(c)) fail("fold of " + hex(cp, 4) + " holds a surrogate");
      if (folds[c] != std::u32string(1, c)) {
        fail("fold is not idempotent at " + hex(cp, 4) + " (via " + hex(c, 4) + ")");
      }
    }
  }
  return folds;
}

std::vector<ClassRange> class_ranges(const Ucd& ucd) {
  std::vector<ClassRange> ranges;
  for (char32_t cp = 0; cp < kCodeSpace; ++cp) {
    const CharClass cls = class_of(ucd.category[cp]);
    if (cls == CharClass::kOther) continue;
    if (!ranges.empty() && ranges.back().last + 1 == cp && ranges.back().cls == cls) {
      ranges.back().last = cp;
    } else {
      ranges.push_back({cp, cp, cls});
    }
  }
  for (const ClassRange& r : ranges) {
    if (r.last >> kClassShift) fail("class range end does not fit the table format");
  }
  return ranges;
}

}  // namespace osprey::unicode_gen
