// The one codec of the JSON index format, version 1: the writer and the reader
// share this file's layout constants. docs/index-format.md specifies every key.
// The reader trusts nothing: every count, offset, id and position is checked,
// and any failure is an Error naming what is wrong. It never aborts or hangs.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "index/index.hpp"

namespace osprey {

inline constexpr std::string_view kFormatName = "osprey-index";
inline constexpr int kFormatVersion = 1;

/// Serializes index (which must satisfy index.hpp's invariants) as compact JSON.
std::string write_index(const Index& index, std::string_view generator);

/// Parses and validates index text; the result is finalized.
/// Errors: kUnsupported (not an Osprey index, or another version),
/// kCorruptIndex (anything else that does not check out).
Result<Index> read_index(std::string_view text);

}  // namespace osprey
