// Schema <-> JSON (the config form of index/schema.hpp), shared by the config
// reader and the index codec. The search side never reads JSON: a binary
// index carries its schema in its own encoding.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "index/schema.hpp"

namespace osprey {

/// Parses and validates the JSON config form (index/schema.hpp).
Result<Schema> schema_from_json(std::string_view text);
/// The JSON config form, indented by 2.
std::string schema_to_json(const Schema& schema);

/// The same on an already parsed value.
Result<Schema> schema_from_json_value(const nlohmann::json& j);
nlohmann::json schema_to_json_value(const Schema& schema);

}  // namespace osprey
