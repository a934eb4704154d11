// The bundle: one folder that is the whole of site search for a static host.
// Which files it holds, with which names and bytes, is decided by
// build/bundle_files.hpp (shared with the Node API); this writes them.
//
// Every reference inside the folder is relative, so the folder works at any
// path on any host: deploy = copy the folder. docs/site-indexing.md specifies
// the manifest.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "build/bundle_files.hpp"
#include "core/result.hpp"

namespace osprey::site {

using osprey::Asset;
using osprey::BundleIndex;
using osprey::content_hash;
using osprey::index_file_name;
using osprey::index_parts_prefix;
using osprey::kAssets;
using osprey::kManifest;

/// The single-file engine (wasm inlined), used by single_file.hpp only.
inline constexpr const char* kSingleFileEngine = "engine/osprey-engine-single.js";

/// The folder holding the assets: explicit if given, else $OSPREY_ASSETS
/// (the npm package's shim sets it to the package's web/), else web/ beside
/// the program (the release folder), else share/osprey/web next to the
/// program's folder (an installed osprey), else, in a dev build only
/// (OSPREY_SOURCE_ASSETS), the source tree's web/ the program was built from.
/// The program's folder is that of /proc/self/exe, links resolved. The first
/// that holds osprey.js wins; an error lists where it looked.
Result<std::filesystem::path> find_assets(const std::string& explicit_dir);

/// The files of an assets folder that bundles and single-file pages copy:
/// kAssets expanded (folders to their files, sorted), then kSingleFileEngine
/// when present; paths relative to the folder (a file of dist/ as dist/...,
/// not as where the bundle puts it), with '/' separators. An error names a
/// required file that is missing. `osprey assets` prints them; the release
/// script (scripts/release) copies exactly these.
Result<std::vector<std::string>> asset_files(const std::filesystem::path& assets);

struct BundleSpec {
  std::filesystem::path dir;
  std::filesystem::path assets;
  std::vector<BundleIndex> indexes;  // at least one
  std::string default_language;
  /// What page URLs in the indexes resolve against, relative to the folder
  /// ("../" for a bundle inside the site), or an absolute base path; null: the
  /// URLs are used as they are.
  std::optional<std::string> site_root;
  nlohmann::ordered_json fields;  // roles -> field names, for result display
  std::vector<std::string> filters, sorts, meta;
  std::string generator;
};

struct BundleReport {
  std::vector<std::string> written;  // relative paths
  uint64_t bytes = 0;                // bytes written
  std::vector<std::string> removed;  // index files and assets of the previous run
};

/// Writes the bundle; the manifest last, so a failed run never names files
/// that are not there. Index files and assets a previous manifest listed and
/// this one does not are removed; nothing else is.
Result<BundleReport> write_bundle(const BundleSpec& spec);

}  // namespace osprey::site
