// Micro benchmark for osprey::query::fuzzy_terms (not part of the tests).
//
//   g++ -std=c++20 -O2 -I src/search bench/fuzzy_bench.cpp src/search/query/fuzzy.cpp \
//       src/search/text/utf8.cpp
//   ./a.out [word-list]
//
// Dictionary: the word list (default /usr/share/dict/words, else the Snowball English
// vocabulary), lower-case a-z words only, grown to 200,000 sorted unique terms with
// deterministic affixed and compound variants. Queries: 1,000 dictionary terms of 5-12 letters
// with one random edit each, and 1,000 random 5-12 letter strings. For comparison, a linear
// scan scores every term with a full OSA table, and counts the prefixes the trie walk computes
// a row for (its cut rules reimplemented here, without the max_results bound), against the
// number of distinct prefixes in the dictionary.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "query/fuzzy.hpp"

namespace {

using osprey::query::fuzzy_terms;
using osprey::query::FuzzyOptions;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kTerms = 200000;
constexpr std::size_t kQueries = 1000;
constexpr std::size_t kScanQueries = 50;  // the linear scan is slow

std::vector<std::string> load_words(const char* path) {
  std::vector<std::string> words;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() &&
        std::all_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      words.push_back(line);
    }
  }
  return words;
}

std::vector<std::string> build_dictionary(const std::vector<std::string>& base, std::mt19937& rng) {
  static const char* const kSuffixes[] = {"s",    "es",   "ed",  "ing",  "er",   "ers",
                                          "ly",   "ness", "ful", "less", "able", "ation",
                                          "ment", "ist",  "ism", "ize",  "ized", "ity"};
  static const char* const kPrefixes[] = {"un",   "re",   "pre",  "dis",   "over", "under",
                                          "anti", "non",  "mis",  "out",   "sub",  "inter",
                                          "co",   "semi", "post", "super", "de",   "multi"};
  std::set<std::string> terms(base.begin(), base.end());
  std::uniform_int_distribution<std::size_t> pick(0, base.size() - 1);
  std::uniform_int_distribution<int> kind(0, 2);
  while (terms.size() < kTerms) {
    const std::string& w = base[pick(rng)];
    switch (kind(rng)) {
      case 0:
        terms.insert(w + kSuffixes[rng() % std::size(kSuffixes)]);
        break;
      case 1:
        terms.insert(kPrefixes[rng() % std::size(kPrefixes)] + w);
        break;
      default: {
        const std::string& v = base[pick(rng)];
        if (w.size() + v.size() <= 14) terms.insert(w + v);
      }
    }
  }
  return {terms.begin(), terms.end()};
}

std::string one_edit(std::string w, std::mt19937& rng) {
  const char letter = static_cast<char>('a' + rng() % 26);
  const std::size_t at = rng() % w.size();
  switch (rng() % 4) {
    case 0:
      w[at] = letter;
      break;
    case 1:
      w.insert(w.begin() + static_cast<std::ptrdiff_t>(at), letter);
      break;
    case 2:
      w.erase(at, 1);
      break;
    default:
      if (at + 1 < w.size()) std::swap(w[at], w[at + 1]);
  }
  return w;
}

