// Schema <-> nlohmann::json, shared by the config reader and the index codec.
#pragma once

#include <nlohmann/json.hpp>

#include "index/schema.hpp"

namespace osprey {

Result<Schema> schema_from_json(const nlohmann::json& j);
nlohmann::json schema_to_json(const Schema& schema);

}  // namespace osprey
