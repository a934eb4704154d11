// JSON text -> nlohmann::json, with errors as values that say where, in the
// compiler convention "L:C: <what>" (callers prefix a file name). Lines and
// columns count from 1; columns in bytes.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace osprey {

/// Parses one JSON value spanning all of text (surrounding whitespace allowed).
Result<nlohmann::json> parse_json(std::string_view text);

/// Line and column (both from 1) of byte offset in text.
struct TextPosition {
  std::size_t line;
  std::size_t column;
};
TextPosition text_position(std::string_view text, std::size_t offset);

}  // namespace osprey
