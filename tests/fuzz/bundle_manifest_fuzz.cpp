// The one reader of osprey-manifest.json in C++: write_bundle reads the
// manifest of the previous run in the bundle folder (to remove the index
// files it named that this run does not write). The browser's reader is
// web/widget/bundle.js. Arbitrary bytes as that previous manifest: the write
// never crashes, and removes only index files: never the assets, a file the
// manifest names outside the index names, or anything outside the folder.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "site/bundle.hpp"

namespace fs = std::filesystem;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void put(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// A folder of stand-in assets and a bundle folder beside a file that must
// survive, made once per process.
const fs::path& root() {
  static const fs::path dir = [] {
    const fs::path d =
        fs::temp_directory_path() / ("osprey-fuzz-manifest-" + std::to_string(::getpid()));
    fs::remove_all(d);
    for (const osprey::site::Asset& a : osprey::site::kAssets) {
      if (a.required) put(d / "assets" / a.path, "// stand-in\n");
    }
    put(d / "outside.osp", "keep");
    put(d / "index.en.outside.osp", "keep");
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace osprey::site;
  const fs::path& dir = root();
  const fs::path bundle = dir / "bundle";
  put(bundle / "osprey-manifest.json", std::string(reinterpret_cast<const char*>(data), size));
  put(bundle / "index.fr.0000000000000001.osp", "old");  // a previous run's index: may go
  put(bundle / "notes.txt", "keep");
  BundleSpec spec{.dir = bundle,
                  .assets = dir / "assets",
                  .indexes = {{"en", {{"0123456789abcdef", "index bytes"}}, 1, 1}},
                  .default_language = "en",
                  .generator = "fuzz"};
  auto report = write_bundle(spec);
  check(report.ok());
  for (std::string name : report.value().removed) {  // index files, or their parts folders
    if (name.ends_with('/')) name.pop_back();
    check(name.rfind("index.", 0) == 0 && name.find('/') == std::string::npos);
  }
  check(fs::exists(dir / "outside.osp") && fs::exists(dir / "index.en.outside.osp"));
  check(fs::exists(bundle / "notes.txt") && fs::exists(bundle / "osprey.js"));
  check(fs::exists(bundle / "index.en.0123456789abcdef.osp"));
  return 0;
}
