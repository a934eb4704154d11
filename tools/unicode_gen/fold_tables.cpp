#include "unicode_gen/fold_tables.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace osprey::unicode_gen {
namespace {

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

}  // namespace

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

}  // namespace osprey::unicode_gen
