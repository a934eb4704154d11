// Native query latency: loads an index once, runs each query of a file (one per
// line, "type<TAB>query") `rounds` times, and prints p50/p99 per type in µs.
// usage: query_bench INDEX QUERIES [rounds]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "index/codec.hpp"
#include "query/search.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: query_bench INDEX QUERIES [rounds]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const auto t0 = std::chrono::steady_clock::now();
  auto index = osprey::read_index(buf.str());
  if (!index.ok()) {
    std::fprintf(stderr, "%s\n", index.error().message.c_str());
    return 1;
  }
  const double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("loaded %u docs in %.0f ms\n", index.value().doc_count, load_ms);
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
  std::ifstream qs(argv[2]);
  std::map<std::string, std::vector<double>> times;
  std::string line;
  while (std::getline(qs, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string type = line.substr(0, tab), q = line.substr(tab + 1);
    for (int r = 0; r < rounds; ++r) {
      const auto s = std::chrono::steady_clock::now();
      auto result = osprey::search(index.value(), q, {});
      const double us =
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - s).count();
      if (!result.ok()) return 1;
      times[type].push_back(us);
    }
  }
  for (auto& [type, v] : times) {
    std::sort(v.begin(), v.end());
    std::printf("%-8s n=%-4zu p50 %8.0f us  p99 %8.0f us\n", type.c_str(), v.size(),
                v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)]);
  }
  return 0;
}
