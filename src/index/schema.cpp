#include "index/schema.hpp"

#include <cmath>

#include "core/json_text.hpp"
#include "index/schema_json.hpp"

namespace osprey {

using nlohmann::json;

const char* transform_name(Transform t) {
  return t == Transform::kYear ? "year" : "none";
}

bool valid_language(std::string_view code) {
  if (code.size() < 2 || code.size() > 8) return false;
  for (char c : code) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

Schema Schema::defaults() {
  Schema s;
  s.id_field = "url";
  s.fields = {
      {.name = "title", .source = "title", .weight = 3.0, .stored = true},
      {.name = "summary", .source = "summary", .weight = 1.0, .stored = true},
      {.name = "type", .source = "type", .weight = 0.5, .stored = true, .facet = true},
      {.name = "date", .source = "date", .stored = true, .sortable = true},
      {.name = "year", .source = "date", .transform = Transform::kYear, .facet = true},
      {.name = "url", .source = "url", .stored = true},
  };
  return s;
}

int Schema::find(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Result<Schema> Schema::validate(Schema s) {
  if (s.fields.empty()) return invalid("schema: \"fields\" is empty");
  if (s.fields.size() > kMaxFields) {
    return invalid("schema: more than " + std::to_string(kMaxFields) + " fields");
  }
  bool any_searchable = false;
  for (std::size_t i = 0; i < s.fields.size(); ++i) {
    const FieldSpec& f = s.fields[i];
    if (f.name.empty()) return invalid("schema: field " + std::to_string(i) + " has no name");
    if (f.source.empty()) return invalid("schema: field \"" + f.name + "\" has an empty source");
    if (!std::isfinite(f.weight) || f.weight < 0 || f.weight > 1000) {
      return invalid("schema: field \"" + f.name + "\" weight must be between 0 and 1000");
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (s.fields[k].name == f.name) return invalid("schema: duplicate field \"" + f.name + "\"");
    }
    any_searchable = any_searchable || f.searchable();
  }
  if (!any_searchable) return invalid("schema: no field has a weight > 0, nothing is searchable");
  const int id = s.find(s.id_field);
  if (id < 0) return invalid("schema: id field \"" + s.id_field + "\" is not a field");
  if (!s.fields[id].stored)
    return invalid("schema: id field \"" + s.id_field + "\" must be stored");
  if (!valid_language(s.language)) {
    return invalid(
        "schema: \"language\" must be a language code of 2 to 8 letters a-z, like "
        "\"en\" (got \"" +
        s.language.substr(0, 20) + "\")");
  }
  return s;
}

Result<Schema> schema_from_json(const json& j) {
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
      } else if (key == "stored" || key == "facet" || key == "sortable" || key == "boost") {
        if (!value.is_boolean()) return invalid(where + " must be true or false");
        const bool b = value.get<bool>();
        (key == "stored"  ? spec.stored
         : key == "facet" ? spec.facet
         : key == "boost" ? spec.boost
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

json schema_to_json(const Schema& s) {
  json fields = json::array();
  for (const FieldSpec& f : s.fields) {
    json o = {{"name", f.name}, {"source", f.source}};
    if (f.transform != Transform::kNone) o["transform"] = transform_name(f.transform);
    if (f.weight > 0) o["weight"] = f.weight;
    if (f.stored) o["stored"] = true;
    if (f.facet) o["facet"] = true;
    if (f.sortable) o["sortable"] = true;
    if (f.boost) o["boost"] = true;
    fields.push_back(std::move(o));
  }
  return {{"id", s.id_field}, {"language", s.language}, {"fields", std::move(fields)}};
}

Result<Schema> Schema::from_json(std::string_view text) {
  Result<json> j = parse_json(text);
  if (!j.ok()) return invalid("config: " + j.error().message);
  return schema_from_json(j.value());
}

std::string Schema::to_json() const {
  return schema_to_json(*this).dump(2);
}

}  // namespace osprey
