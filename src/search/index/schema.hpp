// The schema: which fields of a record are searched (and how heavily), stored
// for display, used as facets or sort keys, and which one identifies a document.
// The model and its rules only; reading and writing the JSON form is the build
// side's (build/schema_json.hpp).
//
// Config file form (JSON), also the "schema" object of the index format:
//   {"id": "url", "language": "en",
//    "fields": [{"name": "title", "weight": 3, "stored": true},
//               {"name": "year", "source": "date", "transform": "year", "facet": true},
//               ...]}
// Field keys: name (required, unique), source (record key, default name),
// transform ("none" | "year": the leading 4-digit year of an ISO 8601 date),
// weight (0, or from 1e-6 to 1000 (limits.hpp): > 0 makes the field searchable;
// the BM25F field weight), stored, facet,
// sortable, boost (booleans, default false; a boost field holds a number >= 0
// that multiplies the document's relevance score, 1 when absent), group
// (boolean, default false; at most one field, stored, not the id field:
// records with the same value of it are one page, index.hpp "Pages"). The id
// field must be stored.
// language: the language of the text, an ISO 639 code of 2 to 8 letters a-z
// (default "en"). The analyzer stems "en" only (text/analyzer.hpp); index and
// query both analyze with the index's language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "index/limits.hpp"

namespace osprey {

enum class Transform : uint8_t { kNone, kYear };

struct FieldSpec {
  std::string name;
  std::string source;  // record key the value is read from
  Transform transform = Transform::kNone;
  double weight = 0;  // > 0: searchable
  bool stored = false;
  bool facet = false;
  bool sortable = false;
  bool boost = false;  // a number >= 0 that multiplies the document's score
  bool group = false;  // records sharing its value are one page (index.hpp "Pages")

  bool searchable() const { return weight > 0; }
  /// Whether the index keeps the field's value per document (the "stored" section).
  bool kept() const { return stored || sortable || boost; }
  bool operator==(const FieldSpec&) const = default;
};

inline constexpr std::string_view kDefaultLanguage = "en";

struct Schema {
  std::vector<FieldSpec> fields;           // at most kMaxFields, unique names
  std::string id_field;                    // name of a stored field
  std::string language{kDefaultLanguage};  // 2-8 letters a-z, e.g. "en", "fr"

  /// The schema for news-style records: title, summary, type, date, year, url.
  static Schema defaults();
  /// Validates an already built schema (unique names, id stored, limits).
  static Result<Schema> validate(Schema schema);

  /// Index of the field named name, or -1.
  int find(std::string_view name) const;
  /// Index of the group field, or -1.
  int group_field() const;
  bool operator==(const Schema&) const = default;
};

const char* transform_name(Transform t);
/// True for a language code the schema accepts: 2 to 8 letters a-z.
bool valid_language(std::string_view code);

}  // namespace osprey
