// The JSON index format v1 (build/codec.hpp, docs/index-format.md "JSON
// format") as the interchange format: a JSON index from any tool becomes the
// binary index file (format v3) that the engine loads, through the one JSON
// reader and the one binary writer, so a JSON index written by `osprey index
// --index-format json` converts to the bytes `osprey index -o` writes for the
// same records. The browser runs this in its own wasm module
// (wasm/convert_module.cpp, engine/osprey-convert.wasm), fetched only for a
// JSON index.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace osprey {

/// True when bytes look like a JSON index rather than a binary one: the first
/// byte that is not JSON whitespace is '{'. (web/osprey-core.js asks the same.)
bool is_json_index(std::string_view bytes);

/// A JSON index text as the binary index file that write_index_file writes,
/// recording generator as the program that wrote it.
/// Errors: kLimit for text over kMaxFileBytes (index/limits.hpp, what a
/// reader takes of any index file) or an index beyond the format's limits
/// (check_limits); read_index's (kUnsupported, kCorruptIndex) otherwise.
Result<std::string> json_index_to_binary(std::string_view text, std::string_view generator);

}  // namespace osprey
