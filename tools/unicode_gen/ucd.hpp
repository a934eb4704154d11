// The Unicode Character Database as gen_unicode_tables reads it, and what it
// derives from it: the class of every code point, and its fold (the
// definition is at the top of tools/gen_unicode_tables.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "text/unicode.hpp"
#include "text/unicode_tables.hpp"

namespace osprey::unicode_gen {

using osprey::text::CharClass;
using osprey::text::tables::kClassShift;

constexpr char32_t kCodeSpace = 0x110000;  // one past U+10FFFF

/// Throws std::runtime_error(message): main reports it and exits 1.
[[noreturn]] void fail(const std::string& message);

bool is_surrogate(char32_t cp);

/// value as 0x followed by at least digits upper-case hex digits.
std::string hex(uint32_t value, int digits);

struct Ucd {
  std::vector<std::string> category;             // general category per code point; Cn if unlisted
  std::map<char32_t, std::u32string> decompose;  // UnicodeData field 5, tag dropped
  std::map<char32_t, std::u32string> casefold;   // CaseFolding statuses C and F
  std::string version;                           // from CaseFolding.txt's first line
};

void read_unicode_data(const std::string& path, Ucd& ucd);
void read_case_folding(const std::string& path, Ucd& ucd);

CharClass class_of(const std::string& category);

/// fold(cp) of every code point; fails unless fold is idempotent.
std::vector<std::u32string> compute_folds(const Ucd& ucd);

struct ClassRange {
  char32_t first;
  char32_t last;
  CharClass cls;
};

/// Maximal runs of code points of one class other than kOther.
std::vector<ClassRange> class_ranges(const Ucd& ucd);

}  // namespace osprey::unicode_gen
