// Base surgery for the tests of the base's last items (docs/index-format.md
// base items 13 and 14): an index file whose base payload ends otherwise,
// behind a valid checksum, read back; and what reading it gives.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "index/binary_codec.hpp"
#include "index/bytes.hpp"

namespace osprey::test {

/// The file (a base, then any parts) read back with the base payload's last
/// `drop` bytes, which must be 0 bytes (empty lists' counts), replaced by
/// what tail writes.
inline Result<Index> with_base_tail(std::string_view file, std::size_t drop,
                                    const std::function<void(ByteWriter&)>& tail) {
  ByteReader header(file.substr(16), "t");
  const uint64_t n = header.varint(file.size(), "n");
  const std::size_t at = 16 + header.position();
  std::string payload(file.substr(at, n));
  REQUIRE(payload.ends_with(std::string(drop, '\0')));
  payload.resize(payload.size() - drop);
  ByteWriter p;
  p.bytes(payload);
  tail(p);
  ByteWriter w;
  w.bytes(file.substr(0, 16));
  w.varint(p.buffer().size());
  w.bytes(p.buffer());
  w.fixed32(crc32(p.buffer()));
  w.bytes(file.substr(at + n + 4));  // the parts
  return read_index_binary(w.buffer());
}

/// "ok", or the message of a read refused as a corrupt index.
inline std::string read_error(const Result<Index>& r) {
  if (r.ok()) return "ok";
  CHECK(r.error().code == ErrorCode::kCorruptIndex);
  return r.error().message;
}

/// Whether s holds part (s shown when it does not).
inline bool contains(const std::string& s, std::string_view part) {
  INFO(s);
  return s.find(part) != std::string::npos;
}

}  // namespace osprey::test
