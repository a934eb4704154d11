#include "build/records_bundle.hpp"

#include "build/builder.hpp"
#include "build/json_text.hpp"
#include "build/schema_json.hpp"

namespace osprey {

Result<bool> read_records_key(const std::string& key, const nlohmann::json& value,
                              RecordsConfig& c) {
  auto fail = [&](const std::string& what) { return invalid("\"" + key + "\" " + what); };
  if (key == "schema") {
    Result<Schema> s = schema_from_json_value(value);
    if (!s.ok()) return s.error();
    c.schema = std::move(s.value());
  } else if (key == "language") {
    if (!value.is_string() || !valid_language(value.get<std::string>())) {
      return fail("must be a language code of 2 to 8 letters a-z, like \"en\"");
    }
    c.language = value.get<std::string>();
  } else if (key == "base_path") {
    if (!value.is_string()) return fail("must be a string");
    c.base_path = value.get<std::string>();
  } else if (key == "split_above") {
    if (!value.is_number_unsigned()) return fail("must be a number of bytes");
    c.split.split_above = value.get<uint64_t>();
  } else {
    return false;
  }
  return true;
}

Result<RecordsConfig> records_config_from_json(std::string_view text) {
  Result<nlohmann::json> parsed = parse_json(text);
  if (!parsed.ok()) return invalid("config:" + parsed.error().message);
  const nlohmann::json& j = parsed.value();
  if (!j.is_object()) return invalid("config: expected a JSON object");
  RecordsConfig c;
  for (const auto& [key, value] : j.items()) {
    Result<bool> read = read_records_key(key, value, c);
    if (!read.ok()) return read.error();
    if (!read.value()) {
      return invalid("unknown key \"" + key.substr(0, 40) +
                     "\" (the Node API takes schema, language, base_path, split_above)");
    }
  }
  return c;
}

Schema records_schema(const RecordsConfig& config) {
  Schema schema = config.schema ? *config.schema : Schema::defaults();
  if (!config.schema || config.language != kDefaultLanguage) schema.language = config.language;
  return schema;
}

namespace {

// One set's index, its counts and warnings added to out.
Result<BundleIndex> set_index(Schema schema, const RecordSet& set, std::size_t k,
                              const RecordsConfig& config, std::string_view generator,
                              RecordsBundle& out) {
  if (!set.language.empty() && !valid_language(set.language)) {
    return invalid("language \"" + set.language.substr(0, 40) +
                   "\": a language code is 2 to 8 letters a-z, like \"en\"");
  }
  if (!set.language.empty()) schema.language = set.language;
  IndexBuilder builder(schema);
  auto add = [&](const nlohmann::json& value, std::size_t line) {
    AddReport report = builder.add(value);
    if (!report.indexed) ++out.skipped;
    for (std::string& m : report.messages) out.warnings.push_back({k, line, std::move(m)});
  };
  // As the CLI: a malformed line stops the run with its error alone.
  if (set.format == RecordFormat::kJsonLines) {
    const std::vector<RecordLine> lines = record_lines(set.records);
    out.records += lines.size();
    for (const RecordLine& row : lines) {
      Result<nlohmann::json> value = parse_record_line(row);
      if (!value.ok()) return value.error();
      add(value.value(), row.line);
    }
  } else {
    Result<std::vector<Record>> parsed = parse_records(set.records, RecordFormat::kJsonArray);
    if (!parsed.ok()) return parsed.error();
    out.records += parsed.value().size();
    for (Record& r : parsed.value()) {
      add(r.value, r.line);
      r.value = nullptr;
    }
  }
  if (Result<std::monostate> fits = builder.check_limits(); !fits.ok()) return fits.error();
  const Index index = builder.finish();
  out.documents += index.doc_count;
  out.terms += index.terms.size();
  Result<BundleIndex> ix = bundle_index(index, schema.language, 0, config.split, generator);
  if (!ix.ok()) {
    return Error{ix.error().code, "the " + schema.language + " index: " + ix.error().message};
  }
  return ix;
}

}  // namespace

Result<RecordsBundle> records_bundle(const RecordsConfig& config,
                                     const std::vector<RecordSet>& sets,
                                     std::vector<std::pair<std::string, std::string>> assets,
                                     const CompressAll& compress, std::string_view generator) {
  const Schema schema = records_schema(config);
  if (sets.empty()) return invalid("no records");
  RecordsBundle out;
  BundleContent content{.indexes = {},
                        .default_language = {},
                        .shape = records_shape(schema, config.base_path),
                        .generator = std::string(generator),
                        .assets = std::move(assets)};
  for (std::size_t k = 0; k < sets.size(); ++k) {
    Result<BundleIndex> ix = set_index(schema, sets[k], k, config, generator, out);
    if (!ix.ok()) {
      if (sets.size() == 1) return ix.error();
      return Error{ix.error().code, sets[k].language + ": " + ix.error().message};
    }
    for (const BundleIndex& other : content.indexes) {
      if (other.language == ix.value().language) {
        return invalid("two sets of records in " + other.language + ": one index per language");
      }
    }
    content.indexes.push_back(std::move(ix.value()));
  }
  content.default_language = content.indexes.front().language;
  Result<std::vector<BundleFile>> files = bundle_files(content, compress);
  if (!files.ok()) return files.error();
  out.files = std::move(files.value());
  return out;
}

}  // namespace osprey
