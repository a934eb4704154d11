#include "build/schema_json.hpp"

#include "build/json_text.hpp"

namespace osprey {

using nlohmann::json;

Result<Schema> schema_from_json_value(const json& j) {
  if (!j.is_object()) return invalid("schema: expected an object");
  Schema s;
  auto id = j.find("id");
  if (id == j.end() || !id->is_string()) return invalid("schema: \"id\" must be a string");
  s.id_field = id->get<std::string>();
  // Absent in indexes written before languages existed: they are English.
  if (auto lang = j.find("language"); lang != j.end()) {
    if (!lang->is_string()) return invalid("schema: \"language\" must be a string");
    s.language = lang->get<std::string>();
  }
  auto fields = j.find("fields");
  if (fields == j.end() || !fields->is_array())
    return invalid("schema: \"fields\" must be an array");
  if (fields->size() > kMaxFields) {
    return invalid("schema: more than " + std::to_string(kMaxFields) + " fields");
  }
  for (const json& f : *fields) {
    if (!f.is_object()) return invalid("schema: each field must be an object");
    FieldSpec spec;
    for (const auto& [key, value] : f.items()) {
      const std::string where = "schema: field key \"" + key + "\"";
      if (key == "name" || key == "source") {
        if (!value.is_string()) return invalid(where + " must be a string");
        (key == "name" ? spec.name : spec.source) = value.get<std::string>();
      } else if (key == "transform") {
        if (value == "none") {
          spec.transform = Transform::kNone;
        } else if (value == "year") {
          spec.transform = Transform::kYear;
        } else {
          return invalid(where + " must be \"none\" or \"year\"");
        }
      } else if (key == "weight") {
        if (!value.is_number()) return invalid(where + " must be a number");
        spec.weight = value.get<double>();
      } else if (key == "stored" || key == "facet" || key == "sortable" || key == "boost" ||
                 key == "group") {
        if (!value.is_boolean()) return invalid(where + " must be true or false");
        const bool b = value.get<bool>();
        (key == "stored"  ? spec.stored
         : key == "facet" ? spec.facet
         : key == "boost" ? spec.boost
         : key == "group" ? spec.group
                          : spec.sortable) = b;
      } else {
        return invalid(where + " is unknown");
      }
    }
    if (spec.source.empty()) spec.source = spec.name;
    s.fields.push_back(std::move(spec));
  }
  return Schema::validate(std::move(s));
}

json schema_to_json_value(const Schema& s) {
  json fields = json::array();
  for (const FieldSpec& f : s.fields) {
    json o = {{"name", f.name}, {"source", f.source}};
    if (f.transform != Transform::kNone) o["transform"] = transform_name(f.transform);
    if (f.weight > 0) o["weight"] = f.weight;
    if (f.stored) o["stored"] = true;
    if (f.facet) o["facet"] = true;
    if (f.sortable) o["sortable"] = true;
    if (f.boost) o["boost"] = true;
    if (f.group) o["group"] = true;
    fields.push_back(std::move(o));
  }
  return {{"id", s.id_field}, {"language", s.language}, {"fields", std::move(fields)}};
}

Result<Schema> schema_from_json(std::string_view text) {
  Result<json> j = parse_json(text);
  if (!j.ok()) return invalid("config: " + j.error().message);
  return schema_from_json_value(j.value());
}

std::string schema_to_json(const Schema& schema) {
  return schema_to_json_value(schema).dump(2);
}

}  // namespace osprey
