// The files of a bundle, as names and bytes: which web files it copies, what
// its index files are called, and its manifest (docs/site-indexing.md). One
// function, bundle_files, decides them for both writers: `osprey index
// --bundle` (tools/site/bundle.cpp, which writes them into a folder) and the
// Node API (wasm/builder_bindings.cpp; web/node/ writes them). No files are
// read or written here: the caller lists and reads the assets folder, and
// compresses (gzip is zlib's, at the edge: tools/gzip.hpp natively, pako in
// Node, which deflates to the same bytes).
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
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "index/binary_codec.hpp"
#include "index/index.hpp"

namespace osprey {

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
    // The JSON index converter, fetched only for a JSON index (web/widget/convert.js).
    {"engine/osprey-convert.wasm", false},
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

/// One file of the assets folder that a bundle copies.
struct AssetFile {
  std::string bundle_path;  // where the bundle puts it
  std::string source;       // its path in the assets folder
};

/// The files of an assets folder that a bundle copies, given every regular
/// file under the folder (relative paths, '/' separators, any order): kAssets
/// in list order, a folder's files sorted. A bundle path may come twice (a
/// built dist/ file over its source): the later one's bytes win. The error
/// names a required file that is missing: "osprey.js is missing".
Result<std::vector<AssetFile>> select_assets(std::vector<std::string> folder_files);

struct BundleIndex {
  std::string language;
  /// The binary index (src/search/index/binary_codec.hpp): one part for a single
  /// file (the base followed by everything), or the base and its parts.
  std::vector<WrittenPart> parts;
  uint32_t documents = 0;
  std::size_t pages = 0;  // 0 for records
};

/// How an index goes into a bundle: as one file, or, when the parts of
/// write_parts add up to more than split_above bytes, as a base and parts of
/// about these sizes (osprey.json "split_above"; docs/config.md). The one
/// place the CLI's and the Node API's sizes are declared.
struct SplitOptions {
  uint64_t split_above = uint64_t{1} << 20;
  /// part_prefix is bundle_index's (index_parts_prefix), whatever this holds.
  PartOptions parts{.postings_part_bytes = 4 << 10,
                    .stored_part_bytes = 4 << 10,
                    // docs/index-format.md "Text parts"
                    .stored_part_bytes_with_text = 16 << 10,
                    // Every query with a word needs every lengths part
                    // (docs/index-format.md "Lengths part payload"): few
                    // parts, fetched side by side.
                    .lengths_part_bytes = 64 << 10,
                    .text_part_bytes = 16 << 10,
                    .dictionary_part_bytes = 8 << 10};
};

/// The index of one language, encoded for a bundle (see SplitOptions).
Result<BundleIndex> bundle_index(const Index& index, const std::string& language, std::size_t pages,
                                 const SplitOptions& split, std::string_view generator);

/// What the manifest says besides the indexes: how results are shown.
struct BundleShape {
  /// What page URLs in the indexes resolve against, relative to the folder
  /// ("../" for a bundle inside the site), or an absolute base path; null: the
  /// URLs are used as they are.
  std::optional<std::string> site_root;
  nlohmann::ordered_json fields;  // roles -> field names, for result display
  std::vector<std::string> filters, sorts, meta;
};

/// The shape of an index of records: url and title by name, the excerpt from
/// the stored searchable fields but title, facets as filters, sortable fields
/// as sorts, stored fields that are not searched as meta; the base path (if
/// any) as site_root.
BundleShape records_shape(const Schema& schema, const std::string& base_path);

struct BundleContent {
  std::vector<BundleIndex> indexes;  // at least one
  std::string default_language;
  BundleShape shape;
  std::string generator;
  /// The assets: (bundle path, bytes) in select_assets order.
  std::vector<std::pair<std::string, std::string>> assets;
};

struct BundleFile {
  std::string path;  // relative, '/' separators
  std::string bytes;
};

/// One file to compress: with no dictionary, to one gzip member (tools/gzip.hpp
/// gzip: deflate level 9, mtime 0, OS byte 255); with one, to a raw DEFLATE
/// stream (level 9, window 15, memory level 8) with it as preset dictionary
/// (tools/gzip.hpp deflate_raw; build/deflate_dictionary.hpp).
struct CompressJob {
  std::string_view bytes;
  std::string_view dictionary;
};

/// Compresses each job, output k for job k; may work in parallel.
using CompressAll = std::function<std::vector<std::string>(const std::vector<CompressJob>&)>;

/// Every file of the bundle, in the order to write them: the assets, the index
/// files (gzip members: index.LANG.ID.osp and its parts; a sharded index's
/// display parts deflated against the dictionary trained on them, when they
/// hold at least kDictionaryMinBytes, and that dictionary, after its parts),
/// the manifest last (so a failed write never names files that are not
/// there). Errors: an index file over kMaxFileBytes.
Result<std::vector<BundleFile>> bundle_files(const BundleContent& content,
                                             const CompressAll& compress);

/// The display parts' bytes from which a bundle trains a dictionary for them:
/// below, the dictionary (~7 KiB of gzip, fetched once) is worth less than it saves.
inline constexpr uint64_t kDictionaryMinBytes = uint64_t{256} << 10;
/// The bytes of the dictionary a bundle trains (at most kMaxDeflateDictionaryBytes).
/// debian-63k (4 KiB stored parts, 1,420 B of gzip each): 16 KiB, 7.0 KiB of
/// gzip, makes a stored part 1,117 B; 32 KiB, 13.7 KiB of gzip, 1,087 B: the
/// 6.7 KiB more before the first result take ~5 typed queries to pay back
/// (bench/keystroke-clock.mjs: 161.2 against 159.8 KiB per typed query).
inline constexpr std::size_t kDictionaryBytes = 16384;

/// The bundle's file name of an index: index.LANG.BUILDID.osp.
std::string index_file_name(const BundleIndex& ix);
/// The bundle's file name of a sharded index's dictionary: index.LANG.BUILDID/dictionary.
std::string dictionary_file_name(const BundleIndex& ix);
/// PartOptions::part_prefix for a sharded index of language: its parts go in
/// the folder index.LANG.BUILDID/ beside the base.
std::string index_parts_prefix(const std::string& language);

/// 64-bit FNV-1a of bytes as 16 hex digits (content names; not a security hash).
std::string content_hash(std::string_view bytes);

}  // namespace osprey
