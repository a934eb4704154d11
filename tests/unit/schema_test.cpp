#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "build/schema_json.hpp"
#include "index/schema.hpp"
#include "text/analyzer.hpp"

using osprey::Schema;
using osprey::schema_from_json;
using osprey::schema_to_json;

TEST_CASE("the default schema is valid and round-trips through JSON", "[schema]") {
  const Schema d = Schema::defaults();
  REQUIRE(Schema::validate(d).ok());
  auto back = schema_from_json(schema_to_json(d));
  REQUIRE(back.ok());
  CHECK(back.value() == d);
  CHECK(d.find("title") == 0);
  CHECK(d.find("nope") == -1);
}

TEST_CASE("config files are checked with messages that name the problem", "[schema]") {
  auto err = [](std::string_view text) {
    auto r = schema_from_json(text);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };
  CHECK(err("{") ==
        "config: 1:2: syntax error while parsing object key - unexpected end of "
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
        "schema: field \"t\" weight must be 0, or a number from 1e-6 to 1000");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "colour": 1}]})") ==
        "schema: field key \"colour\" is unknown");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "weight": 1, "stored": true},
                                      {"name": "t", "stored": true}]})") ==
        "schema: duplicate field \"t\"");
  CHECK(err(R"({"id": "t", "fields": [{"name": "t", "transform": "month"}]})") ==
        "schema: field key \"transform\" must be \"none\" or \"year\"");
}

// Issue #13: a denormal weight was accepted, and made its field searchable in
// name only (every score underflowed to 0).
TEST_CASE("a field weight is 0 or a normal number from 1e-6 to 1000", "[schema][limits]") {
  auto weight = [](std::string_view w) {
    return schema_from_json(R"({"id": "u", "fields": [{"name": "u", "stored": true},
                               {"name": "body", "weight": )" +
                            std::string(w) + "}]}");
  };
  auto err = [&](std::string_view w) {
    auto r = weight(w);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == osprey::ErrorCode::kInvalidInput);
    return r.error().message;
  };
  CHECK(err("1e-320") == "schema: field \"body\" weight must be 0, or a number from 1e-6 to 1000");
  CHECK(err("1e-7") == "schema: field \"body\" weight must be 0, or a number from 1e-6 to 1000");
  CHECK(err("1000.5") == "schema: field \"body\" weight must be 0, or a number from 1e-6 to 1000");
  // JSON has no NaN or infinity, and a number too large for a double is refused.
  CHECK(err("1e400") == "config: 2:59: number overflow parsing '1e400'");
  CHECK(weight("1e-6").ok());
  CHECK(weight("1000").ok());
  // A schema built in code is checked the same way, NaN and infinity too.
  for (double w : {std::nan(""), std::numeric_limits<double>::infinity(), 4.9e-324, -0.5}) {
    Schema s = Schema::defaults();
    s.fields[1].weight = w;
    auto r = Schema::validate(s);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message ==
          "schema: field \"summary\" weight must be 0, or a number from 1e-6 to 1000");
  }
  Schema zero = Schema::defaults();
  zero.fields[1].weight = 0;  // not searchable: fine
  CHECK(Schema::validate(zero).ok());
}

TEST_CASE("a custom schema reads sources and transforms", "[schema]") {
  auto r = schema_from_json(R"({"id": "link", "fields": [
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

TEST_CASE("the schema records a language; absent means English", "[schema][language]") {
  CHECK(Schema::defaults().language == "en");
  auto fr = schema_from_json(
      R"({"id": "u", "language": "fr", "fields": [{"name": "u", "weight": 1, "stored": true}]})");
  REQUIRE(fr.ok());
  CHECK(fr.value().language == "fr");
  auto back = schema_from_json(schema_to_json(fr.value()));
  REQUIRE(back.ok());
  CHECK(back.value() == fr.value());
  // Indexes and configs written before languages existed read as English.
  auto old =
      schema_from_json(R"({"id": "u", "fields": [{"name": "u", "weight": 1, "stored": true}]})");
  REQUIRE(old.ok());
  CHECK(old.value().language == "en");

  auto err = [](std::string_view language) {
    auto r = schema_from_json(R"({"id": "u", "language": )" + std::string(language) +
                              R"(, "fields": [{"name": "u", "weight": 1, "stored": true}]})");
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };
  CHECK(err("3") == "schema: \"language\" must be a string");
  CHECK(err(R"("en-US")") ==
        "schema: \"language\" must be a language code of 2 to 8 letters a-z, "
        "like \"en\" (got \"en-US\")");
  CHECK(err(R"("e")") ==
        "schema: \"language\" must be a language code of 2 to 8 letters a-z, "
        "like \"en\" (got \"e\")");
  CHECK(err(R"("EN")") ==
        "schema: \"language\" must be a language code of 2 to 8 letters a-z, "
        "like \"en\" (got \"EN\")");
  CHECK(osprey::valid_language("haw"));
  CHECK_FALSE(osprey::valid_language("toolonglang"));
}

TEST_CASE("text is stemmed by its index language's stemmer", "[schema][language]") {
  using osprey::text::stem_term;
  CHECK(stem_term("deported") == "deport");
  CHECK(stem_term("deported", "en") == "deport");
  CHECK(stem_term("maisons", "fr") == "maison");
  CHECK(stem_term("deported", "de") == "deported");  // no German suffix
  CHECK(stem_term("pakete", "de") == "paket");
  CHECK(stem_term("deported", "haw") == "deported");  // no Snowball stemmer
  CHECK(stem_term("3.11", "en") == "3.11");
}
