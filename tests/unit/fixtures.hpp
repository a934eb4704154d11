// Shared test fixtures: the sample corpus and small hand-made indexes.
#pragma once

#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

#include "build/builder.hpp"
#include "build/records.hpp"
#include "query/search.hpp"

namespace osprey::test {

inline std::string read_source_file(const std::string& relative) {
  const std::string path = std::string(OSPREY_SOURCE_DIR) + "/" + relative;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) FAIL("cannot open " << path);
  std::string out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

inline Index build(std::string_view records_json, Schema schema = Schema::defaults()) {
  auto records = parse_records(records_json, RecordFormat::kJsonArray);
  REQUIRE(records.ok());
  IndexBuilder builder(std::move(schema));
  for (const Record& r : records.value()) REQUIRE(builder.add(r.value).indexed);
  return builder.finish();
}

/// The value of a Result that must succeed (a writer's, say).
template <typename T>
T ok(Result<T> r) {
  if (!r.ok()) FAIL(r.error().message);
  return std::move(r.value());
}

/// The index of data/news.json, built once.
inline const Index& sample_index() {
  static const Index index = build(read_source_file("data/news.json"));
  return index;
}

/// search() that must succeed.
inline SearchResult run(const Index& index, std::string_view query,
                        const SearchOptions& options = {}) {
  Result<SearchResult> r = search(index, query, options);
  REQUIRE(r.ok());
  return std::move(r.value());
}

// Everything a search returns that a user sees, as one string.
inline std::string describe(const Index& index, std::string_view query, SearchOptions o = {}) {
  o.limit = 20;
  const SearchResult r = run(index, query, o);
  REQUIRE(r.needs.empty());
  std::string out =
      std::to_string(r.total) + "/" + std::to_string(r.full_total) + " " + r.did_you_mean + "\n";
  for (const Hit& h : r.hits) {
    out += std::to_string(h.doc) + " " + std::to_string(h.score) + ":";
    for (const auto& e : h.excerpts) {
      for (const auto& s : e.excerpt.segments)
        out += (s.match ? "[" : "") + s.text + (s.match ? "]" : "");
    }
    for (const auto& [k, v] : stored_fields(index, h.doc)) {
      out.append(" ").append(k).append("=").append(v);
    }
    out += "\n";
  }
  for (const FacetResult& f : r.facets) {
    for (const FacetCount& c : f.values)
      out += f.field + ":" + c.value + "=" + std::to_string(c.count) + " ";
  }
  return out;
}

}  // namespace osprey::test
