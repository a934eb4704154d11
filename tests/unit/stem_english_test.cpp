#include "text/stem_english.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#ifndef OSPREY_SNOWBALL_DIR
#define OSPREY_SNOWBALL_DIR "/usr/share/snowball/data"
#endif

using osprey::text::stem_english;

namespace {

// Reads a whole file with stdio (works natively and under Node with NODERAWFS). Returns
// false when the file can't be opened or read.
bool read_file(const std::string& path, std::string& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  out.clear();
  char buf[4096];  // small: wasm stacks can be as small as 64 KiB
  std::size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, got);
  const bool ok = std::ferror(f) == 0;
  std::fclose(f);
  return ok;
}

// One entry per line; a trailing '\r' is dropped and a final newline ends the last line
// rather than starting an empty one.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("stem_english: hand-checked words", "[stem]") {
  // Each pair also appears in snowball-data's english voc.txt / output.txt.
  CHECK(stem_english("consign") == "consign");
  CHECK(stem_english("consigned") == "consign");
  CHECK(stem_english("generously") == "generous");
  CHECK(stem_english("generate") == "generat");
  CHECK(stem_english("communism") == "communism");
  CHECK(stem_english("dying") == "die");
  CHECK(stem_english("skies") == "sky");
  CHECK(stem_english("news") == "news");
  CHECK(stem_english("caresses") == "caress");
  CHECK(stem_english("deportation") == "deport");
  CHECK(stem_english("deporting") == "deport");
  CHECK(stem_english("tortured") == "tortur");
  CHECK(stem_english("refugees") == "refuge");
  CHECK(stem_english("agreed") == "agre");
  CHECK(stem_english("feed") == "feed");
  CHECK(stem_english("hoping") == "hope");
  CHECK(stem_english("hopping") == "hop");
  CHECK(stem_english("luxuriating") == "luxuri");
  CHECK(stem_english("proceed") == "proceed");
  CHECK(stem_english("exceeding") == "exceed");
  CHECK(stem_english("cries") == "cri");
  CHECK(stem_english("ties") == "tie");
  CHECK(stem_english("gently") == "gentl");
  CHECK(stem_english("canning") == "canning");
  CHECK(stem_english("yelled") == "yell");
  CHECK(stem_english("'aa") == "aa");
  CHECK(stem_english("'s") == "'s");
}

TEST_CASE("stem_english: short and non a-z words are returned unchanged", "[stem]") {
  CHECK(stem_english("") == "");
  CHECK(stem_english("a") == "a");
  CHECK(stem_english("is") == "is");
  CHECK(stem_english("as") == "as");
  CHECK(stem_english("Running") == "Running");
  CHECK(stem_english("caf\xc3\xa9s") == "caf\xc3\xa9s");
  CHECK(stem_english("runs2") == "runs2");
  // A NUL byte must not let a word pass for an exception ("sky") or a stemmable word.
  const std::string nul_sky("\0sky", 4);
  CHECK(stem_english(nul_sky) == nul_sky);
  const std::string nul_runs("runs\0", 5);
  CHECK(stem_english(nul_runs) == nul_runs);
}

TEST_CASE("stem_english: every word of the Snowball English vocabulary", "[stem]") {
  const std::string dir = std::string(OSPREY_SNOWBALL_DIR) + "/english/";
  std::string voc_text;
  std::string out_text;
  if (!read_file(dir + "voc.txt", voc_text) || !read_file(dir + "output.txt", out_text)) {
    FAIL("cannot read " << dir << "voc.txt and output.txt; install the Debian package "
                        << "snowball-data (or define OSPREY_SNOWBALL_DIR)");
  }
  const std::vector<std::string> voc = split_lines(voc_text);
  const std::vector<std::string> expected = split_lines(out_text);
  REQUIRE(voc.size() == expected.size());

  std::size_t compared = 0;
  std::size_t mismatches = 0;
  std::string report;
  for (std::size_t i = 0; i < voc.size(); ++i) {
    const std::string got = stem_english(voc[i]);
    ++compared;
    if (got == expected[i]) continue;
    if (++mismatches <= 20) {
      report += "  " + voc[i] + " -> " + got + " (expected " + expected[i] + ")\n";
    }
  }
  INFO(mismatches << " of " << compared << " words differ; first ones:\n" << report);
  REQUIRE(mismatches == 0);
  // The vocabulary has 29417 lines; a short or empty read must not pass.
  REQUIRE(compared == 29417);
}
