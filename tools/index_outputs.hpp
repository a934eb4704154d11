// The outputs of `osprey index`: the -o index file, the bundle folder and the
// offline single-file page, written from the run's indexes. Before anything is
// written, an output that is one of the run's inputs is refused.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/index.hpp"
#include "site/config.hpp"

namespace osprey::cli {

inline constexpr const char* kGenerator = "osprey " OSPREY_VERSION;

// One index of the run, ready to write.
struct Output {
  std::string language;
  const Index* index = nullptr;
  uint32_t documents = 0;
  std::size_t pages = 0;
};

// What the outputs need besides the indexes.
struct Shape {
  std::optional<std::string> bundle_root;  // site_root as seen from the bundle
  std::optional<std::string> page_root;    // ... and from the single file
  nlohmann::ordered_json fields;
  std::vector<std::string> filters, sorts, meta;
};

/// "../" for a bundle at SITE/osprey: the site folder as seen from from_folder.
std::string relative_url(const std::filesystem::path& target,
                         const std::filesystem::path& from_folder);

/// Writes the outputs c names; adds the bytes written and a line per output
/// to where. Returns an exit code (having printed the error).
int write_outputs(const site::Config& c, const std::vector<Output>& outputs, const Shape& shape,
                  uint64_t& written, std::vector<std::string>& where);

/// An error when an output file of c (-o, --single-file) is an input of the
/// run: the records file, or a page of the site (inputs: its relative paths).
std::optional<std::string> output_overwrites_input(const site::Config& c,
                                                   const std::vector<std::string>& pages);

}  // namespace osprey::cli
