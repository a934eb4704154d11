// Finds the pages of a site: every regular file under the site folder whose
// relative path matches an include glob and no exclude glob (glob.hpp), sorted
// by path so runs are reproducible. Hidden entries (names starting with '.'),
// the skip folder (the bundle being written, when it lies inside the site) and
// any folder holding an osprey-manifest.json (a bundle) are not entered. Symbolic links are
// followed, but never into a folder already on the current path, so a link loop ends.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace osprey::site {

struct WalkOptions {
  std::vector<std::string> include{"**/*.html"};
  std::vector<std::string> exclude;
  std::filesystem::path skip;  // a folder not to enter (empty: none)
};

struct WalkResult {
  std::vector<std::string> files;     // relative paths with '/' separators, sorted
  std::vector<std::string> warnings;  // "PATH: what" for folders that could not be read
};

WalkResult walk_site(const std::filesystem::path& root, const WalkOptions& options);

}  // namespace osprey::site
