#include <catch2/catch.hpp>

#include <string>
#include <unordered_set>

#include "query/excerpt.hpp"
#include "text/tokenize.hpp"
#include "text/utf8.hpp"

using osprey::query::Excerpt;
using osprey::query::excerpt;
using osprey::query::highlight;
using osprey::query::MatchedTerm;

namespace {

using V = std::vector<std::string>;
using M = std::vector<MatchedTerm>;

// Segments as strings, matches in brackets: {"a ", "[b]", " c"}. Every element
// is one segment, so comparing these compares the exact segment lists.
V segs(const Excerpt& e) {
  V out;
  for (const auto& s : e.segments) out.push_back(s.match ? "[" + s.text + "]" : s.text);
  return out;
}

std::string joined(const Excerpt& e) {
  std::string out;
  for (const auto& s : e.segments) out += s.text;
  return out;
}

std::vector<std::string> term_list(std::string_view text) {
  std::vector<osprey::text::Token> tokens;
  osprey::text::tokenize(text, tokens);
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.term);
  return out;
}

// The summary of the Koblenz record in data/news.json.
constexpr const char* kKoblenz =
    "Responding to a decision of the Higher Regional Court in Koblenz, Germany, which has "
    "convicted former Syrian intelligence officer Anwar Raslan to life in prison for crimes "
    "against humanity, including torture, murder and rape of detainees in Branch 251, an "
    "infamous military intelligence facility in Damascus city, Amnesty International’s Deputy "
    "Director for the Middle East and North Africa, Lynn Maalouf, said: “Today’s verdict is a "
    "historic victory that amplifies the voices of tens of thousands of survivors of unlawful "
    "detention, torture and sexual violence, as well as the voices of the families of victims "
    "who died in Syria’s prisons and detention centres as a result of the treatment of Syrian "
    "security forces for over a decade. Notably, it also recognizes the systematized nature of "
    "sexual violence as crime against humanity. This wouldn’t have come about without those "
    "who dared to share their stories, Syria’s civil society actors, and human rights and "
    "litigation organizations who have doggedly pursued justice, truth and reparation over the "
    "years.";

}  // namespace

TEST_CASE("highlight marks matching words and keeps the rest", "[excerpt]") {
  const Excerpt e = highlight("Conviction of Syrian official", {{"syrian", 0}});
  CHECK(segs(e) == V{"Conviction of ", "[Syrian]", " official"});
  CHECK_FALSE(e.cut_start);
  CHECK_FALSE(e.cut_end);
  CHECK(segs(highlight("syrian", {{"syrian", 0}})) == V{"[syrian]"});
  CHECK(segs(highlight("no match here", {{"syrian", 0}})) == V{"no match here"});
  CHECK(segs(highlight("no terms at all", {})) == V{"no terms at all"});
}

TEST_CASE("highlight keeps the original case and accents", "[excerpt]") {
  CHECK(segs(highlight("Le Café NAÏVE", {{"cafe", 0}, {"naive", 1}})) ==
        V{"Le ", "[Café]", " ", "[NAÏVE]"});
}

TEST_CASE("apostrophes stay inside the highlighted word", "[excerpt]") {
  CHECK(segs(highlight("Tarek Al A’lo said", {{"alo", 0}})) == V{"Tarek Al ", "[A’lo]", " said"});
  CHECK(segs(highlight("Tarek Al A'lo", {{"alo", 0}})) == V{"Tarek Al ", "[A'lo]"});
  // The possessive is dropped from the term but is part of the word's bytes.
  CHECK(segs(highlight("in Syria’s prisons", {{"syria", 0}})) == V{"in ", "[Syria’s]", " prisons"});
}

TEST_CASE("hyphenated compounds highlight whole or by part", "[excerpt]") {
  CHECK(segs(highlight("a cross-border raid", {{"crossborder", 0}})) ==
        V{"a ", "[cross-border]", " raid"});
  CHECK(segs(highlight("a cross-border raid", {{"border", 0}})) ==
        V{"a cross-", "[border]", " raid"});
  CHECK(segs(highlight("a cross-border raid", {{"cross", 0}})) ==
        V{"a ", "[cross]", "-border raid"});
  // Whole and part both matching overlap and merge.
  CHECK(segs(highlight("a cross-border raid", {{"crossborder", 0}, {"border", 0}})) ==
        V{"a ", "[cross-border]", " raid"});
}

