#include "site/walk.hpp"

#include <algorithm>
#include <system_error>

#include "site/glob.hpp"

namespace osprey::site {
namespace fs = std::filesystem;

namespace {

struct Walker {
  const WalkOptions& options;
  fs::path skip;  // canonical
  WalkResult result;
  std::vector<fs::path> stack;  // canonical folders on the current path

  void dir(const fs::path& folder, const std::string& rel) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(folder, ec);
    if (ec) {
      result.warnings.push_back(folder.string() + ": " + ec.message());
      return;
    }
    if (!skip.empty() && canonical == skip) return;
    // A bundle of an earlier run (or of another output) is not site content.
    if (!rel.empty() && fs::exists(folder / "osprey-manifest.json", ec)) return;
    if (std::find(stack.begin(), stack.end(), canonical) != stack.end()) {
      result.warnings.push_back(folder.string() + ": symbolic link loop, not followed");
      return;
    }
    fs::directory_iterator it(folder, ec);
    if (ec) {
      result.warnings.push_back(folder.string() + ": " + ec.message());
      return;
    }
    stack.push_back(canonical);
    std::vector<std::pair<std::string, bool>> entries;  // name, is folder
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::error_code kind_ec;
      const fs::file_status st = fs::status(it->path(), kind_ec);  // follows links
      if (kind_ec) continue;                                       // a dangling link
      if (fs::is_directory(st)) {
        entries.emplace_back(name, true);
      } else if (fs::is_regular_file(st)) {
        entries.emplace_back(name, false);
      }
    }
    if (ec) result.warnings.push_back(folder.string() + ": " + ec.message());
    std::sort(entries.begin(), entries.end());
    for (const auto& [name, is_dir] : entries) {
      const std::string path = rel.empty() ? name : rel + "/" + name;
      if (is_dir) {
        dir(folder / name, path);
      } else if (glob_any(options.include, path) && !glob_any(options.exclude, path)) {
        result.files.push_back(path);
      }
    }
    stack.pop_back();
  }
};

}  // namespace

WalkResult walk_site(const fs::path& root, const WalkOptions& options) {
  Walker w{options, {}, {}, {}};
  std::error_code ec;
  if (!options.skip.empty() && fs::exists(options.skip, ec))
    w.skip = fs::canonical(options.skip, ec);
  w.dir(root, "");
  std::sort(w.result.files.begin(), w.result.files.end());
  return std::move(w.result);
}

}  // namespace osprey::site
