#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdio>
#include <string>

#include "text/analyzer.hpp"
#include "text/snowball.hpp"
#include "text/snowball_algorithms.hpp"

#ifndef OSPREY_SNOWBALL_DIR
#define OSPREY_SNOWBALL_DIR "/usr/share/snowball/data"
#endif

using osprey::text::snowball_algorithms;
using osprey::text::snowball_stem;
using osprey::text::stem_term;
using osprey::text::stemmer_for_language;

namespace {

// Reads a file line by line with stdio (natively and under Node with NODERAWFS),
// never the whole file: arabic's vocabulary is 156 MB. A trailing '\r' is dropped.
class Lines {
 public:
  explicit Lines(const std::string& path) : f_(std::fopen(path.c_str(), "rb")) {}
  ~Lines() {
    if (f_ != nullptr) std::fclose(f_);
  }
  Lines(const Lines&) = delete;
  Lines& operator=(const Lines&) = delete;
  bool open() const { return f_ != nullptr; }
  bool next(std::string& line) {
    line.clear();
    char buf[4096];  // small: wasm stacks can be as small as 64 KiB
    while (std::fgets(buf, sizeof buf, f_) != nullptr) {
      line += buf;
      if (line.back() == '\n') {
        line.pop_back();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
    }
    return !line.empty();
  }

 private:
  std::FILE* f_;
};

// The folder of an algorithm's voc.txt and output.txt: snowball-data's, or for
// a vocabulary it ships gzipped (arabic) the copy that ctest unpacks
// (tests/CMakeLists.txt, fixture snowball_data).
std::string data_dir(const std::string& name) {
  const std::string dir = std::string(OSPREY_SNOWBALL_DIR) + "/" + name + "/";
  if (Lines(dir + "voc.txt").open()) return dir;
  return std::string(OSPREY_SNOWBALL_UNPACKED_DIR) + "/" + name + "/";
}

std::string stem(std::string_view algorithm, std::string_view word) {
  return snowball_stem(algorithm, word).value_or("<no stemmer>");
}

}  // namespace

// Hidden from the default run (11 million words): ctest runs it as <suite>.snowball.
TEST_CASE("snowball: every word of every libstemmer vocabulary in snowball-data",
          "[stem][.snowball]") {
  // snowball-data (0+20210120) has 32 folders: libstemmer's 29 algorithms and
  // german2, kraaij_pohlmann and lovins, which libstemmer 2.2.0 does not build.
  REQUIRE(snowball_algorithms().size() == 29);
  std::size_t total = 0;
  for (const auto& algorithm : snowball_algorithms()) {
    const std::string name(algorithm.name);
    const std::string dir = data_dir(name);
    Lines voc(dir + "voc.txt");
    Lines expected(dir + "output.txt");
    INFO(name);
    if (!voc.open() || !expected.open()) {
      FAIL("cannot read " << dir << "voc.txt and output.txt; install the Debian package "
                          << "snowball-data (or define OSPREY_SNOWBALL_DIR)");
    }
    std::size_t words = 0;
    std::size_t mismatches = 0;
    std::string report;
    std::string word;
    std::string want;
    while (voc.next(word)) {
      REQUIRE(expected.next(want));
      ++words;
      const std::string got = stem(name, word);
      if (got == want) continue;
      if (++mismatches <= 10) {
        report += "  " + word + " -> " + got + " (expected " + want + ")\n";
      }
    }
    REQUIRE_FALSE(expected.next(want));  // as many stems as words
    INFO(mismatches << " of " << words << " words differ; first ones:\n" << report);
    CHECK(mismatches == 0);
    CHECK(words > 1000);  // a short or empty read must not pass
    total += words;
  }
  // The sum of the 29 vocabularies' lines in snowball-data 0+20210120-1
  // (arabic 9,196,214, the other 28 together 1,823,131).
  CHECK(total == 11019345);
}

TEST_CASE("snowball: languages select their algorithm by ISO 639-1 code", "[stem]") {
  REQUIRE(stemmer_for_language("en") != nullptr);
  CHECK(stemmer_for_language("en")->name == "english");
  CHECK(stemmer_for_language("de")->name == "german");
  CHECK(stemmer_for_language("ru")->name == "russian");
  CHECK(stemmer_for_language("ja") == nullptr);
  CHECK(stemmer_for_language("zh") == nullptr);
  CHECK(stemmer_for_language("") == nullptr);
  // Snowball's names are not language codes: porter is reachable only by name.
  CHECK(stemmer_for_language("english") == nullptr);
  CHECK(stemmer_for_language("porter") == nullptr);
  CHECK(snowball_stem("klingon", "qapla") == std::nullopt);
}

TEST_CASE("stem_term: the index language's stemmer, words only", "[stem]") {
  CHECK(stem_term("consigned") == "consign");
  CHECK(stem_term("skies", "en") == "sky");
  CHECK(stem_term("pakete", "de") == "paket");
  CHECK(stem_term("paketen", "de") == "paket");
  CHECK(stem_term("maisons", "fr") == "maison");
  CHECK(stem_term("\xd0\xba\xd0\xbd\xd0\xb8\xd0\xb3\xd0\xb8", "ru") ==
        "\xd0\xba\xd0\xbd\xd0\xb8\xd0\xb3");  // книги -> книг
  // Arabic: the article and the particles Snowball takes off before it ...
  CHECK(stem_term("الكتاب", "ar") == "كتاب");
  CHECK(stem_term("بالكتاب", "ar") == "كتاب");
  CHECK(stem_term("وبالكتاب", "ar") == "كتاب");
  // ... and "and the", "so the", which Snowball keeps whole (والكتاب), taken
  // off here when the article and three letters follow.
  CHECK(snowball_stem("arabic", "والكتاب") == "والكتاب");
  CHECK(stem_term("والكتاب", "ar") == "كتاب");
  CHECK(stem_term("فالكتاب", "ar") == "كتاب");
  CHECK(stem_term("والمعلمين", "ar") == stem_term("المعلمون", "ar"));
  CHECK(stem_term("والمعلمين", "ar") == "معلم");
  // Shorter: as Snowball stems them (father, mother, governor).
  CHECK(stem_term("والد", "ar") == "والد");
  CHECK(stem_term("والدة", "ar") == "والد");
  CHECK(stem_term("والي", "ar") == "وال");
  CHECK(stem_term("وال", "ar") == snowball_stem("arabic", "وال"));
  // Only in Arabic.
  CHECK(stem_term("والكتاب", "fa") == "والكتاب");
  // No stemmer: the term itself.
  CHECK(stem_term("skies", "ja") == "skies");
  // Terms with a digit are not words.
  CHECK(stem_term("runs2") == "runs2");
  CHECK(stem_term("3.11") == "3.11");
  CHECK(stem_term("") == "");
  // A NUL byte is a byte like any other to Snowball: no cut, no crash.
  const std::string nul_runs("runs\0", 5);
  CHECK(stem_term(nul_runs) == nul_runs);
}