TEST_CASE("overlapping CJK bigrams merge into one highlight", "[excerpt]") {
  CHECK(segs(highlight("中华人民", {{"华人", 0}})) == V{"中", "[华人]", "民"});
  CHECK(segs(highlight("中华人民", {{"华人", 0}, {"人民", 0}})) == V{"中", "[华人民]"});
  CHECK(segs(highlight("中华人民", {{"中华", 0}, {"人民", 1}})) == V{"[中华人民]"});
}

TEST_CASE("adjacent matched words stay separate segments", "[excerpt]") {
  CHECK(segs(highlight("war crimes trial", {{"war", 0}, {"crimes", 1}})) ==
        V{"[war]", " ", "[crimes]", " trial"});
  CHECK(segs(highlight("war, war", {{"war", 0}})) == V{"[war]", ", ", "[war]"});
}

TEST_CASE("highlight of empty and word-less text", "[excerpt]") {
  CHECK(highlight("", {{"a", 0}}).segments.empty());
  CHECK(segs(highlight(" … !", {{"a", 0}})) == V{" … !"});
}

TEST_CASE("excerpt of the Koblenz summary centers the match", "[excerpt]") {
  const M torture{{"torture", 0}, {"tortured", 0}};
  // "torture" occurs twice; each window holds one, so the earliest wins.
  const Excerpt e = excerpt(kKoblenz, torture);
  CHECK(segs(e) == V{"former Syrian intelligence officer Anwar Raslan to life in prison for crimes "
                     "against humanity, including ",
                     "[torture]",
                     ", murder and rape of detainees in Branch 251, an infamous military "
                     "intelligence facility in"});
  CHECK(e.cut_start);
  CHECK(e.cut_end);

  const Excerpt short_window = excerpt(kKoblenz, torture, 10);
  CHECK(segs(short_window) ==
        V{"for crimes against humanity, including ", "[torture]", ", murder and rape of"});
  CHECK(short_window.cut_start);
  CHECK(short_window.cut_end);
}

TEST_CASE("the window prefers distinct query terms over repeats", "[excerpt]") {
  // Two query terms: "torture" repeats nowhere, but the second occurrence sits
  // next to "sexual", so that window holds both terms.
  const Excerpt e = excerpt(kKoblenz, {{"torture", 0}, {"sexual", 1}}, 10);
  CHECK(segs(e) == V{"survivors of unlawful detention, ", "[torture]", " and ", "[sexual]",
                     " violence, as well"});

  // Four repeats of one term lose to one each of two terms.
  const std::string text = "alpha alpha alpha alpha w w w w w w alpha beta w w";
  const Excerpt two = excerpt(text, {{"alpha", 0}, {"beta", 1}}, 4);
  CHECK(segs(two) == V{"w ", "[alpha]", " ", "[beta]", " w"});
  CHECK(two.cut_start);
  CHECK(two.cut_end);

  // Same distinct count: more matches win, then the earliest window.
  CHECK(segs(excerpt("a x x x a a x x x x", {{"a", 0}}, 3)) == V{"x ", "[a]", " ", "[a]"});
  CHECK(segs(excerpt("x a x x x x a x x x", {{"a", 0}}, 3)) == V{"x ", "[a]", " x"});
}

TEST_CASE("excerpt sets the cut flags", "[excerpt]") {
  const std::string text = "one two three four five six seven eight nine";
  const M five{{"five", 0}};
  Excerpt e = excerpt(text, five, 3);
  CHECK(segs(e) == V{"four ", "[five]", " six"});
  CHECK(e.cut_start);
  CHECK(e.cut_end);

  // Near the start the window begins at the text start; near the end it
  // ends at the text end.
  e = excerpt(text, {{"one", 0}}, 3);
  CHECK(segs(e) == V{"[one]", " two three"});
  CHECK_FALSE(e.cut_start);
  CHECK(e.cut_end);
  e = excerpt(text, {{"nine", 0}}, 3);
  CHECK(segs(e) == V{"seven eight ", "[nine]"});
  CHECK(e.cut_start);
  CHECK_FALSE(e.cut_end);

  // Slices start and end on words: surrounding spaces and punctuation go.
  e = excerpt("  one, two. three; four!  ", {{"two", 0}}, 2);
  CHECK(segs(e) == V{"one, ", "[two]"});
  CHECK_FALSE(e.cut_start);
  CHECK(e.cut_end);
}

TEST_CASE("excerpt with no match is the first words", "[excerpt]") {
  Excerpt e = excerpt(kKoblenz, {}, 5);
  CHECK(segs(e) == V{"Responding to a decision of"});
  CHECK_FALSE(e.cut_start);
  CHECK(e.cut_end);
  e = excerpt("  one two three  ", {{"zzz", 0}}, 2);
  CHECK(segs(e) == V{"one two"});
  CHECK_FALSE(e.cut_start);
  CHECK(e.cut_end);
}

