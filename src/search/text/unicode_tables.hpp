// Tables defined by the generated src/search/text/unicode_tables.cpp (written by
// tools/gen_unicode_tables.cpp from UnicodeData.txt and CaseFolding.txt) and read
// by src/search/text/unicode.cpp. The formats below are the contract between the two.
// The generated file holds kClassRanges, kFoldSegments and kFoldKinds packed
// as bytes (k*Packed, formats in src/search/text/unicode_tables_pack.hpp: deltas as
// varints, about 40% of their gzip size as arrays of 32-bit words, which is
// what the wasm a page downloads holds); the reader unpacks each once.
#pragma once

#include <cstdint>
#include <span>

namespace osprey::text::tables {

// Character classes: inclusive ranges of code points whose general category is
// L*, N* or M*, sorted by first, disjoint, and merged where adjacent ranges have
// the same class. Code points in no range are CharClass::kOther.
// last_class = last | class << kClassShift, class being a CharClass value.
struct ClassRange {
  char32_t first;
  uint32_t last_class;
};
inline constexpr unsigned kClassShift = 24;
inline constexpr uint32_t kLastMask = (1u << kClassShift) - 1;
extern const std::span<const uint8_t> kClassRangesPacked;

// Search folding, fold(cp) as documented at osprey::text::fold_append.
//
// kFoldSegments is a step function over code points: entry
// start << kFoldKindBits | kind_index says that code points from start up to
// the next entry's start (or to U+10FFFF) fold by kFoldKinds[kind_index].
// Entries are strictly increasing, the first has start 0, and every code point
// >= kFoldLimit folds to itself (so start < kFoldLimit for every entry).
inline constexpr unsigned kFoldKindBits = 12;
inline constexpr uint32_t kFoldKindMask = (1u << kFoldKindBits) - 1;
inline constexpr char32_t kFoldLimit = 0x100000;
extern const std::span<const uint8_t> kFoldSegmentsPacked;

// kFoldKinds entries, by tag = kind & 3:
//   kDelta:   cp -> cp + (int32_t(kind) >> 2). Identity is kind 0.
//   kDelta2:  cp -> cp + (int32_t(kind) >> 2) if (cp - start) is even, else cp.
//   kString:  cp -> the UTF-16 text kFoldPool[offset, offset + units) with
//             units = (kind >> 2) & 31 and offset = kind >> 7; units may be 0.
// Every code point of a fold result folds to itself.
enum FoldTag : uint32_t { kDelta = 0, kDelta2 = 1, kString = 2 };
extern const std::span<const uint8_t> kFoldKindsPacked;
extern const std::span<const char16_t> kFoldPool;

}  // namespace osprey::text::tables
