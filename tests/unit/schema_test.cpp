#include <catch2/catch.hpp>

#include "index/schema.hpp"

using osprey::Schema;

TEST_CASE("the default schema is valid and round-trips through JSON", "[schema]") {
  const Schema d = Schema::defaults();
  REQUIRE(Schema::validate(d).ok());
  auto back = Schema::from_json(d.to_json());
  REQUIRE(back.ok());
  CHECK(back.value() == d);
  CHECK(d.find("title") == 0);
  CHECK(d.find("nope") == -1);
}

TEST_CASE("config files are checked with messages that name the problem", "[schema]") {
  auto err = [](std::string_view text) {
    auto r = Schema::from_json(text);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };
  CHECK(err("{") == "config: 1:2: syntax error while parsing object key - unexpected end of "
                    "input; expected string literal");
  CHECK(err("[]") == "schema: expected an object");
  CHECK(err(R"({"fields": []})") == "schema: \"id\" must be a string");
  CHECK(err(R"({"id": "u", "fields": []})") == "schema: \"fields\" is empty");
  CHECK(err(R"({"id": "u", "fields": [{"name": "u", "stored": true}]})") ==
        "schema: no field has a weight > 0, nothing is searchable");
  CHECK(err(R"({"id": "u", "fields": [{"name": "t", "weight": 1}]})") ==
        "schema: id field \"u\" is not a field");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "weight": 1}]})") ==
        "schema: id field \"t\" must be stored");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "weight": "x"}]})") ==
        "schema: field key \"weight\" must be a number");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "weight": -1, "stored": true}]})") ==
        "schema: field \"t\" weight must be between 0 and 1000");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "colour": 1}]})") ==
        "schema: field key \"colour\" is unknown");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "weight": 1, "stored": true},
                                      {"name": "t", "stored": true}]})") ==
        "schema: duplicate field \"t\"");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "transform": "month"}]})") ==
        "schema: field key \"transform\" must be \"none\" or \"year\"");
}

TEST_CASE("a custom schema reads sources and transforms", "[schema]") {
  auto r = Schema::from_json(R"({"id": "link", "fields": [
      {"name": "name", "weight": 2, "stored": true},
      {"name": "link", "stored": true},
      {"name": "when", "source": "published", "transform": "year", "facet": true}]})");
  REQUIRE(r.ok());
  const Schema& s = r.value();
  REQUIRE(s.fields.size() == 3);
  CHECK(s.fields[0].source == "name");
  CHECK(s.fields[2].source == "published");
  CHECK(s.fields[2].transform == osprey::Transform::kYear);
  CHECK(s.fields[2].facet);
  CHECK_FALSE(s.fields[2].searchable());
}
