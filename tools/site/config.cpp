#include "site/config.hpp"

#include <filesystem>

#include "build/json_text.hpp"
#include "build/records_bundle.hpp"
#include "build/schema_json.hpp"
#include "file_io.hpp"

namespace osprey::site {
namespace fs = std::filesystem;
using nlohmann::json;

Result<Config> read_config(const std::string& path) {
  Result<std::string> text = cli::read_json_file(path);
  if (!text.ok()) return text.error();
  Result<json> parsed = parse_json(text.value());
  if (!parsed.ok()) return invalid(path + ":" + parsed.error().message);
  const json& j = parsed.value();
  if (!j.is_object()) return invalid(path + ": expected a JSON object");
  Config c;
  auto fail = [&](const std::string& key, const std::string& what) {
    return invalid(path + ": \"" + key + "\" " + what);
  };
  if (j.contains("fields") && j.contains("id")) {
    Result<Schema> s = schema_from_json_value(j);
    if (!s.ok()) return invalid(path + ": " + s.error().message);
    c.schema = std::move(s.value());
    return c;
  }
  const fs::path dir = fs::path(path).parent_path();
  auto relative_path = [&](const std::string& p) {
    return p.empty() || fs::path(p).is_absolute() ? p : (dir / p).lexically_normal().string();
  };
  for (const auto& [key, value] : j.items()) {
    // schema, language, base_path, split_above: read as the Node API reads them.
    RecordsConfig shaped{std::move(c.schema), c.language, c.base_path, c.split};
    Result<bool> shaping = read_records_key(key, value, shaped);
    c.schema = std::move(shaped.schema);
    if (!shaping.ok()) return invalid(path + ": " + shaping.error().message);
    if (shaping.value()) {
      c.language = shaped.language;
      c.base_path = shaped.base_path;
      c.split = shaped.split;
      continue;
    }
    if (key == "site" || key == "input" || key == "output" || key == "bundle" ||
        key == "single_file" || key == "assets") {
      if (!value.is_string() || value.get<std::string>().empty()) {
        return fail(key, "must be a path (a non-empty string)");
      }
      const std::string p = relative_path(value.get<std::string>());
      (key == "site"          ? c.site
       : key == "input"       ? c.input
       : key == "output"      ? c.output
       : key == "bundle"      ? c.bundle
       : key == "single_file" ? c.single_file
                              : c.assets) = p;
    } else if (key == "format") {
      if (value != "json" && value != "jsonl") return fail(key, "must be \"json\" or \"jsonl\"");
      c.format = value.get<std::string>();
    } else if (key == "include" || key == "exclude") {
      std::vector<std::string>& list = key == "include" ? c.include : c.exclude;
      if (value.is_string()) {
        list.push_back(value.get<std::string>());
      } else if (value.is_array()) {
        for (const json& g : value) {
          if (!g.is_string() || g.get<std::string>().empty()) {
            return fail(key, "must be a glob or a list of globs (non-empty strings)");
          }
          list.push_back(g.get<std::string>());
        }
      } else {
        return fail(key, "must be a glob or a list of globs (non-empty strings)");
      }
    } else if (key == "title") {
      if (!value.is_string()) return fail(key, "must be a string");
      c.title = value.get<std::string>();
    } else if (key == "max_file_size") {
      if (!value.is_number_unsigned() || value.get<uint64_t>() == 0) {
        return fail(key, "must be a positive number of bytes");
      }
      c.max_file_size = value.get<uint64_t>();
    } else if (key == "page_time_limit") {
      if (!value.is_number() || !valid_page_time_limit(value.get<double>())) {
        return fail(key, std::string("must be ") + kPageTimeLimitRange);
      }
      c.page_time_limit = value.get<double>();
    } else if (key == "section_text") {
      if (!value.is_boolean()) return fail(key, "must be true or false");
      c.section_text = value.get<bool>();
    } else {
      return invalid(path + ": unknown key \"" + key.substr(0, 40) + "\" (see docs/config.md)");
    }
  }
  if (!c.site.empty() && !c.input.empty()) {
    return invalid(path + ": \"site\" and \"input\" are both set; choose one");
  }
  return c;
}

}  // namespace osprey::site
