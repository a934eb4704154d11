// Finds the pages of a site: every regular file under the site folder whose
// relative path matches an include glob and no exclude glob (glob.hpp), sorted
// by path so runs are reproducible. Hidden entries (names starting with '.')
// and any folder holding an osprey-manifest.json (a bundle) are not entered.
//
// The walk stays inside the site: a symbolic link is followed only when its
// target (resolved to a real path) lies under the site's real path, unless
// follow_symlinks says otherwise; a link that leads out is skipped with a
// warning. Special files (FIFOs, devices, sockets) are never opened: those
// that would be pages are skipped with a warning. A link back into a folder
// already on the current path (a loop) is not followed. Pages under the skip
// folder (the bundle being written) are not read, each with a warning.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace osprey::site {

struct WalkOptions {
  std::vector<std::string> include{"**/*.html"};
  std::vector<std::string> exclude;
  std::filesystem::path skip;    // a folder not to read (empty: none)
  bool follow_symlinks = false;  // follow links whose targets are outside the site
};

struct WalkWarning {
  std::string path;     // relative to the site, or the folder for read errors
  std::string kind;     // "unreadable", "link", "special", "in-bundle"
  std::string message;  // one line
};

struct WalkResult {
  std::vector<std::string> files;     // relative paths with '/' separators, sorted
  std::vector<WalkWarning> warnings;  // in walk order
};

WalkResult walk_site(const std::filesystem::path& root, const WalkOptions& options);

}  // namespace osprey::site
