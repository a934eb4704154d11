#include "site/walk.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <system_error>

#include "file_io.hpp"
#include "site/bundle.hpp"
#include "site/glob.hpp"

namespace osprey::site {
namespace fs = std::filesystem;

namespace {

struct Walker {
  const WalkOptions& options;
  fs::path root;  // real path
  fs::path skip;  // real path, or empty
  WalkResult result;
  std::vector<fs::path> stack;  // real paths of the folders on the current path
  std::set<fs::path> visited;   // real paths of the folders read

  bool wanted(const std::string& rel) const {
    return glob_any(options.include, rel) && !glob_any(options.exclude, rel);
  }

  void warn(const std::string& rel, const char* kind, std::string message) {
    result.warnings.push_back({rel, kind, std::move(message)});
  }

  // The pages under the bundle folder: reported, never read.
  void report_skipped(const fs::path& folder, const std::string& rel) {
    std::error_code ec;
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code kind_ec;
      if (!it->is_regular_file(kind_ec)) continue;
      const std::string path = rel + "/" + it->path().lexically_relative(folder).generic_string();
      if (wanted(path)) found.push_back(path);
    }
    std::sort(found.begin(), found.end());
    for (const std::string& path : found)
      warn(path, "in-bundle", "in the bundle folder being written; not indexed");
  }

  void dir(const fs::path& folder, const fs::path& real, const std::string& rel) {
    std::error_code ec;
    if (!skip.empty() && real == skip) {
      report_skipped(folder, rel);
      return;
    }
    // A bundle of an earlier run (or of another output) is not site content.
    if (!rel.empty() && fs::exists(folder / kManifest, ec)) return;
    if (std::find(stack.begin(), stack.end(), real) != stack.end()) {
      warn(rel, "link", "symbolic link loop; not followed");
      return;
    }
    // Each real folder is read once: links between folders cannot multiply
    // the walk (n folders each linking twice to the next: 2^n paths).
    if (!visited.insert(real).second) {
      warn(rel, "link", "symbolic link to a folder already read; not read twice");
      return;
    }
    fs::directory_iterator it(folder, ec);
    if (ec) {
      warn(folder.string(), "unreadable", folder.string() + ": " + ec.message());
      return;
    }
    stack.push_back(real);
    struct Entry {
      std::string name;
      fs::path real;
      bool is_dir;
    };
    std::vector<std::string> names;  // sorted, so warnings come in path order
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] != '.') names.push_back(std::move(name));
    }
    if (ec) warn(folder.string(), "unreadable", folder.string() + ": " + ec.message());
    std::sort(names.begin(), names.end());
    std::vector<Entry> entries;
    for (const std::string& name : names) {
      const fs::path entry = folder / name;
      const std::string path = rel.empty() ? name : rel + "/" + name;
      std::error_code st_ec;
      const fs::file_status own = fs::symlink_status(entry, st_ec);
      if (st_ec) continue;
      fs::path target = real / name;
      fs::file_status st = own;
      if (fs::is_symlink(own)) {
        st = fs::status(entry, st_ec);
        if (st_ec) continue;  // a dangling link
        target = fs::canonical(entry, st_ec);
        if (st_ec) continue;
        const bool matters = fs::is_directory(st) || wanted(path);
        if (!options.follow_symlinks && !cli::within(target, root)) {
          if (matters) {
            warn(path, "link",
                 "symbolic link to " + target.string() +
                     ", outside the site; skipped (--follow-symlinks follows it)");
          }
          continue;
        }
      }
      if (fs::is_directory(st)) {
        entries.push_back({name, target, true});
      } else if (fs::is_regular_file(st)) {
        entries.push_back({name, target, false});
      } else if (wanted(path)) {
        struct stat sb;
        const char* kind =
            ::stat(entry.c_str(), &sb) == 0 ? cli::file_kind(sb.st_mode) : "not a regular file";
        warn(path, "special", std::string(kind) + ", not a regular file; skipped");
      }
    }
    for (const Entry& e : entries) {
      const std::string path = rel.empty() ? e.name : rel + "/" + e.name;
      if (e.is_dir) {
        dir(folder / e.name, e.real, path);
      } else if (wanted(path)) {
        result.files.push_back(path);
      }
    }
    stack.pop_back();
  }
};

}  // namespace

WalkResult walk_site(const fs::path& root, const WalkOptions& options) {
  Walker w{options, {}, {}, {}, {}, {}};
  std::error_code ec;
  w.root = fs::canonical(root, ec);
  if (ec) {
    w.result.warnings.push_back({root.string(), "unreadable", root.string() + ": " + ec.message()});
    return std::move(w.result);
  }
  if (!options.skip.empty() && fs::exists(options.skip, ec))
    w.skip = fs::canonical(options.skip, ec);
  w.dir(root, w.root, "");
  std::sort(w.result.files.begin(), w.result.files.end());
  return std::move(w.result);
}

}  // namespace osprey::site
