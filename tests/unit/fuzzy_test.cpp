#include "query/fuzzy.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/utf8.hpp"

namespace {

using osprey::query::fuzzy_terms;
using osprey::query::FuzzyMatch;
using osprey::query::FuzzyOptions;

using Hits = std::vector<std::pair<std::string, int>>;

FuzzyOptions opts(int max_distance, bool prefix = false, std::size_t max_results = 200) {
  FuzzyOptions o;
  o.max_distance = static_cast<uint8_t>(max_distance);
  o.prefix = prefix;
  o.max_results = max_results;
  return o;
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// The matches as (term, distance), in result order.
Hits hits(const std::vector<std::string>& dict, std::string_view word, const FuzzyOptions& o) {
  Hits out;
  for (const FuzzyMatch& f : fuzzy_terms(dict, word, o)) out.emplace_back(dict[f.term], f.distance);
  return out;
}

std::u32string decode_all(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();) {
    const auto d = osprey::text::decode_utf8(s, pos);
    out.push_back(d.cp);
    pos += d.size;
  }
  return out;
}

// Textbook optimal string alignment distance, full table.
int osa(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

int osa(std::string_view a, std::string_view b) {
  return osa(decode_all(a), decode_all(b));
}

// fuzzy_terms by definition: every term scored on its own, sorted, truncated.
std::vector<FuzzyMatch> brute_force(const std::vector<std::string>& dict, std::string_view word,
                                    const FuzzyOptions& o) {
  std::vector<FuzzyMatch> out;
  if (word.empty()) return out;
  const int k = std::min<int>(o.max_distance, 2);
  const std::u32string w = decode_all(word);
  for (std::size_t t = 0; t < dict.size(); ++t) {
    const std::u32string term = decode_all(dict[t]);
    int best = osa(term, w);
    if (o.prefix) {
      for (std::size_t len = 0; len < term.size(); ++len) {
        best = std::min(best, osa(term.substr(0, len), w));
      }
    }
    if (best <= k) out.push_back({static_cast<uint32_t>(t), static_cast<uint8_t>(best)});
  }
  std::stable_sort(out.begin(), out.end(), [](const FuzzyMatch& a, const FuzzyMatch& b) {
    return a.distance < b.distance;
  });
  if (out.size() > o.max_results) out.resize(o.max_results);
  return out;
}

bool same(const std::vector<FuzzyMatch>& a, const std::vector<FuzzyMatch>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.term == y.term && x.distance == y.distance;
  });
}

std::string random_word(std::mt19937& rng, const std::vector<std::string>& alphabet,
                        std::size_t min_len, std::size_t max_len) {
  std::uniform_int_distribution<std::size_t> len(min_len, max_len);
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1);
  std::string s;
  for (std::size_t i = len(rng); i > 0; --i) s += alphabet[letter(rng)];
  return s;
}

}  // namespace

TEST_CASE("the reference OSA distance", "[fuzzy]") {
  CHECK(osa("tortrue", "torture") == 1);
  CHECK(osa("ca", "abc") == 3);  // OSA edits no substring twice; true Damerau gives 2
  CHECK(osa("straße", "strase") == 1);
  CHECK(osa("", "abc") == 3);
}

TEST_CASE("single typos are found at distance 1", "[fuzzy]") {
  const auto dict = sorted_unique({"deportation", "deportations", "deported", "koblentz", "koblenz",
                                   "ralsan", "raslan", "torture", "tortured", "trial"});
  CHECK(hits(dict, "deportaton", opts(1)) == Hits{{"deportation", 1}});
  CHECK(hits(dict, "tortrue", opts(1)) == Hits{{"torture", 1}});
  CHECK(hits(dict, "koblenz", opts(1)) == Hits{{"koblenz", 0}, {"koblentz", 1}});
  CHECK(hits(dict, "koblentz", opts(0)) == Hits{{"koblentz", 0}});
  CHECK(hits(dict, "raslan", opts(1)) == Hits{{"raslan", 0}, {"ralsan", 1}});
  CHECK(hits(dict, "ralsan", opts(1)) == Hits{{"ralsan", 0}, {"raslan", 1}});
  CHECK(hits(dict, "torture", opts(1)) == Hits{{"torture", 0}, {"tortured", 1}});
}

