#include "query/result_json.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "fixtures.hpp"

namespace osprey {
namespace {

std::string text(const std::vector<char>& json) {
  return {json.begin(), json.end()};
}

// The JSON text the writer gives a double (as a field's weight in load_json).
std::string number_json(double v) {
  static Index index = test::build(R"([{"url": "/1", "title": "x"}])");
  index.schema.fields[0].weight = v;
  const std::string all = text(load_json(index));
  const std::size_t from = all.find("\"weight\":") + 9;
  return all.substr(from, all.find('}', from) - from);
}

bool same_double(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST_CASE("numbers: n / 10^6 as that decimal, any other double exactly, and read back the same") {
  CHECK(number_json(3) == "3");
  CHECK(number_json(0.5) == "0.5");
  CHECK(number_json(1.390123) == "1.390123");
  CHECK(number_json(0) == "0");
  CHECK(number_json(0.1 + 0.2) == "0.3000000000000000444089209850062616169452667236328125");
  CHECK(number_json(-0.0) == "-0");
  CHECK(number_json(1e12) == "1000000000000");
  CHECK(number_json(std::ldexp(1.0, 70)) == "1180591620717411303424");
  CHECK(number_json(std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(number_json(-std::numeric_limits<double>::infinity()) == "null");
  for (double v : {1.0 / 3, 2e300, -1.5, 5e-324, std::numeric_limits<double>::max(),
                   std::numeric_limits<double>::min(), 123456789.000001, 0.000001, 1e-7}) {
    const std::string written = number_json(v);
    CAPTURE(v, written);
    CHECK(same_double(std::strtod(written.c_str(), nullptr), v));
  }
}

TEST_CASE("strings: JSON escapes, and ill-formed UTF-8 as U+FFFD as TextDecoder makes it") {
  CHECK(
      text(error_json("limit", "a\"b\\c\x01\x1f\n/\x7f é😀")) ==
      "{\"ok\":false,\"code\":\"limit\",\"message\":\"a\\\"b\\\\c\\u0001\\u001f\\u000a/\x7f é😀\"}");
  // A lone continuation byte, an overlong form, a surrogate, a truncated
  // sequence: one U+FFFD per maximal subpart; U+FFFD itself stays.
  CHECK(
      text(error_json("x", "\x80|\xc0\xaf|\xed\xa0\x80|\xef\xbf\xbd|longer than eight \xe2\x82")) ==
      "{\"ok\":false,\"code\":\"x\",\"message\":\"\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|"
      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd|longer than eight \xef\xbf\xbd\"}");
}

TEST_CASE("the values of the contract, keys in order") {
  CHECK(text(ok_json()) == R"({"ok":true})");
  CHECK(text(needs_json({"a.p0.osp", "b\"c"})) == R"({"ok":true,"needs":["a.p0.osp","b\"c"]})");
  CHECK(text(completions_json({{"syrian refugees", "refugees", 2}})) ==
        R"({"ok":true,"completions":[{"query":"syrian refugees","term":"refugees","docs":2}]})");
  SearchOptions options;
  options.limit = 1;
  const std::string result =
      text(result_json(test::sample_index(), test::run(test::sample_index(), "Koblenz", options)));
  CHECK(result.rfind(R"({"ok":true,"total":1,"fullTotal":1,"terms":["Koblenz"],"hits":[{"doc":)",
                     0) == 0);
  for (const char* key : {R"(,"score":)", R"(,"full":true,"matched":[0],"fields":{"title":)",
                          R"(,"excerpts":{"title":{"segments":[{"text":)", R"("cutStart":)",
                          R"(,"facets":{"type":[{"value":)", R"(,"didYouMean":""})"}) {
    CAPTURE(key);
    CHECK(result.find(key) != std::string::npos);
  }
  const std::string loaded = text(load_json(test::sample_index()));
  CHECK(loaded.rfind(
            R"({"ok":true,"docCount":10,"parts":5,"language":"en","stemmer":"english",)"
            R"("fields":[{"name":"title",)"
            R"("searchable":true,"stored":true,"facet":false,"sortable":false,"boost":false,)"
            R"("weight":3},)",
            0) == 0);
  CHECK(loaded.substr(loaded.size() - 18) == R"(],"idField":"url"})");
}

// "😀 é word×40 needle word×40": 82 word positions (the emoji is none).
std::string long_summary() {
  std::string s = "\xF0\x9F\x98\x80 \xC3\xA9 ";
  for (int i = 0; i < 40; ++i) s += "word ";
  s += "needle";
  for (int i = 0; i < 40; ++i) s += " word";
  return s;
}

TEST_CASE("a hit: display fields whole, a cut text as its excerpt and offset; fields asks more") {
  const Index index = test::build(R"([{"url": "/1", "title": "The needle", "type": "field note",
                                       "summary": ")" +
                                  long_summary() + R"("}])");
  const auto hit_json = [&](const SearchOptions& o) {
    const std::string all = text(result_json(index, test::run(index, "needle", o)));
    const std::size_t from = all.find(R"("fields":)");
    return all.substr(from, all.find(R"(],"facets")") - from);
  };
  // The title's excerpt is the whole title: it is a display field. The
  // summary's window of 30 words opens at word 26 (the match centered), after
  // "😀 é " (5 UTF-16 units, 8 bytes) and 25 × "word ": offset 130, not 133.
  const std::string shown = hit_json({});
  CHECK(shown.rfind(R"("fields":{"title":"The needle","type":"field note","url":"/1"},)", 0) == 0);
  CHECK(shown.find(R"("cutStart":false,"cutEnd":false,"offset":0})") != std::string::npos);
  CHECK(shown.find(R"("cutStart":true,"cutEnd":true,"offset":130})") != std::string::npos);
  CHECK(shown.find("word word word word word word word word word word word word word word word "
                   "word word word word word word word word word word word word word word "
                   "word") == std::string::npos);

  SearchOptions more;
  more.fields = {"summary"};
  CHECK(hit_json(more).rfind(
            std::string(R"("fields":{"title":"The needle","summary":")") + long_summary(), 0) == 0);
  // A shorter window: the title is cut too, and then only its excerpt; type,
  // a facet, is a label and stays whole.
  SearchOptions short_window;
  short_window.excerpt_words = 1;
  CHECK(hit_json(short_window).rfind(R"("fields":{"type":"field note","url":"/1"},)", 0) == 0);

  for (const char* name : {"nope", "year"}) {  // year: a facet, not stored
    SearchOptions bad;
    bad.fields = {"title", name};
    const Result<SearchResult> r = search(index, "needle", bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == std::string("fields: \"") + name + "\" is not a stored field");
  }
}

}  // namespace
}  // namespace osprey
