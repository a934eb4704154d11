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
            R"({"ok":true,"docCount":10,"parts":4,"language":"en","fields":[{"name":"title",)"
            R"("searchable":true,"stored":true,"facet":false,"sortable":false,"boost":false,)"
            R"("weight":3},)",
            0) == 0);
  CHECK(loaded.substr(loaded.size() - 18) == R"(],"idField":"url"})");
}

}  // namespace
}  // namespace osprey
