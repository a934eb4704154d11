// The schema's rules and defaults, without JSON: what a searcher needs (the
// wasm engine links this, not schema.cpp's config parsing).
#include <cmath>
#include <string>

#include "index/schema.hpp"

namespace osprey {

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

int Schema::group_field() const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].group) return static_cast<int>(i);
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
    // 0, or a normal number in range: 1e-320 would be searchable yet score 0.
    if (f.weight != 0 && !(f.weight >= kMinFieldWeight && f.weight <= kMaxFieldWeight)) {
      return invalid("schema: field \"" + f.name + "\" weight must be " +
                     std::string(kFieldWeightRule));
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (s.fields[k].name == f.name) return invalid("schema: duplicate field \"" + f.name + "\"");
    }
    any_searchable = any_searchable || f.searchable();
    if (f.group) {
      if (!f.stored) return invalid("schema: group field \"" + f.name + "\" must be stored");
      if (f.name == s.id_field) return invalid("schema: the id field cannot be the group field");
      for (std::size_t k = 0; k < i; ++k) {
        if (s.fields[k].group) return invalid("schema: more than one group field");
      }
    }
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

}  // namespace osprey