TEST_CASE("excerpt of a short text is the whole text", "[excerpt]") {
  Excerpt e = excerpt("  Conviction of Syrian official. ", {{"syrian", 0}});
  CHECK(segs(e) == V{"  Conviction of ", "[Syrian]", " official. "});
  CHECK_FALSE(e.cut_start);
  CHECK_FALSE(e.cut_end);
  // Exactly `words` words is still the whole text.
  e = excerpt("one two three", {}, 3);
  CHECK(segs(e) == V{"one two three"});
  CHECK_FALSE(e.cut_end);
  CHECK(segs(excerpt("…", {})) == V{"…"});
  e = excerpt("", {{"a", 0}});
  CHECK(e.segments.empty());
  CHECK_FALSE(e.cut_start);
  CHECK_FALSE(e.cut_end);
}

TEST_CASE("excerpt of zero words takes one", "[excerpt]") {
  const Excerpt e = excerpt("one two three", {{"two", 0}}, 0);
  CHECK(segs(e) == V{"[two]"});
  CHECK(e.cut_start);
  CHECK(e.cut_end);
}

TEST_CASE("a window opening inside a compound takes the whole compound", "[excerpt]") {
  // Positions: one two three four five cross(-border) seven eight; the
  // window of two before "seven" would open on "border".
  const std::string text = "one two three four five cross-border seven eight";
  Excerpt e = excerpt(text, {{"seven", 0}}, 2);
  CHECK(segs(e) == V{"cross-border ", "[seven]"});
  CHECK(e.cut_start);
  CHECK(e.cut_end);
  // A compound ending the window is kept whole, and highlighted whole.
  e = excerpt("one two three four cross-border six", {{"crossborder", 0}}, 2);
  CHECK(segs(e) == V{"four ", "[cross-border]"});
  CHECK(e.cut_start);
  CHECK(e.cut_end);
}

TEST_CASE("a long hyphenated chain does not stretch the excerpt", "[excerpt]") {
  std::string chain = "a";
  for (int i = 0; i < 99; ++i) chain += "-a";
  Excerpt e = excerpt(chain + " end", {{"end", 0}}, 3);
  CHECK(segs(e) == V{"a-a ", "[end]"});
  CHECK(e.cut_start);
  CHECK_FALSE(e.cut_end);
  e = excerpt("start " + chain, {{"start", 0}}, 3);
  CHECK(segs(e) == V{"[start]", " a-a"});
  CHECK_FALSE(e.cut_start);
  CHECK(e.cut_end);
}

TEST_CASE("a CJK bigram cut by the window edge is not highlighted in part", "[excerpt]") {
  // Bigrams: 一二 二三 三四 四五 五六 at positions 0..4, 六七 at 5.
  const Excerpt e = excerpt("一二三四五六七", {{"五六", 0}}, 2);
  CHECK(segs(e) == V{"四", "[五六]"});
  CHECK(e.cut_start);
  CHECK(e.cut_end);
}

TEST_CASE("excerpts of invalid UTF-8 are valid UTF-8", "[excerpt]") {
  const std::string text =
      "caf\xC3 x \xFF"
      "bad\xFF word";
  CHECK(segs(highlight(text, {{"bad", 0}})) ==
        V{"caf\xEF\xBF\xBD x \xEF\xBF\xBD", "[bad]", "\xEF\xBF\xBD word"});
  const Excerpt e = excerpt("\xFF\xFE one \xE2\x82 two \xF0\x9F three \xC0", {{"two", 0}}, 2);
  CHECK(segs(e) == V{"one \xEF\xBF\xBD ", "[two]"});
  CHECK(e.cut_end);
  // The whole text is kept, invalid bytes and all, as replacement characters.
  CHECK(segs(excerpt("\xFF"
                     "a\xFF",
                     {{"a", 0}})) == V{"\xEF\xBF\xBD", "[a]", "\xEF\xBF\xBD"});
}

TEST_CASE("query term ids need not be small or dense", "[excerpt]") {
  const Excerpt e = excerpt("a b c d e f", {{"e", 4000000000u}, {"b", 7}}, 2);
  CHECK(segs(e) == V{"a ", "[b]"});
  // A term standing for two query terms counts for both.
  CHECK(segs(excerpt("run x x x x go x x ran", {{"go", 0}, {"run", 0}, {"run", 1}}, 2)) ==
        V{"[run]", " x"});
}

