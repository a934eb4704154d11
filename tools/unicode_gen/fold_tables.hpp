// The fold tables in the formats of src/search/text/unicode_tables.hpp:
// segments of code points that fold alike, their kinds, and a pool of the
// strings they fold to.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/unicode_tables.hpp"
#include "unicode_gen/ucd.hpp"

namespace osprey::unicode_gen {

using osprey::text::tables::FoldTag;
using osprey::text::tables::kDelta;
using osprey::text::tables::kDelta2;
using osprey::text::tables::kFoldKindBits;
using osprey::text::tables::kFoldKindMask;
using osprey::text::tables::kFoldLimit;
using osprey::text::tables::kString;

// How a segment maps its code points, before pool offsets are known.
struct Kind {
  FoldTag tag;
  int32_t delta;        // kDelta, kDelta2
  std::u32string text;  // kString
};

struct Segment {
  char32_t start;
  Kind kind;
};

// Greedy: at each start, the candidate kind that covers the most code points.
std::vector<Segment> fold_segments(const std::vector<std::u32string>& folds);

struct FoldTables {
  std::vector<uint32_t> segments;
  std::vector<uint32_t> kinds;
  std::u16string pool;
};

FoldTables encode_folds(const std::vector<Segment>& segments);

/// Fails unless the class ranges give every code point its class and the
/// encoded tables give every code point its fold.
void check(const Ucd& ucd, const std::vector<std::u32string>& folds,
           const std::vector<ClassRange>& ranges, const FoldTables& t);

}  // namespace osprey::unicode_gen
