#include "site/single_file.hpp"

#include <cstdint>

#include <cctype>

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

std::string base64(std::string_view in) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t v =
        uint32_t(uint8_t(in[i])) << 16 | uint32_t(uint8_t(in[i + 1])) << 8 | uint8_t(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kDigits[(v >> k) & 63];
  }
  if (const std::size_t rest = in.size() - i; rest > 0) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16;
    if (rest == 2) v |= uint32_t(uint8_t(in[i + 1])) << 8;
    out += kDigits[(v >> 18) & 63];
    out += kDigits[(v >> 12) & 63];
    out += rest == 2 ? kDigits[(v >> 6) & 63] : '=';
    out += '=';
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
  Result<std::string> core = cli::read_file((spec.assets / "osprey-core.js").string());
  if (!core.ok()) return core.error();
  Result<std::string> engine_js = js_for_script(engine.value());
  if (!engine_js.ok()) return engine_js.error();
  Result<std::string> core_js = js_for_script(core.value());
  if (!core_js.ok()) return core_js.error();

  nlohmann::ordered_json config;
  config["defaultLanguage"] = spec.default_language;
  config["siteRoot"] = spec.site_root ? nlohmann::ordered_json(*spec.site_root) : nullptr;
  config["fields"] = spec.fields;
  nlohmann::ordered_json langs = nlohmann::ordered_json::array();
  for (const BundleIndex& ix : spec.indexes) langs.push_back(ix.language);
  config["languages"] = std::move(langs);

  std::string indexes;
  for (const BundleIndex& ix : spec.indexes) {
    // The binary index as base64: no byte of it can end the script block.
    indexes += "<script type=\"application/octet-stream\" class=\"osprey-index\" data-lang=\"" +
               escape_html(ix.language) + "\">";
    std::string bytes;
    for (const WrittenPart& part : ix.parts) bytes += part.bytes;
    indexes += base64(bytes);
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