TEST_CASE("a 1 MB text is excerpted in one pass", "[excerpt]") {
  std::string text;
  const std::string filler = "lorem ipsum dolor sit amet, ";
  while (text.size() < 500000) text += filler;
  text += "the needle and haystack ";
  while (text.size() < 1000000) text += filler;
  text += "a lone needle";

  const Excerpt e = excerpt(text, {{"needle", 0}, {"haystack", 1}}, 4);
  CHECK(segs(e) == V{"the ", "[needle]", " and ", "[haystack]"});
  CHECK(e.cut_start);
  CHECK(e.cut_end);

  const Excerpt all = highlight(text, {{"needle", 0}});
  std::size_t matches = 0;
  for (const auto& s : all.segments) matches += s.match;
  CHECK(matches == 2);
  CHECK(all.segments.size() == 4);
  CHECK(joined(all) == text);
}

TEST_CASE("segments alternate and cover a slice of the text", "[excerpt][prop]") {
  // Deterministic pseudo-random texts over an alphabet with multi-byte
  // letters, compounds, apostrophes, CJK and invalid bytes.
  const std::vector<std::string> pieces = {
      "war",      "Café",   "A’lo",        "cross-border", "x-y-z", "中华", "人民",
      "華",       " ",      "  ",          ", ",           "-",     "’",    "\xFF",
      "\xE2\x82", "border", "crossborder", "naïve",        "3.11",  "ab"};
  const M matched = {{"war", 0}, {"cafe", 1}, {"border", 2}, {"华人", 3},
                     {"xyz", 4}, {"y", 4},    {"naive", 5},  {"3.11", 6}};
  std::unordered_set<std::string> terms;
  for (const auto& m : matched) terms.insert(m.term);

  uint32_t seed = 12345;
  const auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const uint32_t n = next() % 40;
    for (uint32_t i = 0; i < n; ++i) text += pieces[next() % pieces.size()];
    const std::string clean = osprey::text::sanitize_utf8(text);
    for (std::size_t words : {0, 1, 3, 7, 30}) {
      for (bool whole : {true, false}) {
        const Excerpt e = whole ? highlight(text, matched) : excerpt(text, matched, words);
        INFO("text: " << text << " words: " << words << " whole: " << whole);
        for (std::size_t i = 0; i < e.segments.size(); ++i) {
          const auto& s = e.segments[i];
          REQUIRE_FALSE(s.text.empty());
          REQUIRE(osprey::text::sanitize_utf8(s.text) == s.text);
          if (i > 0) REQUIRE(s.match != e.segments[i - 1].match);
          if (s.match) {
            // A highlight holds a matching token.
            std::vector<osprey::text::Token> tokens;
            osprey::text::tokenize(s.text, tokens);
            bool found = false;
            for (const auto& t : tokens) found = found || terms.count(t.term) > 0;
            REQUIRE(found);
          }
        }
        const std::string all = joined(e);
        if (whole) {
          REQUIRE(all == clean);
        } else {
          REQUIRE(clean.find(all) != std::string::npos);
          // Without cuts every word is there (only edge punctuation may go).
          if (!e.cut_start && !e.cut_end) REQUIRE(term_list(all) == term_list(text));
        }
      }
    }
  }
}

TEST_CASE("an Excerpter gives the free functions' excerpts, text after text", "[excerpt][prop]") {
  const std::vector<std::string> pieces = {
      "war", "Café", "A’lo", "cross-border", "x-y-z",  "中华",        "人民",  "華",   " ",  "  ",
      ", ",  "-",    "’",    "\xFF",         "border", "crossborder", "naïve", "3.11", "ab", "WAR"};
  const M matched = {{"war", 7}, {"cafe", 1},  {"border", 2}, {"华人", 3}, {"xyz", 4},
                     {"y", 4},   {"naive", 5}, {"3.11", 6},   {"war", 1}};
  osprey::query::Excerpter excerpter;
  for (const MatchedTerm& m : matched) excerpter.add(m.term, m.query_term);
  uint32_t seed = 777;
  const auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const uint32_t n = next() % 60;
    for (uint32_t i = 0; i < n; ++i) text += pieces[next() % pieces.size()];
    INFO("text: " << text);
    CHECK(segs(excerpter.highlight(text)) == segs(highlight(text, matched)));
    for (std::size_t words : {0, 1, 5, 30}) {
      const Excerpt a = excerpter.excerpt(text, words);
      const Excerpt b = excerpt(text, matched, words);
      CHECK(segs(a) == segs(b));
      CHECK(a.cut_start == b.cut_start);
      CHECK(a.cut_end == b.cut_end);
    }
  }
}