TEST_CASE("two edits need max_distance 2", "[fuzzy]") {
  const auto dict = sorted_unique({"deportation", "deportations", "torture", "tortured"});
  CHECK(hits(dict, "deprtaton", opts(1)).empty());
  CHECK(hits(dict, "deprtaton", opts(2)) == Hits{{"deportation", 2}});
  CHECK(hits(dict, "deportaton", opts(2)) == Hits{{"deportation", 1}, {"deportations", 2}});
  CHECK(hits(dict, "otrtrue", opts(2)) == Hits{{"torture", 2}});  // two transpositions
  CHECK(hits(dict, "tortrue", opts(2)) == Hits{{"torture", 1}, {"tortured", 2}});
}

TEST_CASE("the distance is optimal string alignment, not unrestricted Damerau", "[fuzzy]") {
  const std::vector<std::string> dict = {"abc"};
  CHECK(hits(dict, "ca", opts(2)).empty());
  CHECK(hits(dict, "acb", opts(1)) == Hits{{"abc", 1}});
}

TEST_CASE("distances count code points", "[fuzzy]") {
  const auto dict = sorted_unique({"strase", "strasse", "straße", "strasze"});
  CHECK(hits(dict, "straße", opts(1)) == Hits{{"straße", 0}, {"strase", 1}});
  CHECK(hits(dict, "strasse", opts(1)) == Hits{{"strasse", 0}, {"strase", 1}, {"strasze", 1}});
  CHECK(hits(dict, "strasse", opts(2)) ==
        Hits{{"strasse", 0}, {"strase", 1}, {"strasze", 1}, {"straße", 2}});
  CHECK(hits(dict, "strasße", opts(1)) ==
        Hits{{"strase", 1}, {"strasse", 1}, {"strasze", 1}, {"straße", 1}});
}

TEST_CASE("CJK words are edited a character at a time", "[fuzzy]") {
  // Byte order: 京 E4 BA AC < 大 E5 A4 A7 < 東 E6 9D B1.
  const auto dict = sorted_unique({"東京", "東京都", "京都", "大阪"});
  REQUIRE(dict == std::vector<std::string>{"京都", "大阪", "東京", "東京都"});
  CHECK(hits(dict, "東京都", opts(1)) == Hits{{"東京都", 0}, {"京都", 1}, {"東京", 1}});
  CHECK(hits(dict, "京東都", opts(1)) == Hits{{"京都", 1}, {"東京都", 1}});
  CHECK(hits(dict, "大坂", opts(1)) == Hits{{"大阪", 1}});
  CHECK(hits(dict, "大坂", opts(0)).empty());
}

TEST_CASE("prefix mode scores the best prefix of each term", "[fuzzy][prefix]") {
  const auto dict = sorted_unique({"deport", "deportation", "deportations", "deported", "torture"});
  CHECK(hits(dict, "deporta", opts(0, true)) == Hits{{"deportation", 0}, {"deportations", 0}});
  CHECK(hits(dict, "deporta", opts(1, true)) ==
        Hits{{"deportation", 0}, {"deportations", 0}, {"deport", 1}, {"deported", 1}});
  CHECK(hits(dict, "deportaton", opts(1, true)) == Hits{{"deportation", 1}, {"deportations", 1}});
  CHECK(hits(dict, "deportaton", opts(1, false)) == Hits{{"deportation", 1}});
  CHECK(hits(dict, "deportaton", opts(0, true)).empty());
  CHECK(hits(dict, "tort", opts(0, true)) == Hits{{"torture", 0}});
}

TEST_CASE("prefix mode: a word within max_distance of empty matches every term",
          "[fuzzy][prefix]") {
  const auto dict = sorted_unique({"ab", "b", "xyz"});
  CHECK(hits(dict, "a", opts(1, true)) == Hits{{"ab", 0}, {"b", 1}, {"xyz", 1}});
  CHECK(hits(dict, "a", opts(0, true)) == Hits{{"ab", 0}});
}

TEST_CASE("max_results keeps the closest, ties by term index", "[fuzzy]") {
  const auto dict = sorted_unique({"cat", "cats", "coat", "cut", "at", "bat", "cast", "act"});
  // "act" is one transposition away.
  const Hits all = hits(dict, "cat", opts(1));
  REQUIRE(all == Hits{{"cat", 0},
                      {"act", 1},
                      {"at", 1},
                      {"bat", 1},
                      {"cast", 1},
                      {"cats", 1},
                      {"coat", 1},
                      {"cut", 1}});
  for (std::size_t cap = 0; cap <= all.size() + 1; ++cap) {
    const Hits want(all.begin(),
                    all.begin() + static_cast<std::ptrdiff_t>(std::min(cap, all.size())));
    CHECK(hits(dict, "cat", opts(1, false, cap)) == want);
  }
  // The exact match comes first even though it is not the first term.
  CHECK(hits(dict, "cat", opts(1, false, 1)) == Hits{{"cat", 0}});
  CHECK(hits(dict, "cat", opts(2, true, 2)) == Hits{{"cat", 0}, {"cats", 0}});
}

