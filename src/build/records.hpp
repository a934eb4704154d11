// Record input: a JSON array of objects, or JSON Lines (one object per line).
// Malformed JSON is an error naming line and column; records that parse but
// cannot be indexed are the builder's to skip and report.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace osprey {

enum class RecordFormat { kJsonArray, kJsonLines };

struct Record {
  nlohmann::json value;  // any JSON value; the builder checks it is an object
  std::size_t line;      // line of the input where it starts, from 1
};

/// Parses all records of text. Errors read "L:C: what" (line, column).
Result<std::vector<Record>> parse_records(std::string_view text, RecordFormat format);

/// A line of JSON Lines text that holds a record (blank lines hold none).
struct RecordLine {
  std::string_view text;
  std::size_t line;  // from 1
};
/// The record lines of JSON Lines text, in order: parse_records(kJsonLines)
/// in two steps, so a caller may parse the lines in parallel.
std::vector<RecordLine> record_lines(std::string_view text);
/// Parses one record line. Errors read "L:C: what", as parse_records'.
Result<nlohmann::json> parse_record_line(const RecordLine& line);

}  // namespace osprey
