// The offline search page: one self-contained HTML file that searches when
// opened from file:// (double-click), with no server and no network. Chromium
// blocks ES modules, workers and fetch() on file:// pages (origin "null"), so
// everything here is classic inline script: the engine built with
// -sSINGLE_FILE (wasm as base64 in its JS; wasm/CMakeLists.txt
// osprey_engine_single), widget/fetch.js and osprey-core.js, the page's script (offline.html),
// and each index as the text of a <script type="application/json"> block.
// The page speaks each index's language: the config block holds, per index
// language, the widget's strings file of that language (assets
// strings/CODE.json, the same words as <osprey-search>), when there is one;
// English is built into the page.
// Document text reaches the page only through textContent.
//
// Escaping: an index is JSON, where '<' can only occur inside strings, so every
// '<' is written "\u003c": no "</script" or "<!--" can end or disturb the block.
// Inlined scripts get "</script" -> "<\/script" and "<!--" -> "<\!--" (both mean
// the same inside JS strings); a script that still holds either is refused.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "site/bundle.hpp"

namespace osprey::site {

struct SingleFileSpec {
  // Holds engine/osprey-engine-single.js, widget/fetch.js and osprey-core.js.
  std::filesystem::path assets;
  std::vector<BundleIndex> indexes;  // each embedded
  std::string default_language;
  std::string title;                     // page heading ("Search")
  std::optional<std::string> site_root;  // relative to the file's folder, or absolute
  nlohmann::ordered_json fields;         // as in the manifest
};

/// The page's HTML.
Result<std::string> single_file_html(const SingleFileSpec& spec);

/// JSON text safe inside <script type="application/json">: '<' -> \u003c.
std::string json_for_script(std::string_view json);
/// JS text safe inside <script>, or an error when it cannot be made so.
Result<std::string> js_for_script(std::string_view js);

}  // namespace osprey::site
