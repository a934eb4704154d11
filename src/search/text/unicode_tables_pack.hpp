// The packed form of the Unicode tables (src/search/text/unicode_tables.hpp): written
// by tools/gen_unicode_tables.cpp, unpacked by src/search/text/unicode.cpp, and by the
// generator again to check that unpacking gives back what it packed.
//
// A varint is unsigned LEB128 (7 bits a byte, low bits first, high bit set on
// every byte but the last); zigzag maps a signed n to 2n (n >= 0) or -2n-1.
//   kClassRangesPacked, per range: varint(first - previous last - 1; for the
//     first range: first), varint(last - first), one byte CharClass.
//   kFoldSegmentsPacked, in columns: varint(entry count), then per entry
//     varint(start - previous start; first: start), then per entry zigzag
//     varint(kind_index - previous kind_index; first: kind_index). (Columns
//     gzip 0.75 KB smaller than the two varints of an entry side by side.)
//   kFoldKindsPacked, per kind (strictly increasing): varint(kind - previous
//     kind; first: kind).
// Unpacking stops at the end of the bytes; a truncated last item is dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "text/unicode_tables.hpp"

namespace osprey::text::tables {

/// Reads the varint at bytes[pos], advancing pos; false if the bytes end first.
inline bool read_varint(std::span<const uint8_t> bytes, std::size_t& pos, uint32_t& out) {
  out = 0;
  for (unsigned shift = 0; pos < bytes.size() && shift < 35; shift += 7) {
    const uint8_t b = bytes[pos++];
    out |= static_cast<uint32_t>(b & 0x7F) << shift;
    if (b < 0x80) return true;
  }
  return false;
}

inline std::vector<ClassRange> unpack_class_ranges(std::span<const uint8_t> bytes) {
  std::vector<ClassRange> out;
  std::size_t pos = 0;
  uint32_t next = 0;  // previous last + 1
  uint32_t gap = 0;
  uint32_t length = 0;
  while (read_varint(bytes, pos, gap) && read_varint(bytes, pos, length) && pos < bytes.size()) {
    const uint32_t first = next + gap;
    const uint32_t cls = bytes[pos++];
    out.push_back({first, (first + length) | cls << kClassShift});
    next = first + length + 1;
  }
  return out;
}

inline std::vector<uint32_t> unpack_fold_segments(std::span<const uint8_t> bytes) {
  std::vector<uint32_t> out;
  std::size_t pos = 0;
  uint32_t count = 0;
  if (!read_varint(bytes, pos, count)) return out;
  uint32_t start = 0;
  uint32_t step = 0;
  while (out.size() < count && read_varint(bytes, pos, step)) {
    start += step;
    out.push_back(start << kFoldKindBits);
  }
  uint32_t index = 0;
  uint32_t zigzag = 0;
  std::size_t n = 0;
  while (n < out.size() && read_varint(bytes, pos, zigzag)) {
    index += (zigzag & 1) ? ~(zigzag >> 1) : zigzag >> 1;  // mod 2^32
    out[n++] |= index & kFoldKindMask;
  }
  out.resize(n);
  return out;
}

inline std::vector<uint32_t> unpack_fold_kinds(std::span<const uint8_t> bytes) {
  std::vector<uint32_t> out;
  std::size_t pos = 0;
  uint32_t kind = 0;
  uint32_t step = 0;
  while (read_varint(bytes, pos, step)) {
    kind += step;
    out.push_back(kind);
  }
  return out;
}

}  // namespace osprey::text::tables
