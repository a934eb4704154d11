// Native query latency: loads an index once, runs every query of a file (one
// per line, "type<TAB>query") once to warm up, then `rounds` more passes over
// the whole file, and prints per type (and for all) the p50 and p99 over
// queries of each query's median time, in µs. Passes go over the whole file,
// as bench/run's Node measurement does, so no query runs right after itself;
// the median per query keeps other processes' bursts out of the percentiles.
// With --searcher, queries run through one osprey::Searcher (as an engine
// that keeps its scratch between queries does) instead of search(). Options
// are the defaults (typos and prefix on, as bench/run's "typo" mode); --plain
// turns typos and prefix off (its "plain" mode).
// usage: query_bench INDEX QUERIES [rounds] [--searcher] [--plain]
// INDEX: one whole index file as `osprey index ... -o FILE` writes it (not a
// bundle's base or parts: those are gzip members, and a base needs its parts).
//   g++ -std=c++20 -O2 -I src/search bench/query_bench.cpp \
//       build/native/src/search/libosprey_search.a -o query_bench
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "index/binary_codec.hpp"
#include "query/search.hpp"

namespace {

double percentile(std::vector<double> v, std::size_t pct) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, v.size() * pct / 100)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: query_bench INDEX QUERIES [rounds] [--searcher] [--plain]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const auto t0 = std::chrono::steady_clock::now();
  auto index = osprey::read_index_binary(buf.str());
  if (!index.ok()) {
    std::fprintf(stderr, "%s\n", index.error().message.c_str());
    return 1;
  }
  const double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("loaded %u docs in %.0f ms\n", index.value().doc_count, load_ms);
  const int rounds = std::max(argc > 3 ? std::atoi(argv[3]) : 5, 1);
  bool reuse = false;
  osprey::SearchOptions options;
  for (int a = 4; a < argc; ++a) {
    const std::string flag = argv[a];
    reuse = reuse || flag == "--searcher";
    if (flag == "--plain") options.typos = options.prefix = false;
  }
  osprey::Searcher searcher(index.value());

  std::vector<std::pair<std::string, std::string>> queries;  // type, query
  std::ifstream qs(argv[2]);
  for (std::string line; std::getline(qs, line);) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) queries.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  std::vector<std::vector<double>> times(queries.size());
  for (int r = -1; r < rounds; ++r) {  // pass -1 warms up
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const auto s = std::chrono::steady_clock::now();
      auto result = reuse ? searcher.search(queries[i].second, options)
                          : osprey::search(index.value(), queries[i].second, options);
      const double us =
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - s).count();
      if (!result.ok()) return 1;
      if (r >= 0) times[i].push_back(us);
    }
  }
  std::map<std::string, std::vector<double>> by_type;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const double median = percentile(times[i], 50);
    by_type[queries[i].first].push_back(median);
    by_type["(all)"].push_back(median);
  }
  for (const auto& [type, v] : by_type) {
    std::printf("%-8s n=%-4zu p50 %8.0f us  p99 %8.0f us\n", type.c_str(), v.size(),
                percentile(v, 50), percentile(v, 99));
  }
  return 0;
}
