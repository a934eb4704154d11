// Byte-level primitives of the binary index format (docs/index-format.md):
// LEB128 varints, length-prefixed strings, little-endian fixed ints, CRC-32,
// ascending id lists.
// ByteReader never reads out of bounds: a read past the end, an overlong
// varint or a value above its limit sets a sticky failure with a message, and
// every later read returns 0 / empty.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace osprey {

/// CRC-32 (IEEE 802.3, reflected, as zlib's crc32) of bytes.
uint32_t crc32(std::string_view bytes);

inline constexpr uint64_t kFnvOffset = 14695981039346656037ull;

/// 64-bit FNV-1a of bytes, continuing from h (kFnvOffset to start). Content
/// ids and cache names, not a security hash.
inline uint64_t fnv1a(std::string_view bytes, uint64_t h = kFnvOffset) {
  for (char c : bytes) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ull;
  }
  return h;
}

/// v as 16 lower-case hex digits.
inline std::string hex64(uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = kDigits[v & 15];
  return out;
}

class ByteWriter {
 public:
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void varint(uint64_t v) {
    while (v >= 0x80) {
      u8(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    u8(static_cast<uint8_t>(v));
  }
  void fixed32(uint32_t v) {
    for (int i = 0; i < 4; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void fixed64(uint64_t v) {
    for (int i = 0; i < 8; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void bytes(std::string_view s) { out_.append(s); }
  void string(std::string_view s) {
    varint(s.size());
    bytes(s);
  }
  std::string& buffer() { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  ByteReader(std::string_view in, std::string context) : in_(in), context_(std::move(context)) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  bool at_end() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }
  std::size_t position() const { return pos_; }

  /// Sets the failure (the first one wins): "CONTEXT: what (at byte N)".
  void fail(const std::string& what) {
    if (error_.empty()) error_ = context_ + ": " + what + " (at byte " + std::to_string(pos_) + ")";
  }

  uint8_t u8() {
    if (failed()) return 0;
    if (pos_ >= in_.size()) {
      fail("unexpected end of data");
      return 0;
    }
    return static_cast<uint8_t>(in_[pos_++]);
  }
  /// A varint at most max; what names the value in the error.
  uint64_t varint(uint64_t max, const char* what) {
    // Fast path: most varints are one byte (< 0x80) within their limit.
    if (pos_ < in_.size() && error_.empty()) {
      const uint8_t b = static_cast<uint8_t>(in_[pos_]);
      if (b < 0x80 && b <= max) {
        ++pos_;
        return b;
      }
    }
    return varint_slow(max, what);
  }
  uint32_t u32(uint32_t max, const char* what) { return static_cast<uint32_t>(varint(max, what)); }
  uint32_t fixed32() {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t{u8()} << (8 * i);
    return v;
  }
  uint64_t fixed64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{u8()} << (8 * i);
    return v;
  }
  std::string_view bytes(std::size_t n, const char* what) {
    if (failed()) return {};
    if (n > remaining()) {
      fail(std::string(what) + ": " + std::to_string(n) + " bytes past the end");
      return {};
    }
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::string_view string(const char* what) { return bytes(varint(remaining(), what), what); }

 private:
  uint64_t varint_slow(uint64_t max, const char* what) {
    if (failed()) return 0;
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) {
        fail("unexpected end of data");
        return 0;
      }
      const uint8_t b = static_cast<uint8_t>(in_[pos_++]);
      if (shift == 63 && b > 1) break;
      v |= uint64_t{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) {
        if (v > max) {
          fail(std::string(what) + " " + std::to_string(v) + " out of range (at most " +
               std::to_string(max) + ")");
          return 0;
        }
        return v;
      }
    }
    fail(std::string("overlong varint (") + what + ")");
    return 0;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string context_;
  std::string error_;
};

// A list of ids, strictly ascending: the first absolute, each next as its
// difference (>= 1) from the one before (docs/index-format.md: a document's
// facet value ids, base item 11; the terms of a stem, dictionary part item
// 3). Its count is written and read by the caller, who bounds it.

/// Writes ids, strictly ascending, as such a list.
inline void write_ascending_ids(ByteWriter& w, std::span<const uint32_t> ids) {
  uint32_t last = 0;
  for (const uint32_t id : ids) {
    w.varint(id - last);
    last = id;
  }
}

/// Reads count ids of such a list, each < bound, appending them to out (also
/// on failure). Errors name one id and the list: "ONE N out of range (at most
/// bound)" (a difference above bound), "MANY not ascending", "ONE out of range".
inline void read_ascending_ids(ByteReader& r, uint32_t count, uint32_t bound,
                               std::vector<uint32_t>& out, const char* one, const char* many) {
  uint64_t id = 0;
  for (uint32_t i = 0; i < count && !r.failed(); ++i) {
    const uint64_t gap = r.varint(bound, one);
    if (i > 0 && gap == 0) r.fail(std::string(many) + " not ascending");
    id = i == 0 ? gap : id + gap;
    if (id >= bound) r.fail(std::string(one) + " out of range");
    out.push_back(static_cast<uint32_t>(id));
  }
}

}  // namespace osprey
