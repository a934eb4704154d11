// Bundle index files as gzip members (docs/index-format.md, "Bundle files are
// gzip members"): written by the bundle, read by `osprey search`. zlib lives
// here, in tools/, never in src/ (the wasm engine takes uncompressed bytes;
// the page decompresses in web/widget/parts.js).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "index/limits.hpp"

namespace osprey::cli {

/// Whether bytes start with the gzip magic 1f 8b. An index file starts with
/// "osprey" (binary) or "{" (JSON), so the test is unambiguous.
bool is_gzip(std::string_view bytes);

/// bytes as one gzip member: deflate at level 9, and a fixed header (mtime 0,
/// no name, no extra field, OS byte 255 "unknown"), so the same input gives
/// the same bytes with the same zlib.
std::string gzip(std::string_view bytes);

/// The bytes of the one gzip member in member, at most max_bytes of them.
/// Errors (corrupt-index), which the caller prefixes with the file:
/// "decompresses past 268,435,456 bytes" (max_bytes), and "gzip data is
/// truncated or corrupt": bad data, a failed CRC or length check, anything
/// after the member, or output past the length the trailer states (so memory
/// stays within that length, and max_bytes, whatever the member holds).
Result<std::string> gunzip(std::string_view member, uint64_t max_bytes = kMaxFileBytes);

/// bytes as a raw DEFLATE stream (no wrapper) at level 9, window 15, memory
/// level 8, with dictionary (at most kMaxDeflateDictionaryBytes) as its preset
/// dictionary: a display part of a bundle (build/deflate_dictionary.hpp).
std::string deflate_raw(std::string_view bytes, std::string_view dictionary);

/// The part in a dictionary-deflated file (build/deflate_dictionary.hpp),
/// inflated with dictionary. Errors (corrupt-index): "decompresses past N
/// bytes" (its stated size over max_bytes), and "dictionary-deflated data is
/// truncated or corrupt": bad data, anything after the stream, or other than
/// the stated size out (memory stays within it).
Result<std::string> inflate_with_dictionary(std::string_view file, std::string_view dictionary,
                                            uint64_t max_bytes = kMaxFileBytes);

/// read_file, then gunzip if the file is a gzip member, or inflate it with its
/// folder's dictionary (kDeflateDictionaryFile, read once into *dictionary,
/// which starts empty) if dictionary-deflated: the bytes of an index file as
/// the engine takes them. Errors name the file: "PATH: what".
Result<std::string> read_index_file(const std::string& path, std::string* dictionary = nullptr);

}  // namespace osprey::cli
