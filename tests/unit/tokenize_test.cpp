#include <catch2/catch.hpp>

#include "text/analyzer.hpp"

using osprey::text::Token;
using osprey::text::tokenize;

namespace {

std::vector<std::string> terms(std::string_view text) {
  std::vector<Token> tokens;
  tokenize(text, tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.term);
  return out;
}

std::vector<std::pair<std::string, uint32_t>> with_positions(std::string_view text) {
  std::vector<Token> tokens;
  tokenize(text, tokens);
  std::vector<std::pair<std::string, uint32_t>> out;
  for (const Token& t : tokens) out.emplace_back(t.term, t.position);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("words are folded runs of letters and numbers", "[tokenize]") {
  CHECK(terms("Conviction of Syrian official") == V{"conviction", "of", "syrian", "official"});
  CHECK(terms("  ÉCOLE  café, NAÏVE!") == V{"ecole", "cafe", "naive"});
  CHECK(terms("") == V{});
  CHECK(terms(" \t\n.,;!?") == V{});
}

TEST_CASE("apostrophes of every kind join and vanish", "[tokenize]") {
  CHECK(terms("Tarek Al A’lo") == V{"tarek", "al", "alo"});
  CHECK(terms("A'lo") == V{"alo"});
  CHECK(terms("Alo") == V{"alo"});
  CHECK(terms("Fares Al Zo’bi") == V{"fares", "al", "zobi"});
  CHECK(terms("aʼb a‘b a`b a´b a＇b") == V{"ab", "ab", "ab", "ab", "ab"});
  CHECK(terms("wouldn’t") == V{"wouldnt"});
  // Possessive ’s is dropped; quotes around words are not apostrophes in a word.
  CHECK(terms("Syria’s prisons") == V{"syria", "prisons"});
  CHECK(terms("‘Historic Step’") == V{"historic", "step"});
  CHECK(terms("'Nowhere is safe for us'") == V{"nowhere", "is", "safe", "for", "us"});
}

TEST_CASE("numbers are kept, with decimal points between digits", "[tokenize]") {
  CHECK(terms("UA 45.21 in 2021, 380 Syrians") == V{"ua", "45.21", "in", "2021", "380", "syrians"});
  CHECK(terms("Branch 251.") == V{"branch", "251"});
  CHECK(terms("v1.2.3") == V{"v1.2.3"});
  CHECK(terms("end. Next") == V{"end", "next"});
}

TEST_CASE("hyphenated compounds give the whole and the parts", "[tokenize]") {
  using P = std::vector<std::pair<std::string, uint32_t>>;
  CHECK(with_positions("cross-border aid") ==
        P{{"crossborder", 0}, {"cross", 0}, {"border", 1}, {"aid", 2}});
  CHECK(with_positions("north-west Syria") ==
        P{{"northwest", 0}, {"north", 0}, {"west", 1}, {"syria", 2}});
  CHECK(terms("COVID-19 vaccines") == V{"covid19", "covid", "19", "vaccines"});
  CHECK(terms("a - b") == V{"a", "b"});
  CHECK(terms("-leading trailing-") == V{"leading", "trailing"});
  CHECK(terms("Bab al-Hawa") == V{"bab", "alhawa", "al", "hawa"});
}

TEST_CASE("CJK runs become overlapping bigrams", "[tokenize]") {
  using P = std::vector<std::pair<std::string, uint32_t>>;
  CHECK(with_positions("中华人民") == P{{"中华", 0}, {"华人", 1}, {"人民", 2}});
  CHECK(terms("東") == V{"東"});
  CHECK(terms("abc中文def") == V{"abc", "中文", "def"});
  // Folding removes combining marks in every script: が (か + U+3099) -> か.
  CHECK(terms("ひらがなカタカナ") == V{"ひら", "らか", "かな", "なカ", "カタ", "タカ", "カナ"});
  CHECK(terms("한국어 검색") == V{"한국", "국어", "검색"});
  // A unit is a character with the marks that follow it: a combining voicing
  // mark joins its kana (and folds away), so it makes no bigram of its own.
  CHECK(terms("か\u3099な") == V{"かな"});
}

TEST_CASE("positions count words and offsets point into the source", "[tokenize]") {
  std::vector<Token> tokens;
  const std::string text = "Denmark: Protect Syrians";
  const uint32_t next = tokenize(text, tokens, 10);
  REQUIRE(tokens.size() == 3);
  CHECK(next == 13);
  CHECK(tokens[0].position == 10);
  CHECK(tokens[2].position == 12);
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "Protect");
}

TEST_CASE("invalid UTF-8 separates words and never crashes", "[tokenize]") {
  CHECK(terms("abc\xff"
              "def") == V{"abc", "def"});
  CHECK(terms("\xe2\x80") == V{});
  CHECK(terms(std::string("a\0b", 3)) == V{"a", "b"});
}

TEST_CASE("long terms are cut at a code point boundary", "[tokenize]") {
  const std::string long_word(200, 'x');
  auto t = terms(long_word);
  REQUIRE(t.size() == 1);
  CHECK(t[0].size() == osprey::text::kMaxTermBytes);
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "ж";  // 2 bytes each
  t = terms(accents);
  REQUIRE(t.size() == 1);
  CHECK(t[0].size() == 64);
}

TEST_CASE("stems group English words; others stand as they are", "[analyzer]") {
  using osprey::text::stem_term;
  CHECK(stem_term("deportation") == "deport");
  CHECK(stem_term("deported") == "deport");
  CHECK(stem_term("tortured") == stem_term("torture"));
  CHECK(stem_term("45.21") == "45.21");
  CHECK(stem_term("中文") == "中文");
}

TEST_CASE("a TokenList holds the same tokens, terms packed in one buffer", "[tokenize]") {
  osprey::text::TokenList list;
  for (const std::string& text : std::vector<std::string>{
           "Conviction of Syrian official", "Syria’s cross-border aid, v1.2.3 and 45.21",
           "abc中文def", "COVID-19 don't-stop a'-b ÉCOLE", std::string(70, 'x') + "-y"}) {
    std::vector<Token> tokens;
    const uint32_t next = tokenize(text, tokens, 7);
    list.clear();
    CHECK(tokenize(text, list, 7) == next);
    REQUIRE(list.size() == tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto& e = list.entries()[i];
      CHECK(list.term(e) == tokens[i].term);
      CHECK(e.position == tokens[i].position);
      CHECK(e.begin == tokens[i].begin);
      CHECK(e.end == tokens[i].end);
    }
  }
  // Appending to a list keeps what it holds.
  list.clear();
  tokenize("one two", list);
  tokenize("three", list, 3);
  REQUIRE(list.size() == 3);
  CHECK(list.term(list.entries()[2]) == "three");
  CHECK(list.term(list.entries()[0]) == "one");
}
