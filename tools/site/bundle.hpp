// The bundle: one folder that is the whole of site search for a static host.
//
//   osprey-manifest.json       the entry: stable name, read first (revalidate)
//   index.LANG.ID.osp          one index per language, named by its build id
//                              (cache them forever), and its parts in
//                              index.LANG.ID/; each file a gzip member
//                              (docs/index-format.md)
//   osprey.js, osprey-worker.js, osprey-core.js, engine/osprey-engine.{js,wasm},
//   widget files, strings/     copied from the assets folder (kAssets); the
//                              built dist/ (one file each for the page's module
//                              and the worker, scripts/bundle-web.mjs) in place
//                              of the source osprey.js and osprey-worker.js
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

#include "core/result.hpp"
#include "index/binary_codec.hpp"

namespace osprey::site {

/// A file of the assets folder (normally the repository's web/) that goes
/// into bundles, or a folder (path ending in '/': every file under it).
/// Required files must exist; optional ones are copied when present. A file
/// goes to the same path in the bundle, or, with `into`, to `into` followed by
/// its path inside the folder; a later entry's file replaces an earlier one's
/// of the same bundle path.
struct Asset {
  const char* path;  // relative, '/' separators
  bool required;
  const char* into = nullptr;  // a folder's destination in the bundle ("": its top)
};

/// The one list of files copied into a bundle.
inline constexpr Asset kAssets[] = {
    {"osprey.js", true},
    {"osprey-worker.js", true},
    {"osprey-core.js", true},
    {"engine/osprey-engine.js", true},
    {"engine/osprey-engine.wasm", true},
    // A Snowball stemmer module per language but English (web/widget/stemmer.js).
    {"engine/stem/", false},
    {"osprey-classic.js", false},
    {"osprey-search.js", false},
    {"osprey-search.css", false},
    {"widget/", false},
    {"strings/", false},  // the widget's UI strings, one JSON file per language
    // Built by scripts/bundle-web.mjs: osprey.js and osprey-worker.js as one
    // file each (fewer fetch rounds before the first result), over the sources.
    {"dist/", false, ""},
};

/// The bundle's entry, by which a folder is known to be a bundle.
inline constexpr const char* kManifest = "osprey-manifest.json";

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

struct BundleIndex {
  std::string language;
  /// The binary index (src/search/index/binary_codec.hpp): one part for a single
  /// file (the base followed by everything), or the base and its parts.
  std::vector<WrittenPart> parts;
  uint32_t documents = 0;
  std::size_t pages = 0;  // 0 for records
};

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
  std::vector<std::string> removed;  // index files of the previous run
};

/// Writes the bundle; the manifest last, so a failed run never names files
/// that are not there. Index files a previous manifest listed and this one
/// does not are removed; nothing else is.
Result<BundleReport> write_bundle(const BundleSpec& spec);

/// The bundle's file name of an index: index.LANG.BUILDID.osp.
std::string index_file_name(const BundleIndex& ix);
/// PartOptions::part_prefix for a sharded index of language: its parts go in
/// the folder index.LANG.BUILDID/ beside the base.
std::string index_parts_prefix(const std::string& language);

/// 64-bit FNV-1a of bytes as 16 hex digits (content names; not a security hash).
std::string content_hash(std::string_view bytes);

}  // namespace osprey::site
