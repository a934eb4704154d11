// gen_unicode_tables UnicodeData.txt CaseFolding.txt OUT.cpp
//
// Writes src/search/text/unicode_tables.cpp in the formats of src/search/text/unicode_tables.hpp,
// whose constants it includes (build natively with src/search/ on the include path).
// The output depends only on the two input files (same input, same bytes), and
// the program checks before writing that the encoded tables reproduce every
// code point's class and fold and that fold is idempotent; it exits 1 with a
// message on stderr when an input is malformed or a check or format limit fails.
//
// fold(cp) is the fixed point of s -> drop_Mn(casefold(nfkd(s))) starting from
// the one-code-point string cp, where
//   nfkd:     recursive decomposition from UnicodeData field 5, canonical and
//             <tagged> compatibility alike, without Hangul syllable decomposition
//             and without canonical reordering;
//   casefold: CaseFolding.txt mappings of status C and F;
//   drop_Mn:  removal of code points of general category Mn.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "text/unicode.hpp"
#include "text/unicode_tables.hpp"
#include "text/unicode_tables_pack.hpp"

namespace {

using osprey::text::CharClass;
using osprey::text::tables::FoldTag;
using osprey::text::tables::kClassShift;
using osprey::text::tables::kDelta;
using osprey::text::tables::kDelta2;
using osprey::text::tables::kFoldKindBits;
using osprey::text::tables::kFoldKindMask;
using osprey::text::tables::kFoldLimit;
using osprey::text::tables::kString;

constexpr char32_t kCodeSpace = 0x110000;  // one past U+10FFFF

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

struct Ucd {
  std::vector<std::string> category;             // general category per code point; Cn if unlisted
  std::map<char32_t, std::u32string> decompose;  // UnicodeData field 5, tag dropped
  std::map<char32_t, std::u32string> casefold;   // CaseFolding statuses C and F
  std::string version;                           // from CaseFolding.txt's first line
};

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

struct ClassRange {
  char32_t first;
  char32_t last;
  CharClass cls;
};

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

// How a segment maps its code points, before pool offsets are known.
struct Kind {
  FoldTag tag;
  int32_t delta;        // kDelta, kDelta2
  std::u32string text;  // kString
};

std::u32string apply(const Kind& kind, char32_t start, char32_t cp) {
  switch (kind.tag) {
    case kDelta:
      return std::u32string(1, static_cast<char32_t>(cp + kind.delta));
    case kDelta2:
      return std::u32string(1, (cp - start) % 2 ? cp : static_cast<char32_t>(cp + kind.delta));
    case kString:
      return kind.text;
  }
  fail("bad kind tag");
}

struct Segment {
  char32_t start;
  Kind kind;
};

// Greedy: at each start, the candidate kind that covers the most code points.
std::vector<Segment> fold_segments(const std::vector<std::u32string>& folds) {
  std::vector<Segment> segments;
  char32_t start = 0;
  while (start < kCodeSpace) {
    const std::u32string& f = folds[start];
    std::vector<Kind> candidates;
    if (f.size() == 1) {
      const int32_t delta = static_cast<int32_t>(f[0]) - static_cast<int32_t>(start);
      candidates.push_back({kDelta, delta, {}});
      if (delta != 0) candidates.push_back({kDelta2, delta, {}});
    } else {
      candidates.push_back({kString, 0, f});
    }
    char32_t best_end = 0;
    const Kind* best = nullptr;
    for (const Kind& kind : candidates) {
      char32_t end = start + 1;
      while (end < kCodeSpace && apply(kind, start, end) == folds[end]) ++end;
      if (end > best_end) {
        best_end = end;
        best = &kind;
      }
    }
    segments.push_back({start, *best});
    start = best_end;
  }
  const Segment& last = segments.back();
  if (last.start >= kFoldLimit || last.kind.tag != kDelta || last.kind.delta != 0) {
    fail("code points at or above kFoldLimit must fold to themselves");
  }
  return segments;
}

std::u16string to_utf16(const std::u32string& s) {
  std::u16string out;
  for (char32_t c : s) {
    if (c < 0x10000) {
      out.push_back(static_cast<char16_t>(c));
    } else {
      out.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
    }
  }
  return out;
}

struct FoldTables {
  std::vector<uint32_t> segments;
  std::vector<uint32_t> kinds;
  std::u16string pool;
};

// Lays out the strings longest first, each reusing an earlier occurrence in the
// pool or overlapping the pool's tail where it can.
std::map<std::u32string, std::pair<uint32_t, uint32_t>> build_pool(
    const std::set<std::u32string>& strings, std::u16string& pool) {
  std::vector<std::u16string> order;
  for (const std::u32string& s : strings) order.push_back(to_utf16(s));
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::map<std::u16string, uint32_t> offsets;
  for (const std::u16string& u : order) {
    std::size_t at = std::search(pool.begin(), pool.end(), u.begin(), u.end()) - pool.begin();
    if (at == pool.size() && !u.empty()) {
      std::size_t overlap = std::min(u.size() - 1, pool.size());
      while (overlap > 0 && pool.compare(pool.size() - overlap, overlap, u, 0, overlap) != 0) {
        --overlap;
      }
      at = pool.size() - overlap;
      pool.append(u, overlap);
    }
    offsets[u] = static_cast<uint32_t>(u.empty() ? 0 : at);
  }
  std::map<std::u32string, std::pair<uint32_t, uint32_t>> placed;
  for (const std::u32string& s : strings) {
    const std::u16string u = to_utf16(s);
    placed[s] = {offsets.at(u), static_cast<uint32_t>(u.size())};
  }
  return placed;
}

FoldTables encode_folds(const std::vector<Segment>& segments) {
  FoldTables t;
  std::set<std::u32string> strings;
  for (const Segment& s : segments) {
    if (s.kind.tag == kString) strings.insert(s.kind.text);
  }
  const auto placed = build_pool(strings, t.pool);
  auto encode = [&](const Kind& kind) -> uint32_t {
    if (kind.tag != kString) return static_cast<uint32_t>(kind.delta) << 2 | kind.tag;
    const auto [offset, units] = placed.at(kind.text);
    if (units > 31 || offset >= (1u << 25)) fail("fold string does not fit the table format");
    return offset << 7 | units << 2 | kString;
  };
  std::set<uint32_t> distinct;
  for (const Segment& s : segments) distinct.insert(encode(s.kind));
  t.kinds.assign(distinct.begin(), distinct.end());
  if (t.kinds.size() > (1u << kFoldKindBits)) fail("too many fold kinds for the table format");
  for (const Segment& s : segments) {
    const uint32_t code = encode(s.kind);
    const auto index = std::lower_bound(t.kinds.begin(), t.kinds.end(), code) - t.kinds.begin();
    t.segments.push_back(s.start << kFoldKindBits | static_cast<uint32_t>(index));
  }
  return t;
}

// The lookup of src/search/text/unicode.cpp, run against the encoded tables.
std::u32string lookup_fold(const FoldTables& t, char32_t cp) {
  if (cp >= kFoldLimit) return std::u32string(1, cp);
  const uint32_t key = cp << kFoldKindBits | kFoldKindMask;
  const uint32_t segment = *(std::upper_bound(t.segments.begin(), t.segments.end(), key) - 1);
  const char32_t start = segment >> kFoldKindBits;
  const uint32_t kind = t.kinds[segment & kFoldKindMask];
  const int32_t delta = static_cast<int32_t>(kind) >> 2;
  switch (kind & 3) {
    case kDelta:
      return std::u32string(1, cp + delta);
    case kDelta2:
      return std::u32string(1, (cp - start) % 2 ? cp : cp + delta);
    case kString:
      break;
    default:
      fail("bad kind tag");
  }
  std::u32string out;
  const std::size_t end = (kind >> 7) + ((kind >> 2) & 31);
  for (std::size_t i = kind >> 7; i < end; ++i) {
    const char16_t u = t.pool[i];
    if (u >= 0xD800 && u <= 0xDBFF) {
      out.push_back(0x10000 + ((u - 0xD800) << 10) + (t.pool[++i] - 0xDC00));
    } else {
      out.push_back(u);
    }
  }
  return out;
}

void check(const Ucd& ucd, const std::vector<std::u32string>& folds,
           const std::vector<ClassRange>& ranges, const FoldTables& t) {
  std::vector<CharClass> classes(kCodeSpace, CharClass::kOther);
  for (const ClassRange& r : ranges) {
    for (char32_t cp = r.first; cp <= r.last; ++cp) classes[cp] = r.cls;
  }
  for (char32_t cp = 0; cp < kCodeSpace; ++cp) {
    if (classes[cp] != class_of(ucd.category[cp])) fail("class table wrong at " + hex(cp, 4));
    if (lookup_fold(t, cp) != folds[cp]) fail("fold table wrong at " + hex(cp, 4));
  }
}

void put_varint(std::vector<uint8_t>& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

// The packed tables, in the formats of src/search/text/unicode_tables_pack.hpp.
struct Packed {
  std::vector<uint8_t> ranges, segments, kinds;
};

Packed pack(const std::vector<ClassRange>& ranges, const FoldTables& t) {
  Packed p;
  char32_t next = 0;
  for (const ClassRange& r : ranges) {
    put_varint(p.ranges, r.first - next);
    put_varint(p.ranges, r.last - r.first);
    p.ranges.push_back(static_cast<uint8_t>(r.cls));
    next = r.last + 1;
  }
  uint32_t start = 0;
  int64_t index = 0;
  for (uint32_t s : t.segments) {
    const int64_t step = static_cast<int64_t>(s & kFoldKindMask) - index;
    put_varint(p.segments, (s >> kFoldKindBits) - start);
    put_varint(p.segments, static_cast<uint32_t>(step >= 0 ? 2 * step : -2 * step - 1));
    start = s >> kFoldKindBits;
    index = s & kFoldKindMask;
  }
  uint32_t kind = 0;
  for (uint32_t k : t.kinds) {
    put_varint(p.kinds, k - kind);
    kind = k;
  }
  // What src/search/text/unicode.cpp will unpack must be what was packed.
  std::vector<osprey::text::tables::ClassRange> expected;
  for (const ClassRange& r : ranges) {
    expected.push_back({r.first, r.last | static_cast<uint32_t>(r.cls) << kClassShift});
  }
  const auto got = osprey::text::tables::unpack_class_ranges(p.ranges);
  if (got.size() != expected.size() ||
      !std::equal(got.begin(), got.end(), expected.begin(), [](const auto& a, const auto& b) {
        return a.first == b.first && a.last_class == b.last_class;
      })) {
    fail("class ranges do not unpack to themselves");
  }
  if (osprey::text::tables::unpack_fold_segments(p.segments) != t.segments) {
    fail("fold segments do not unpack to themselves");
  }
  if (osprey::text::tables::unpack_fold_kinds(p.kinds) != t.kinds) {
    fail("fold kinds do not unpack to themselves");
  }
  return p;
}

// Writes items separated by ", " in lines of at most 100 columns.
void write_items(std::ostream& out, const std::vector<std::string>& items) {
  std::string line = "   ";
  for (const std::string& item : items) {
    if (line.size() + 1 + item.size() + 1 > 100) {
      out << line << '\n';
      line = "   ";
    }
    line += ' ' + item + ',';
  }
  if (line.size() > 3) out << line << '\n';
}

std::string render(const Ucd& ucd, const std::vector<std::u32string>& folds,
                   const std::vector<ClassRange>& ranges, const FoldTables& t) {
  std::size_t folded = 0;
  for (char32_t cp = 0; cp < kCodeSpace; ++cp) {
    if (folds[cp] != std::u32string(1, cp)) ++folded;
  }
  std::ostringstream out;
  out << "// Generated by tools/gen_unicode_tables.cpp from Unicode " << ucd.version << "\n"
      << "// UnicodeData.txt and CaseFolding.txt. Do not edit by hand; regenerate with\n"
      << "//   gen_unicode_tables UnicodeData.txt CaseFolding.txt "
         "src/search/text/unicode_tables.cpp\n"
      << "// Formats: src/search/text/unicode_tables_pack.hpp. Contents: " << ranges.size()
      << " class ranges; " << folded << " code points\n"
      << "// with fold(cp) != cp, in " << t.segments.size() << " segments, " << t.kinds.size()
      << " kinds and " << t.pool.size() << " pool units.\n"
      << "#include \"text/unicode_tables.hpp\"\n"
      << "\n"
      << "#include \"text/unicode.hpp\"\n"
      << "\n"
      << "namespace osprey::text::tables {\n"
      << "namespace {\n"
      << "\n"
      << "// clang-format off\n";

  const Packed packed = pack(ranges, t);
  std::vector<std::string> items;
  auto bytes = [&](const char* name, const std::vector<uint8_t>& data) {
    items.clear();
    for (uint8_t b : data) items.push_back(hex(b, 2));
    out << "constexpr uint8_t " << name << "[] = {\n";
    write_items(out, items);
    out << "};\n\n";
  };
  bytes("kClassRangesData", packed.ranges);
  bytes("kFoldSegmentsData", packed.segments);
  bytes("kFoldKindsData", packed.kinds);

  items.clear();
  for (char16_t u : t.pool) items.push_back(hex(u, 4));
  out << "constexpr char16_t kFoldPoolData[] = {\n";
  write_items(out, items);
  out << "};\n"
      << "// clang-format on\n"
      << "\n"
      << "}  // namespace\n"
      << "\n"
      << "constexpr std::span<const uint8_t> kClassRangesPacked{kClassRangesData};\n"
      << "constexpr std::span<const uint8_t> kFoldSegmentsPacked{kFoldSegmentsData};\n"
      << "constexpr std::span<const uint8_t> kFoldKindsPacked{kFoldKindsData};\n"
      << "constexpr std::span<const char16_t> kFoldPool{kFoldPoolData};\n"
      << "\n"
      << "}  // namespace osprey::text::tables\n";
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: gen_unicode_tables UnicodeData.txt CaseFolding.txt OUT.cpp\n";
    return 2;
  }
  try {
    Ucd ucd;
    read_unicode_data(argv[1], ucd);
    read_case_folding(argv[2], ucd);
    const std::vector<std::u32string> folds = compute_folds(ucd);
    const std::vector<ClassRange> ranges = class_ranges(ucd);
    const FoldTables tables = encode_folds(fold_segments(folds));
    check(ucd, folds, ranges, tables);
    const std::string text = render(ucd, folds, ranges, tables);
    std::ofstream out(argv[3], std::ios::binary | std::ios::trunc);
    if (!out || !out.write(text.data(), static_cast<std::streamsize>(text.size())) ||
        !out.flush()) {
      std::cerr << "gen_unicode_tables: " << argv[3] << ": cannot write\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "gen_unicode_tables: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