TEST_CASE("empty word, empty dictionary, clamped distance", "[fuzzy]") {
  const auto dict = sorted_unique({"a", "ab", "abc"});
  CHECK(fuzzy_terms(dict, "", opts(2)).empty());
  CHECK(fuzzy_terms(dict, "", opts(2, true)).empty());
  CHECK(fuzzy_terms({}, "abc", opts(2, true)).empty());
  const auto five = fuzzy_terms(dict, "abcxyz", opts(5));
  CHECK(same(five, fuzzy_terms(dict, "abcxyz", opts(2))));
  CHECK(hits(dict, "abcxyz", opts(5)).empty());
  CHECK(hits(dict, "abcxy", opts(9)) == Hits{{"abc", 2}});
}

TEST_CASE("words longer than 64 code points match exactly or not at all", "[fuzzy]") {
  const std::string w64(64, 'a');
  const std::string w65(65, 'a');
  const auto dict = sorted_unique({w64, w64 + "b", w65, w65 + "b", w65 + "bc"});
  REQUIRE(dict == std::vector<std::string>{w64, w65, w65 + "b", w65 + "bc", w64 + "b"});
  // 64 code points: still fuzzy.
  CHECK(hits(dict, w64, opts(1)) == Hits{{w64, 0}, {w65, 1}, {w64 + "b", 1}});
  // 65: exact only; prefix mode gives every term starting with the word, at distance 0.
  CHECK(hits(dict, w65, opts(2)) == Hits{{w65, 0}});
  CHECK(hits(dict, w65 + "x", opts(2)).empty());
  CHECK(hits(dict, w65, opts(2, true)) == Hits{{w65, 0}, {w65 + "b", 0}, {w65 + "bc", 0}});
  CHECK(hits(dict, w65, opts(2, true, 2)) == Hits{{w65, 0}, {w65 + "b", 0}});
  // 64 code points of 2 bytes each is still within the limit.
  std::string e64;
  for (int i = 0; i < 64; ++i) e64 += "é";
  CHECK(hits(std::vector<std::string>{e64}, e64.substr(2) + "e", opts(1)) == Hits{{e64, 1}});
}

TEST_CASE("an empty term is a word of length 0", "[fuzzy]") {
  const std::vector<std::string> dict = {"", "a", "ab"};
  CHECK(hits(dict, "b", opts(1)) == Hits{{"", 1}, {"a", 1}, {"ab", 1}});
  CHECK(hits(dict, "xy", opts(2)) == Hits{{"", 2}, {"a", 2}, {"ab", 2}});
}

TEST_CASE("fuzzy_terms equals the brute-force definition", "[fuzzy][prop]") {
  // 'é' is two bytes, '€' three; both share bytes with nothing else in the alphabet.
  const std::vector<std::string> alphabet = {"a", "b", "c", "é", "€"};
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<std::size_t> dict_size(0, 300);
  std::uniform_int_distribution<std::size_t> small_cap(1, 6);
  int compared = 0;
  for (int round = 0; round < 60; ++round) {
    std::vector<std::string> dict;
    for (std::size_t i = dict_size(rng); i > 0; --i)
      dict.push_back(random_word(rng, alphabet, 1, 7));
    dict = sorted_unique(std::move(dict));
    for (int q = 0; q < 8; ++q) {
      const std::string word = random_word(rng, alphabet, 1, 6);
      for (int k = 0; k <= 2; ++k) {
        for (bool prefix : {false, true}) {
          for (std::size_t cap : {std::size_t{100000}, small_cap(rng)}) {
            const FuzzyOptions o = opts(k, prefix, cap);
            INFO("word=" << word << " k=" << k << " prefix=" << prefix << " cap=" << cap);
            const auto want = brute_force(dict, word, o);
            CHECK(same(fuzzy_terms(dict, word, o), want));
            ++compared;
          }
        }
      }
    }
  }
  CHECK(compared == 60 * 8 * 3 * 2 * 2);
}

