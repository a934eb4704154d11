// osprey.json: one configuration file for both ways of indexing, a built site
// or a file of records. docs/config.md describes every key. Command-line
// flags override it (tools/cmd_index.cpp).
//
//   {"site": "public", "exclude": ["drafts/"], "base_path": "/docs/",
//    "bundle": "public/osprey", "single_file": "search.html"}
//   {"input": "data/news.json", "schema": {...}, "bundle": "web/osprey"}
//
// Paths in the file are relative to the folder the file is in. A file that is
// a bare schema ({"id": ..., "fields": [...]}, the older --config form) reads
// as {"schema": ...}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "build/bundle_files.hpp"
#include "core/result.hpp"
#include "index/schema.hpp"

namespace osprey::site {

struct Config {
  // Input: one of these.
  std::string site;              // folder of a built site
  std::string input;             // records, JSON array or JSON Lines
  std::string format;            // "json" | "jsonl" | "" (from the input's name)
  std::optional<Schema> schema;  // records: the schema (default: the news schema)
  // Reading a site.
  std::vector<std::string> include;  // empty: "**/*.html"
  std::vector<std::string> exclude;
  std::string base_path;  // prefix of page URLs
  std::string language{kDefaultLanguage};
  uint64_t max_file_size = uint64_t{16} << 20;
  double page_time_limit = 10;  // seconds one page may take to read; slower ones are skipped
  bool section_text = true;     // section records hold their text, not only their heading
  // Output.
  std::string output;        // one index file (a single language)
  bool output_json = false;  // the -o file in the JSON format (build/codec.hpp), not binary
  std::string bundle;        // the bundle folder (site default: SITE/osprey)
  std::string single_file;   // the offline HTML file
  std::string assets;        // folder holding osprey.js and engine/ (default: found)
  std::string title;         // heading of the single-file page
  // Sharding (bundle only): an index whose single file would exceed
  // split.split_above bytes is written as a base plus parts of about its sizes.
  SplitOptions split;
};

/// The range of page_time_limit, in the file or as --page-time-limit.
inline constexpr const char* kPageTimeLimitRange = "a number of seconds from 0.001 to 86400";
inline bool valid_page_time_limit(double seconds) {
  return seconds >= 0.001 && seconds <= 86400;
}

/// Reads and checks the file at path. Errors name the key.
Result<Config> read_config(const std::string& path);

}  // namespace osprey::site
