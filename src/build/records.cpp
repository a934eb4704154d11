#include "build/records.hpp"

#include "build/json_text.hpp"

namespace osprey {
namespace {

Result<std::vector<Record>> parse_array(std::string_view text) {
  Result<nlohmann::json> doc = parse_json(text);
  if (!doc.ok()) return doc.error();
  if (!doc.value().is_array()) {
    return invalid("1:1: expected a JSON array of records (or JSON Lines in a .jsonl file)");
  }
  // Array elements carry no positions once parsed; find each element's line by
  // re-scanning the top level, skipping strings and nested containers.
  std::vector<std::size_t> lines;
  std::size_t line = 1;
  int depth = 0;
  bool in_string = false;
  bool expect_value = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (depth == 1 && expect_value && c != ']') {
      lines.push_back(line);
      expect_value = false;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth == 1) expect_value = true;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expect_value = true;
    }
  }
  std::vector<Record> records;
  records.reserve(doc.value().size());
  for (std::size_t i = 0; i < doc.value().size(); ++i) {
    records.push_back({std::move(doc.value()[i]), i < lines.size() ? lines[i] : 1});
  }
  return records;
}

Result<std::vector<Record>> parse_lines(std::string_view text) {
  std::vector<Record> records;
  for (const RecordLine& row : record_lines(text)) {
    Result<nlohmann::json> value = parse_record_line(row);
    if (!value.ok()) return value.error();
    records.push_back({std::move(value.value()), row.line});
  }
  return records;
}

}  // namespace

Result<std::vector<Record>> parse_records(std::string_view text, RecordFormat format) {
  return format == RecordFormat::kJsonLines ? parse_lines(text) : parse_array(text);
}

std::vector<RecordLine> record_lines(std::string_view text) {
  std::vector<RecordLine> rows;
  std::size_t line = 1;
  for (std::size_t begin = 0; begin < text.size(); ++line) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view row = text.substr(begin, end - begin);
    begin = end + 1;
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    rows.push_back({row, line});
  }
  return rows;
}

Result<nlohmann::json> parse_record_line(const RecordLine& row) {
  Result<nlohmann::json> value = parse_json(row.text);
  if (!value.ok()) {
    // parse_json counts within the row, where it is always line 1: "1:C: ...".
    const std::string& message = value.error().message;
    return invalid(std::to_string(row.line) + message.substr(message.find(':')));
  }
  return value;
}

}  // namespace osprey