// Words one or two random edits (insert, delete, substitute, transpose) from a dictionary term,
// over an alphabet larger than the word: most children of a prefix are then absent from the
// word, so the walk's child skip (jumps over runs of such children) does most of the work.
TEST_CASE("fuzzy_terms equals the brute-force definition near dictionary terms", "[fuzzy][prop]") {
  const std::vector<std::string> alphabet = {"a", "b", "c", "d", "e", "f", "g", "h",
                                             "k", "o", "s", "t", "é", "ñ", "€", "京"};
  std::mt19937 rng(20251126);
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> small_cap(1, 12);
  const auto edit = [&](std::u32string w) {
    const std::u32string pick = decode_all(alphabet[letter(rng)]);
    const std::size_t at = w.empty() ? 0 : rng() % w.size();
    switch (rng() % 4) {
      case 0:
        w.insert(at, pick);
        break;
      case 1:
        if (!w.empty()) w.erase(at, 1);
        break;
      case 2:
        if (!w.empty()) w.replace(at, 1, pick);
        break;
      default:
        if (at + 1 < w.size()) std::swap(w[at], w[at + 1]);
    }
    return w;
  };
  const auto encode = [](const std::u32string& w) {
    std::string out;
    for (char32_t c : w) osprey::text::append_utf8(out, c);
    return out;
  };
  for (int round = 0; round < 30; ++round) {
    std::vector<std::string> dict;
    for (int i = 0; i < 400; ++i) dict.push_back(random_word(rng, alphabet, 1, 9));
    dict = sorted_unique(std::move(dict));
    for (int q = 0; q < 10; ++q) {
      std::u32string w = decode_all(dict[rng() % dict.size()]);
      for (int e = static_cast<int>(rng() % 3); e > 0; --e) w = edit(w);
      const std::string word = encode(w);
      if (word.empty()) continue;
      for (int k = 0; k <= 2; ++k) {
        for (bool prefix : {false, true}) {
          for (std::size_t cap : {std::size_t{100000}, small_cap(rng)}) {
            const FuzzyOptions o = opts(k, prefix, cap);
            INFO("word=" << word << " k=" << k << " prefix=" << prefix << " cap=" << cap);
            const auto want = brute_force(dict, word, o);
            CHECK(same(fuzzy_terms(dict, word, o), want));
          }
        }
      }
    }
  }
}

TEST_CASE("ill-formed UTF-8 terms are scored as their decoding", "[fuzzy][prop]") {
  // Lead and continuation bytes that form "é" and "€" only in some orders, so one byte
  // prefix decodes differently in neighbouring terms.
  const std::vector<std::string> bytes = {"a", "b", "\xC3", "\xA9", "\xE2", "\x82", "\xAC"};
  const std::vector<std::string> alphabet = {"a", "b", "é", "€", "\xEF\xBF\xBD"};
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    std::vector<std::string> dict;
    for (int i = 0; i < 150; ++i) dict.push_back(random_word(rng, bytes, 0, 6));
    dict = sorted_unique(std::move(dict));
    for (int q = 0; q < 6; ++q) {
      const std::string word = random_word(rng, alphabet, 1, 4);
      for (int k = 0; k <= 2; ++k) {
        for (bool prefix : {false, true}) {
          const FuzzyOptions o = opts(k, prefix, 100000);
          INFO("word=" << word << " k=" << k << " prefix=" << prefix);
          const auto want = brute_force(dict, word, o);
          CHECK(same(fuzzy_terms(dict, word, o), want));
        }
      }
    }
  }
}

TEST_CASE("an unsorted dictionary gives well-formed results", "[fuzzy]") {
  const std::vector<std::string> alphabet = {"a", "b", "é"};
  std::mt19937 rng(99);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> dict;
    for (int i = 0; i < 100; ++i) dict.push_back(random_word(rng, alphabet, 0, 5));
    for (bool prefix : {false, true}) {
      const auto found = fuzzy_terms(dict, random_word(rng, alphabet, 1, 4), opts(2, prefix));
      for (std::size_t i = 0; i < found.size(); ++i) {
        CHECK(found[i].term < dict.size());
        CHECK(found[i].distance <= 2);
        if (i > 0) {
          CHECK(std::make_pair(found[i - 1].distance, found[i - 1].term) <
                std::make_pair(found[i].distance, found[i].term));
        }
      }
    }
  }
}
