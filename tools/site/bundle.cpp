#include "site/bundle.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <system_error>

#include "build/json_text.hpp"
#include "file_io.hpp"
#include "gzip.hpp"
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

// Every kAssets file that exists, in list order, as (its path in the bundle,
// its path); an error for a required one missing.
Result<std::vector<std::pair<std::string, fs::path>>> expand_all(const fs::path& assets) {
  std::vector<std::string> listing;  // every regular file under the folder
  std::error_code ec;
  for (fs::recursive_directory_iterator it(assets, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec))
      listing.push_back(it->path().lexically_relative(assets).generic_string());
  }
  Result<std::vector<AssetFile>> chosen = select_assets(std::move(listing));
  if (!chosen.ok()) {
    return invalid(assets.string() + ": " + chosen.error().message +
                   " (build the wasm tree: cmake --build build/wasm)");
  }
  std::vector<std::pair<std::string, fs::path>> out;
  for (const AssetFile& f : chosen.value()) out.emplace_back(f.bundle_path, assets / f.source);
  return out;
}

}  // namespace

Result<fs::path> find_assets(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) {
    if (holds_assets(explicit_dir)) return fs::path(explicit_dir);
    return invalid("assets folder " + explicit_dir + " has no osprey.js");
  }
  std::vector<fs::path> tried;
  if (const char* env = std::getenv("OSPREY_ASSETS"); env && *env) tried.emplace_back(env);
  if (fs::path dir = program_dir(); !dir.empty()) {
    tried.push_back(dir / "web");
    tried.push_back(dir.parent_path() / "share/osprey/web");
  }
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

Result<std::vector<std::string>> asset_files(const fs::path& assets) {
  Result<std::vector<std::pair<std::string, fs::path>>> found = expand_all(assets);
  if (!found.ok()) return found.error();
  std::vector<std::string> out;  // paths in the folder (a dist/ file is not renamed here)
  for (const auto& [rel, path] : found.value())
    out.push_back(path.lexically_relative(assets).generic_string());
  std::error_code ec;
  if (fs::is_regular_file(assets / kSingleFileEngine, ec)) out.emplace_back(kSingleFileEngine);
  return out;
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
  std::set<std::string> previous_assets;   // its "files": removed when this run writes them no more
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
        for (const auto& [rel, hash] : files->items()) {
          owned.insert(rel);
          previous_assets.insert(rel);
        }
      }
    }
  }
  auto is_owned = [&](const std::string& rel) {
    return owned.count(rel) > 0 ||
           std::any_of(owned_folders.begin(), owned_folders.end(),
                       [&](const std::string& f) { return rel.rfind(f, 0) == 0; });
  };

  // Everything to write, in order: assets, indexes, the manifest last.
  BundleContent content{.indexes = spec.indexes,
                        .default_language = spec.default_language,
                        .shape = {spec.site_root, spec.fields, spec.filters, spec.sorts, spec.meta},
                        .generator = spec.generator};
  Result<std::vector<std::pair<std::string, fs::path>>> found = expand_all(spec.assets);
  if (!found.ok()) return found.error();
  for (const auto& [rel, path] : found.value()) {
    Result<std::string> bytes = cli::read_file(path.string());
    if (!bytes.ok()) return bytes.error();
    content.assets.emplace_back(rel, std::move(bytes.value()));
  }
  // Deflate at level 9 is most of a bundle's writing time: the parts are
  // compressed side by side.
  auto compress = [](const std::vector<CompressJob>& jobs) {
    std::vector<std::string> out(jobs.size());
    cli::parallel_for(jobs.size(), cli::thread_count(0, jobs.size()), [&](std::size_t k) {
      const CompressJob& job = jobs[k];
      out[k] = job.dictionary.empty() ? cli::gzip(job.bytes)
                                      : cli::deflate_raw(job.bytes, job.dictionary);
    });
    return out;
  };
  Result<std::vector<BundleFile>> files = bundle_files(content, compress);
  if (!files.ok()) return files.error();
  std::vector<std::pair<std::string, std::string_view>> targets;
  for (const BundleFile& f : files.value()) targets.emplace_back(f.path, f.bytes);
  std::set<std::string> current;
  for (const BundleIndex& ix : spec.indexes) current.insert(index_file_name(ix));

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

  // Assets of the previous run that this one does not write (an optional
  // asset switched off): gone, so that no stale file is served or later
  // taken for the user's. Only plain relative paths inside the folder.
  std::set<std::string> written(report.written.begin(), report.written.end());
  for (const std::string& rel : previous_assets) {
    const fs::path path = fs::path(rel).lexically_normal();
    const bool inside = !rel.empty() && path.is_relative() && !path.empty() &&
                        *path.begin() != ".." && rel.find('\\') == std::string::npos;
    if (written.count(rel) || rel == kManifest || !inside) continue;
    const fs::path file = spec.dir / path;
    if (fs::is_regular_file(fs::symlink_status(file, ec)) && fs::remove(file, ec))
      report.removed.push_back(rel);
  }
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
