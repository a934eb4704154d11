// Records -> the files of a bundle, in one call: the builder's entry point for
// the Node API (wasm/builder_bindings.cpp, web/node/indexer.js; docs/node-api.md).
// `osprey index INPUT --bundle DIR` makes the same files from the same records
// and settings: it analyzes records on threads (tools/cmd_index.cpp), but adds
// them in input order as this does, and both name and lay out the files with
// build/bundle_files.hpp (tests/node/node-api.test.mjs compares the bytes).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "build/bundle_files.hpp"
#include "build/records.hpp"
#include "core/result.hpp"
#include "index/schema.hpp"

namespace osprey {

/// The osprey.json settings that shape an index of records and its bundle
/// (docs/config.md): "schema", "language", "base_path", "split_above".
struct RecordsConfig {
  std::optional<Schema> schema;  // none: Schema::defaults(), the news schema
  std::string language{kDefaultLanguage};
  std::string base_path;
  SplitOptions split;
};

/// Reads one of those keys into c: false when key is not one of them. The one
/// reader of these keys, for osprey.json (tools/site/config.cpp) and the Node
/// API; errors name the key: "\"language\" must be a language code of 2 to 8
/// letters a-z, like \"en\"" (a schema's errors are schema_from_json's).
Result<bool> read_records_key(const std::string& key, const nlohmann::json& value,
                              RecordsConfig& c);

/// Reads those keys from a JSON object (the Node API's createIndex); any other
/// key is refused ("unknown key \"site\" (the Node API takes schema, language,
/// base_path, split_above)").
Result<RecordsConfig> records_config_from_json(std::string_view text);

/// The schema records are indexed with, as `osprey index` picks it: the
/// config's, or the default; the config's language when there is no schema or
/// the language is not the default one.
Schema records_schema(const RecordsConfig& config);

/// The records of one language: one index of the bundle.
struct RecordSet {
  std::string language;      // empty: the schema's (records_schema)
  std::string_view records;  // a JSON array, or JSON Lines
  RecordFormat format = RecordFormat::kJsonLines;
};

struct RecordWarning {
  std::size_t set;   // which RecordSet, from 0
  std::size_t line;  // where the record starts in its set's input, from 1
  std::string message;
};

struct RecordsBundle {
  std::vector<BundleFile> files;  // bundle_files' files, in write order
  std::size_t records = 0;        // in the input
  std::size_t skipped = 0;        // not indexed (warnings say why)
  uint32_t documents = 0;
  std::size_t terms = 0;
  std::vector<RecordWarning> warnings;  // in input order
};

/// Parses each set's records and builds the bundle of their indexes, one per
/// set (the first set's language is the bundle's default); every record added
/// in input order; assets as bundle_files takes them. With one set this is
/// what `osprey index INPUT --bundle` writes. Errors: malformed JSON ("L:C:
/// what", the first malformed line of JSON Lines; "fr: L:C: what" when there
/// are several sets), the format's limits, two sets of one language.
Result<RecordsBundle> records_bundle(const RecordsConfig& config,
                                     const std::vector<RecordSet>& sets,
                                     std::vector<std::pair<std::string, std::string>> assets,
                                     const CompressAll& compress, std::string_view generator);

}  // namespace osprey