// OSA rows of term against word, one per prefix of term (ASCII only: bytes are code points).
// Returns the distance; row_min[i] and last[i] describe row i.
int osa_rows(std::string_view term, std::string_view word, std::vector<int>& table,
             std::vector<int>& row_min, std::vector<int>& last) {
  const std::size_t n = term.size();
  const std::size_t m = word.size();
  const std::size_t width = m + 1;
  table.assign((n + 1) * width, 0);
  row_min.assign(n + 1, 0);
  last.assign(n + 1, 0);
  auto at = [&](std::size_t i, std::size_t j) -> int& { return table[i * width + j]; };
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = static_cast<int>(j);
  last[0] = static_cast<int>(m);
  for (std::size_t i = 1; i <= n; ++i) {
    at(i, 0) = static_cast<int>(i);
    int lo = at(i, 0);
    for (std::size_t j = 1; j <= m; ++j) {
      int v = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1,
                        at(i - 1, j - 1) + (term[i - 1] == word[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && term[i - 1] == word[j - 2] && term[i - 2] == word[j - 1]) {
        v = std::min(v, at(i - 2, j - 2) + 1);
      }
      at(i, j) = v;
      lo = std::min(lo, v);
    }
    row_min[i] = lo;
    last[i] = at(i, m);
  }
  return at(n, m);
}

struct ScanResult {
  std::size_t matches = 0;
  std::size_t rows = 0;  // prefixes whose row the trie walk computes
};

// Scores every term; counts each distinct prefix once, when it first appears.
ScanResult linear_scan(const std::vector<std::string>& dict, std::string_view word, int k,
                       bool prefix, std::vector<int>& table, std::vector<int>& row_min,
                       std::vector<int>& last) {
  ScanResult r;
  for (std::size_t t = 0; t < dict.size(); ++t) {
    const std::string& term = dict[t];
    const int d = osa_rows(term, word, table, row_min, last);
    int best = last[0];
    std::size_t shared = 0;
    if (t > 0) {
      const std::string& prev = dict[t - 1];
      shared = static_cast<std::size_t>(
          std::mismatch(
              term.begin(),
              term.begin() + static_cast<std::ptrdiff_t>(std::min(term.size(), prev.size())),
              prev.begin())
              .first -
          term.begin());
    }
    for (std::size_t i = 0; i <= term.size(); ++i) {
      best = std::min(best, last[i]);
      if (i > shared) ++r.rows;
      const bool cut = prefix ? row_min[i] >= std::min(best, k + 1) : row_min[i] > k;
      if (cut) break;
    }
    for (std::size_t i = 1; i <= term.size(); ++i) best = std::min(best, last[i]);
    if ((prefix ? best : d) <= k) ++r.matches;
  }
  return r;
}

double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : nullptr;
  if (!path) {
    path = std::ifstream("/usr/share/dict/words") ? "/usr/share/dict/words"
                                                  : "/usr/share/snowball/data/english/voc.txt";
  }
  const std::vector<std::string> base = load_words(path);
  if (base.size() < 1000) {
    std::fprintf(stderr, "fuzzy_bench: too few a-z words in %s\n", path);
    return 1;
  }
  std::mt19937 rng(42);
  const std::vector<std::string> dict = build_dictionary(base, rng);
  std::size_t distinct_prefixes = 0;
  for (std::size_t t = 0; t < dict.size(); ++t) {
    std::size_t shared = 0;
    if (t > 0) {
      while (shared < dict[t].size() && shared < dict[t - 1].size() &&
             dict[t][shared] == dict[t - 1][shared]) {
        ++shared;
      }
    }
    distinct_prefixes += dict[t].size() - shared;
  }
  std::printf("dictionary: %zu terms (%zu base words from %s), %zu distinct prefixes\n",
              dict.size(), base.size(), path, distinct_prefixes);

  std::vector<std::string> mid;
  for (const std::string& s : dict) {
    if (s.size() >= 5 && s.size() <= 12) mid.push_back(s);
  }
  std::vector<std::string> typos;
  std::vector<std::string> randoms;
  for (std::size_t q = 0; q < kQueries; ++q) {
    typos.push_back(one_edit(mid[rng() % mid.size()], rng));
    std::string r(5 + rng() % 8, 'a');
    for (char& c : r) c = static_cast<char>('a' + rng() % 26);
    randoms.push_back(r);
  }

  std::printf("\n%-8s %-6s %-7s %12s %10s %14s %12s %12s\n", "queries", "dist", "prefix",
              "us/lookup", "results", "rows/lookup", "scan us", "scan/trie");
  std::vector<int> table, row_min, last;
  for (const auto* queries : {&typos, &randoms}) {
    const char* name = queries == &typos ? "typo" : "random";
    for (int k : {1, 2}) {
      for (bool prefix : {false, true}) {
        FuzzyOptions o;
        o.max_distance = static_cast<uint8_t>(k);
        o.prefix = prefix;
        double best = 1e300;
        std::size_t results = 0;
        for (int rep = 0; rep < 3; ++rep) {
          results = 0;
          const auto start = Clock::now();
          for (const std::string& w : *queries) results += fuzzy_terms(dict, w, o).size();
          best = std::min(best, micros_since(start));
        }
        // Linear scan and modelled row count on a subset; every query's unbounded match count
        // must agree with fuzzy_terms given room for all matches.
        FuzzyOptions all = o;
        all.max_results = dict.size();
        std::size_t rows = 0;
        double scan_us = 0;
        for (std::size_t q = 0; q < kScanQueries; ++q) {
          const auto start = Clock::now();
          const ScanResult r = linear_scan(dict, (*queries)[q], k, prefix, table, row_min, last);
          scan_us += micros_since(start) / kScanQueries;
          rows += r.rows;
          if (r.matches != fuzzy_terms(dict, (*queries)[q], all).size()) {
            std::fprintf(stderr, "fuzzy_bench: mismatch on %s\n", (*queries)[q].c_str());
            return 1;
          }
        }
        const double us = best / static_cast<double>(queries->size());
        std::printf("%-8s %-6d %-7s %12.1f %10.1f %14.0f %12.0f %11.0fx\n", name, k,
                    prefix ? "on" : "off", us,
                    static_cast<double>(results) / static_cast<double>(queries->size()),
                    static_cast<double>(rows) / kScanQueries, scan_us, scan_us / us);
      }
    }
  }
  return 0;
}
