#include "site/bundle.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <system_error>

#include "build/json_text.hpp"
#include "file_io.hpp"
#include "gzip.hpp"
#include "index/bytes.hpp"
#include "index/limits.hpp"
#include "parallel.hpp"

namespace osprey::site {
namespace fs = std::filesystem;

namespace {

bool holds_assets(const fs::path& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_regular_file(dir / "osprey.js", ec);
}

fs::path program_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// Files of one kAssets entry that exist: (relative path, absolute path).
std::vector<std::pair<std::string, fs::path>> expand(const fs::path& assets, const Asset& a) {
  std::vector<std::pair<std::string, fs::path>> out;
  const std::string rel = a.path;
  std::error_code ec;
  if (rel.back() != '/') {
    if (fs::is_regular_file(assets / rel, ec)) out.emplace_back(rel, assets / rel);
    return out;
  }
  const fs::path folder = assets / rel;
  if (!fs::is_directory(folder, ec)) return out;
  const std::string into = a.into ? a.into : rel;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      out.emplace_back(into + it->path().lexically_relative(folder).generic_string(), it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string index_file_name(const BundleIndex& ix) {
  return "index." + ix.language + "." + ix.parts.front().name + ".osp";
}

std::string index_parts_prefix(const std::string& language) {
  return "index." + language + ".{id}/";
}

std::string content_hash(std::string_view bytes) {
  return hex64(fnv1a(bytes));
}

Result<fs::path> find_assets(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) {
    if (holds_assets(explicit_dir)) return fs::path(explicit_dir);
    return invalid("assets folder " + explicit_dir + " has no osprey.js");
  }
  std::vector<fs::path> tried;
  if (const char* env = std::getenv("OSPREY_ASSETS"); env && *env) tried.emplace_back(env);
  if (fs::path dir = program_dir(); !dir.empty())
    tried.push_back(dir.parent_path() / "share/osprey/web");
#ifdef OSPREY_SOURCE_WEB_DIR
  tried.emplace_back(OSPREY_SOURCE_WEB_DIR);
#endif
  std::string list;
  for (const fs::path& p : tried) {
    if (holds_assets(p)) return p;
    list += (list.empty() ? "" : ", ") + p.string();
  }
  return invalid("cannot find the web files (osprey.js, engine/) to bundle; looked in " + list +
                 "; name the folder with --assets DIR or OSPREY_ASSETS");
}

Result<BundleReport> write_bundle(const BundleSpec& spec) {
  BundleReport report;
  std::error_code ec;
  fs::create_directories(spec.dir, ec);
  if (ec) return invalid(spec.dir.string() + ": " + ec.message());

  // What the manifest of a previous run says it wrote: its index files
  // (removed below when this run does not write them again), and with its
  // assets, the files this run may overwrite.
  std::set<std::string> previous, owned{kManifest};
  std::vector<std::string> owned_folders;  // parts folders of previous indexes
  if (Result<std::string> old = cli::read_file((spec.dir / kManifest).string()); old.ok()) {
    if (Result<nlohmann::json> j = parse_json(old.value()); j.ok() && j.value().is_object()) {
      const auto langs = j.value().find("languages");
      if (langs != j.value().end() && langs->is_object()) {
        for (const auto& [lang, entry] : langs->items()) {
          if (!entry.is_object() || !entry.contains("index") || !entry["index"].is_string())
            continue;
          const std::string name = entry["index"].get<std::string>();
          // Only our own file names: index.*.osp (or .json, before version 2) here.
          const bool ours = name.rfind("index.", 0) == 0 && name.size() > 11 &&
                            name.find('/') == std::string::npos &&
                            (name.ends_with(".osp") || name.ends_with(".json"));
          if (!ours) continue;
          previous.insert(name);
          owned.insert(name);
          if (name.ends_with(".osp"))
            owned_folders.push_back(name.substr(0, name.size() - 4) + "/");
        }
      }
      const auto files = j.value().find("files");
      if (files != j.value().end() && files->is_object()) {
        for (const auto& [rel, hash] : files->items()) owned.insert(rel);
      }
    }
  }
  auto is_owned = [&](const std::string& rel) {
    return owned.count(rel) > 0 ||
           std::any_of(owned_folders.begin(), owned_folders.end(),
                       [&](const std::string& f) { return rel.rfind(f, 0) == 0; });
  };

  // Everything to write, in order: assets, indexes, the manifest last.
  std::vector<std::pair<std::string, std::string>> assets;  // rel, bytes
  std::map<std::string, std::size_t> asset_at;              // rel -> its index in assets
  nlohmann::ordered_json files = nlohmann::ordered_json::object();
  for (const Asset& a : kAssets) {
    const auto found = expand(spec.assets, a);
    if (found.empty() && a.required) {
      return invalid(spec.assets.string() + ": " + a.path +
                     " is missing (build the wasm tree: cmake --build build/wasm)");
    }
    for (const auto& [rel, path] : found) {
      Result<std::string> bytes = cli::read_file(path.string());
      if (!bytes.ok()) return bytes.error();
      files[rel] = content_hash(bytes.value());
      if (const auto at = asset_at.find(rel); at != asset_at.end()) {
        assets[at->second].second = std::move(bytes.value());  // a built file over its source
      } else {
        asset_at.emplace(rel, assets.size());
        assets.emplace_back(rel, std::move(bytes.value()));
      }
    }
  }
  // Index files are stored as gzip members (tools/gzip.hpp), which a static
  // host serves as they are: it compresses only the types it knows.
  // Deflate at level 9 is most of a bundle's writing time: the parts are
  // compressed side by side (compressed[k] is the k-th part in index order).
  std::vector<const WrittenPart*> to_compress;
  for (const BundleIndex& ix : spec.indexes) {
    for (const WrittenPart& part : ix.parts) {
      if (part.bytes.size() > kMaxFileBytes) {
        return invalid("the " + ix.language +
                       " index: " + (&part == &ix.parts.front() ? index_file_name(ix) : part.name) +
                       " is " + with_commas(part.bytes.size()) +
                       " bytes; a bundle file holds at most " + with_commas(kMaxFileBytes));
      }
      to_compress.push_back(&part);
    }
  }
  std::vector<std::string> compressed(to_compress.size());
  cli::parallel_for(to_compress.size(), cli::thread_count(0, to_compress.size()),
                    [&](std::size_t k) { compressed[k] = cli::gzip(to_compress[k]->bytes); });
  std::vector<std::pair<std::string, std::string_view>> targets;
  for (const auto& [rel, bytes] : assets) targets.emplace_back(rel, bytes);
  std::size_t next = 0;
  for (const BundleIndex& ix : spec.indexes) {
    for (std::size_t i = 0; i < ix.parts.size(); ++i)
      targets.emplace_back(i == 0 ? index_file_name(ix) : ix.parts[i].name, compressed[next++]);
  }

  // A file in the way that no earlier bundle wrote is the user's: never
  // overwritten (one that already holds the right bytes is not in the way).
  for (const auto& [rel, bytes] : targets) {
    const fs::path path = spec.dir / rel;
    if (is_owned(rel) || !fs::exists(fs::symlink_status(path, ec)) ||
        cli::file_holds(path.string(), bytes))
      continue;
    return invalid(path.string() +
                   ": exists and was not written by osprey; not overwritten (move it away, or "
                   "write the bundle to another folder with --bundle DIR)");
  }
  // Files already holding the right bytes are left alone (an index part's
  // name holds its build's id, so rerunning on unchanged input rewrites none).
  auto write = [&](const std::string& rel, std::string_view bytes) -> Result<bool> {
    Result<bool> ok = cli::write_file_if_changed((spec.dir / rel).string(), bytes);
    if (!ok.ok()) return ok.error();
    report.written.push_back(rel);
    report.bytes += bytes.size();
    return true;
  };
  for (const auto& [rel, bytes] : targets) {
    if (Result<bool> ok = write(rel, bytes); !ok.ok()) return ok.error();
  }

  nlohmann::ordered_json languages = nlohmann::ordered_json::object();
  std::set<std::string> current;
  next = 0;
  for (const BundleIndex& ix : spec.indexes) {
    // The base is named for its build id; a sharded index's parts are in the
    // folder of the same name (their names, from the base, say so).
    const std::string name = index_file_name(ix);
    uint64_t bytes = 0, gzip_bytes = 0;
    for (const WrittenPart& part : ix.parts) bytes += part.bytes.size();
    for (std::size_t i = 0; i < ix.parts.size(); ++i) gzip_bytes += compressed[next++].size();
    current.insert(name);
    nlohmann::ordered_json entry = {
        {"index", name}, {"bytes", bytes}, {"gzip_bytes", gzip_bytes}, {"documents", ix.documents}};
    if (ix.parts.size() > 1) entry["parts"] = ix.parts.size() - 1;
    if (ix.pages > 0) entry["pages"] = ix.pages;
    languages[ix.language] = std::move(entry);
  }

  nlohmann::ordered_json manifest;
  manifest["format"] = "osprey-bundle";
  manifest["version"] = 1;
  manifest["generator"] = spec.generator;
  manifest["default_language"] = spec.default_language;
  manifest["site_root"] = spec.site_root ? nlohmann::ordered_json(*spec.site_root) : nullptr;
  manifest["languages"] = std::move(languages);
  manifest["fields"] = spec.fields;
  manifest["filters"] = spec.filters;
  manifest["sorts"] = spec.sorts;
  manifest["meta"] = spec.meta;
  manifest["files"] = std::move(files);
  if (Result<bool> ok = write(kManifest, manifest.dump(2) + "\n"); !ok.ok()) return ok.error();

  for (const std::string& name : previous) {
    if (current.count(name)) continue;
    if (fs::remove(spec.dir / name, ec)) report.removed.push_back(name);
    // The parts folder of a sharded index: index.LANG.ID/ beside index.LANG.ID.osp.
    const fs::path parts = spec.dir / name.substr(0, name.size() - 4);
    if (name.ends_with(".osp") && fs::is_directory(parts, ec) && fs::remove_all(parts, ec) > 0) {
      report.removed.push_back(name.substr(0, name.size() - 4) + "/");
    }
  }
  return report;
}

}  // namespace osprey::site
