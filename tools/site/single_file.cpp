#include "site/single_file.hpp"

#include <cstdint>

#include <cctype>
#include <utility>

#include "file_io.hpp"

namespace osprey::site {

extern const char kOfflineTemplate[];  // offline.html, embedded by tools/CMakeLists.txt

namespace {

std::string escape_html(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool starts_ci(std::string_view s, std::size_t at, std::string_view word) {
  if (s.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[at + i])) != word[i]) return false;
  }
  return true;
}

// Appends in as base64 to out, written in place (the index is megabytes).
void append_base64(std::string& out, std::string_view in) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::size_t at = out.size();
  out.resize(at + (in.size() + 2) / 3 * 4);
  char* o = out.data() + at;
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t v =
        uint32_t(uint8_t(in[i])) << 16 | uint32_t(uint8_t(in[i + 1])) << 8 | uint8_t(in[i + 2]);
    *o++ = kDigits[(v >> 18) & 63];
    *o++ = kDigits[(v >> 12) & 63];
    *o++ = kDigits[(v >> 6) & 63];
    *o++ = kDigits[v & 63];
  }
  if (const std::size_t rest = in.size() - i; rest > 0) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16;
    if (rest == 2) v |= uint32_t(uint8_t(in[i + 1])) << 8;
    *o++ = kDigits[(v >> 18) & 63];
    *o++ = kDigits[(v >> 12) & 63];
    *o++ = rest == 2 ? kDigits[(v >> 6) & 63] : '=';
    *o++ = '=';
  }
}

// The strings file of the widget (web/strings/CODE.json) for an index
// language, as web/widget/languages.js uiLanguage chooses it: the primary
// subtag, lower-cased, under its aliases; Chinese, whose index names no
// script, zh-CN.
std::string strings_code(std::string_view language) {
  std::string code;
  for (char c : language.substr(0, language.find_first_of("-_"))) {
    code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"no", "nb"}, {"iw", "he"}, {"in", "id"}, {"zh", "zh-CN"}};
  for (const auto& [from, to] : kAliases) {
    if (code == from) return std::string(to);
  }
  return code;
}

// {index language: strings table} for the languages of indexes whose strings
// file the assets hold (the page speaks English for the others); a file that
// is there but not a JSON object is an error.
Result<nlohmann::ordered_json> page_strings(const SingleFileSpec& spec) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const BundleIndex& ix : spec.indexes) {
    const std::string code = strings_code(ix.language);
    // English is built into the page; a code that is not a plain name names no file.
    if (code == "en" || code.empty() || code.find_first_of("/\\.") != std::string::npos) continue;
    const std::filesystem::path file = spec.assets / "strings" / (code + ".json");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    Result<std::string> text = cli::read_file(file.string());
    if (!text.ok()) return text.error();
    nlohmann::ordered_json table = nlohmann::ordered_json::parse(text.value(), nullptr, false);
    if (!table.is_object()) {
      return invalid(file.string() + ": the UI strings are not a JSON object");
    }
    out[ix.language] = std::move(table);
  }
  return out;
}

}  // namespace

std::string json_for_script(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 64);
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::string> js_for_script(std::string_view js) {
  std::string out;
  out.reserve(js.size());
  for (std::size_t i = 0; i < js.size(); ++i) {
    if (js[i] == '<' && starts_ci(js, i, "</script")) {
      out += "<\\/";
      ++i;
    } else if (js[i] == '<' && starts_ci(js, i, "<!--")) {
      out += "<\\";
    } else {
      out += js[i];
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (starts_ci(out, i, "</script") || starts_ci(out, i, "<!--")) {
      return invalid("a script to inline holds \"</script\" or \"<!--\" that cannot be escaped");
    }
  }
  return out;
}

Result<std::string> single_file_html(const SingleFileSpec& spec) {
  Result<std::string> engine = cli::read_file((spec.assets / kSingleFileEngine).string());
  if (!engine.ok()) {
    return invalid(engine.error().message +
                   " (the single-file engine: build the wasm tree, "
                   "cmake --build build/wasm)");
  }
  // osprey-core.js takes OspreyError from widget/fetch.js: one script, that one first.
  Result<std::string> fetch = cli::read_file((spec.assets / "widget/fetch.js").string());
  if (!fetch.ok()) return fetch.error();
  Result<std::string> core = cli::read_file((spec.assets / "osprey-core.js").string());
  if (!core.ok()) return core.error();
  Result<std::string> engine_js = js_for_script(engine.value());
  if (!engine_js.ok()) return engine_js.error();
  Result<std::string> core_js = js_for_script(fetch.value() + "\n;\n" + core.value());
  if (!core_js.ok()) return core_js.error();

  nlohmann::ordered_json config;
  config["defaultLanguage"] = spec.default_language;
  config["siteRoot"] = spec.site_root ? nlohmann::ordered_json(*spec.site_root) : nullptr;
  config["fields"] = spec.fields;
  nlohmann::ordered_json langs = nlohmann::ordered_json::array();
  for (const BundleIndex& ix : spec.indexes) langs.push_back(ix.language);
  config["languages"] = std::move(langs);
  Result<nlohmann::ordered_json> strings = page_strings(spec);
  if (!strings.ok()) return strings.error();
  config["strings"] = std::move(strings.value());

  std::string indexes;
  for (const BundleIndex& ix : spec.indexes) {
    // The binary index as base64: no byte of it can end the script block.
    indexes += "<script type=\"application/octet-stream\" class=\"osprey-index\" data-lang=\"" +
               escape_html(ix.language) + "\">";
    if (ix.parts.size() == 1) {
      append_base64(indexes, ix.parts.front().bytes);
    } else {
      std::string bytes;
      for (const WrittenPart& part : ix.parts) bytes += part.bytes;
      append_base64(indexes, bytes);
    }
    indexes += "</script>\n";
  }

  // One pass over the template, so nothing inserted is ever read as a placeholder.
  const std::string_view tpl = kOfflineTemplate;
  const std::pair<std::string_view, std::string> values[] = {
      {"{{LANG}}", escape_html(spec.default_language)},
      {"{{TITLE}}", escape_html(spec.title)},
      {"{{CONFIG}}", json_for_script(config.dump())},
      {"{{INDEXES}}", indexes},
      {"{{ENGINE}}", engine_js.value()},
      {"{{CORE}}", core_js.value()},
  };
  std::string out;
  out.reserve(tpl.size() + indexes.size() + engine_js.value().size() + core_js.value().size());
  for (std::size_t i = 0; i < tpl.size();) {
    bool replaced = false;
    if (tpl[i] == '{') {
      for (const auto& [key, value] : values) {
        if (tpl.substr(i, key.size()) == key) {
          out += value;
          i += key.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += tpl[i++];
  }
  return out;
}

}  // namespace osprey::site
