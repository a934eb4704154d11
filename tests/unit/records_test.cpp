#include <catch2/catch.hpp>

#include "build/records.hpp"

using osprey::parse_records;
using osprey::RecordFormat;

TEST_CASE("a JSON array gives its records with their lines", "[records]") {
  auto r = parse_records("[\n {\"a\": 1},\n\n {\"b\": [1, {\"x\": \"]\"}]}, 3\n]",
                         RecordFormat::kJsonArray);
  REQUIRE(r.ok());
  REQUIRE(r.value().size() == 3);
  CHECK(r.value()[0].line == 2);
  CHECK(r.value()[1].line == 4);
  CHECK(r.value()[2].line == 4);
  CHECK(r.value()[2].value == 3);
}

TEST_CASE("JSON Lines skip blank lines and count lines from 1", "[records]") {
  auto r = parse_records("{\"a\": 1}\n\n  \n{\"a\": 2}\n", RecordFormat::kJsonLines);
  REQUIRE(r.ok());
  REQUIRE(r.value().size() == 2);
  CHECK(r.value()[1].line == 4);
  CHECK(r.value()[1].value["a"] == 2);
}

TEST_CASE("malformed JSON is an error with line and column", "[records]") {
  auto a = parse_records("[\n  {\"title\": \"x\",\n   \"url\" \"y\"}\n]", RecordFormat::kJsonArray);
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().message ==
        "3:12: syntax error while parsing object separator - unexpected string literal; "
        "expected ':'");
  auto l = parse_records("{\"a\": 1}\n{\"a\": }\n", RecordFormat::kJsonLines);
  REQUIRE_FALSE(l.ok());
  CHECK(l.error().message.rfind("2:7: syntax error", 0) == 0);
  auto obj = parse_records("{\"a\": 1}", RecordFormat::kJsonArray);
  REQUIRE_FALSE(obj.ok());
  CHECK(obj.error().message ==
        "1:1: expected a JSON array of records (or JSON Lines in a .jsonl file)");
  auto truncated = parse_records("[{\"a\": \"b", RecordFormat::kJsonArray);
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().message.rfind("1:", 0) == 0);
  auto bad_utf8 = parse_records("[{\"a\": \"\xff\"}]", RecordFormat::kJsonArray);
  REQUIRE_FALSE(bad_utf8.ok());
  CHECK(bad_utf8.error().message.find("ill-formed UTF-8") != std::string::npos);
}
