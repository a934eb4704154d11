// osprey assets [--assets DIR]: where the web files are that bundles copy, and
// which. Prints the folder (absolute) on the first line, then each file
// relative to it, one a line (site/bundle.hpp asset_files). The release
// script copies exactly these; a user sees which folder osprey found.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli.hpp"
#include "site/bundle.hpp"

namespace osprey::cli {

int cmd_assets(const std::vector<std::string>& args) {
  std::string dir;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      print_usage(stdout);
      return kExitOk;
    } else if (a == "--assets") {
      if (i + 1 >= args.size() || args[i + 1].empty())
        return fail("--assets takes a folder", kExitUsage);
      dir = args[++i];
    } else {
      return fail("assets: unknown argument " + a + " (see osprey --help)", kExitUsage);
    }
  }
  Result<std::filesystem::path> folder = site::find_assets(dir);
  if (!folder.ok()) return fail(folder.error().message);
  Result<std::vector<std::string>> files = site::asset_files(folder.value());
  if (!files.ok()) return fail(files.error().message);
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(folder.value(), ec);
  std::printf("%s\n", (ec ? folder.value() : absolute).lexically_normal().string().c_str());
  for (const std::string& f : files.value()) std::printf("%s\n", f.c_str());
  return kExitOk;
}

}  // namespace osprey::cli
