#include "query/options_json.hpp"

#include <string>

#include <catch2/catch.hpp>

namespace osprey {
namespace {

SearchOptions read(std::string_view text, SearchOptions base = {}) {
  Result<SearchOptions> r = read_search_options(text, std::move(base));
  if (!r.ok()) FAIL(r.error().message);
  return std::move(r).value();
}

std::string problem(std::string_view text) {
  Result<SearchOptions> r = read_search_options(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kInvalidInput);
  return r.error().message;
}

TEST_CASE("options: every key, and the defaults for the missing ones") {
  CHECK(read("{}") == SearchOptions{});
  CHECK(read(" {\"unknown\": [1, {\"x\": null}]} ") == SearchOptions{});
  SearchOptions want;
  want.offset = 2;
  want.limit = 3;
  want.excerpt_words = 5;
  want.facet_limit = 7;
  want.prefix = false;
  want.typos = false;
  want.partial = false;
  want.browse = true;
  want.facets = false;
  want.suggest = false;
  want.filters = {{"type", {"a", "2"}, FilterMode::kNone}, {"year", {"2021"}, FilterMode::kAll}};
  want.ranges = {{"date", "2021", ""}};
  want.sort = "date";
  want.descending = false;
  want.fields = {"body", "anchors"};
  CHECK(read(R"({"offset": 2, "limit": 3.0, "excerptWords": 5, "facetLimit": 7e0, "prefix": false,
                 "typos": false, "partial": false, "browse": true, "facets": false, "suggest": false,
                 "filters": [{"field": "type", "values": ["a", 2], "mode": "none"},
                             {"field": "year", "values": 2021, "mode": "all"}],
                 "ranges": [{"field": "date", "from": "2021", "to": null}],
                 "sort": "date:asc", "fields": ["body", "anchors"]})") == want);
}

TEST_CASE("options: the forms the page API accepts") {
  const auto filters = [](std::string_view text) { return read(text).filters; };
  CHECK(filters(R"({"filters": {"type": "Report", "year": [2021, null], "x": null}})") ==
        std::vector<FacetFilter>{{"type", {"Report"}, FilterMode::kAny},
                                 {"year", {"2021", "null"}, FilterMode::kAny},
                                 {"x", {}, FilterMode::kAny}});
  CHECK(
      filters(
          R"({"filters": [{"field": "t", "mode": ""}, {"field": 5, "mode": null, "values": [[1, 2]]}]})") ==
      std::vector<FacetFilter>{{"t", {}, FilterMode::kAny}, {"5", {"1,2"}, FilterMode::kAny}});
  CHECK(read(R"({"sort": "date"})").sort == "date");
  CHECK(read(R"({"sort": "date"})").descending);
  CHECK(read(R"({"sort": {"field": "date", "descending": 0}})").descending);
  CHECK_FALSE(read(R"({"sort": {"field": "date", "descending": false}})").descending);
  CHECK(read(R"({"sort": {}})").sort == "undefined");
  SearchOptions sorted;
  sorted.sort = "date";
  CHECK(read(R"({"sort": "relevance"})", sorted).sort.empty());
  CHECK(read(R"({"sort": ""})", sorted).sort.empty());
  CHECK(read(R"({"sort": 5})", sorted).sort == "date");
  // The sort string's rule, which `osprey search --sort` shares.
  SearchOptions keyed;
  CHECK(apply_sort_key("date:asc:x", keyed));
  CHECK((keyed.sort == "date" && !keyed.descending));
  CHECK(apply_sort_key("relevance", keyed));
  CHECK((keyed.sort.empty() && keyed.descending));
  keyed.sort = "date";
  CHECK_FALSE(apply_sort_key("date:up", keyed));
  CHECK((keyed.sort == "date" && keyed.descending));
  CHECK(read(R"({"limit": 1e300, "offset": -0})").limit == 0x7fffffff);
  CHECK(read(R"({"limit": 1, "limit": 2})").limit == 2);  // the last, as JSON.parse
  // Escapes: \u, surrogate pairs, a lone surrogate as U+FFFD.
  CHECK(read(R"({"sort": "d\u00e9\ud83d\ude00\ud800\/\"\\:asc"})").sort ==
        "d\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd/\"\\");
}

TEST_CASE("options: applied onto others, filters and ranges added") {
  SearchOptions base;
  base.limit = 5;
  base.filters = {{"type", {"a"}, FilterMode::kAny}};
  const SearchOptions o = read(R"({"filters": {"year": "2021"}, "offset": 1})", base);
  CHECK(o.limit == 5);
  CHECK(o.offset == 1);
  CHECK(o.filters.size() == 2);
}

TEST_CASE("options: the page API's messages, the first problem in its order") {
  CHECK(problem(R"({"limit": -1})") == "limit must be a non-negative integer (got -1)");
  CHECK(problem(R"({"offset": 1.5})") == "offset must be a non-negative integer (got 1.5)");
  CHECK(problem(R"({"limit": "NaN"})") == "limit must be a non-negative integer (got NaN)");
  CHECK(problem(R"({"limit": 1e400})") == "limit must be a non-negative integer (got 1e400)");
  CHECK(problem(R"({"limit": [1, [2, [], null], {}]})") ==
        "limit must be a non-negative integer (got 1,2,,,[object Object])");
  CHECK(problem(R"({"excerptWords": null})") ==
        "excerptWords must be a non-negative integer (got null)");
  CHECK(problem(R"({"suggest": 1})") == "suggest must be true or false");
  CHECK(problem(R"({"filters": 1})") == "filters must be an object or an array");
  CHECK(problem(R"({"filters": [1]})") == "each filter must be {field, values: [strings], mode}");
  CHECK(problem(R"({"filters": [{"field": "t", "mode": "some"}]})") ==
        "filter mode must be \"any\", \"all\" or \"none\"");
  CHECK(problem(R"({"ranges": {}})") == "ranges must be an array");
  CHECK(problem(R"({"ranges": [null]})") == "each range must be {field, from, to} with strings");
  CHECK(problem(R"({"sort": "date:up"})") == "sort direction must be asc or desc");
  CHECK(problem(R"({"fields": "body"})") == "fields must be an array of field names");
  CHECK(problem(R"({"fields": ["body", 1]})") == "fields must be an array of field names");
  CHECK(problem(R"({"fields": null})") == "fields must be an array of field names");
  CHECK(problem(R"({"sort": "date:up", "filters": 1, "typos": 1, "limit": -1})") ==
        "limit must be a non-negative integer (got -1)");
  CHECK(problem(R"({"sort": "date:up", "filters": 1})") == "filters must be an object or an array");
  CHECK(problem("[]") == "options must be an object");
  CHECK(problem("null") == "options must be an object");
}

TEST_CASE("options: ranking parameters, their bounds and messages") {
  const SearchOptions o =
      read(R"({"ranking": {"termSaturation": 0, "pageLength": 1, "fieldWeights": {"title": 5}}})");
  CHECK(o.ranking.k1 == 0);
  CHECK(o.ranking.b == 1);
  CHECK(o.ranking.field_weights == std::vector<std::pair<std::string, double>>{{"title", 5}});
  CHECK(read(R"({"ranking": {}})") == SearchOptions{});
  // fieldWeights replaces the list; k1 and b keep what they were.
  SearchOptions base = o;
  const SearchOptions next = read(R"({"ranking": {"fieldWeights": {"summary": 2}}})", base);
  CHECK(next.ranking.k1 == 0);
  CHECK(next.ranking.field_weights == std::vector<std::pair<std::string, double>>{{"summary", 2}});
  CHECK(problem(R"({"ranking": 1})") ==
        "ranking must be an object {termSaturation, pageLength, fieldWeights}");
  CHECK(problem(R"({"ranking": {"pageLength": 1.5}})") ==
        "ranking.pageLength must be a number from 0 to 1 (got 1.5)");
  CHECK(problem(R"({"ranking": {"pageLength": "0.5"}})") ==
        "ranking.pageLength must be a number from 0 to 1 (got 0.5)");
  CHECK(problem(R"({"ranking": {"termSaturation": -1}})") ==
        "ranking.termSaturation must be a number from 0 to 100 (got -1)");
  CHECK(problem(R"({"ranking": {"termSaturation": 1e999}})") ==
        "ranking.termSaturation must be a number from 0 to 100 (got 1e999)");
  CHECK(problem(R"({"ranking": {"fieldWeights": {"title": 0}}})") ==
        "ranking.fieldWeights.title must be a number from 1e-6 to 1000 (got 0)");
  CHECK(problem(R"({"ranking": {"fieldWeights": [3]}})") ==
        "ranking.fieldWeights must be an object {field: weight}");
  CHECK(problem(R"({"ranking": {"k1": 1}})") ==
        "ranking: unknown parameter \"k1\" (termSaturation, pageLength, fieldWeights)");
}

TEST_CASE("options: not JSON, deep, long") {
  CHECK(problem("") == "options must be an object (not JSON at byte 0)");
  CHECK(problem("{} x") == "options must be an object (not JSON at byte 3)");
  CHECK(problem(R"({"a": 01})") == "options must be an object (not JSON at byte 7)");
  CHECK(problem(R"({"a": [1,]})") == "options must be an object (not JSON at byte 9)");
  CHECK(problem(R"({"a": "x)") == "options must be an object (not JSON at byte 8)");
  CHECK(problem("{\"a\": \"\x01\"}") == "options must be an object (not JSON at byte 8)");
  CHECK(problem(R"({"a": tru})") == "options must be an object (not JSON at byte 6)");
  CHECK(problem(R"({"a" 1})") == "options must be an object (not JSON at byte 5)");
  // Nesting costs a token a level, never the stack.
  const std::string deep(200000, '[');
  CHECK(read("{\"x\": " + deep + std::string(200000, ']') + "}") == SearchOptions{});
  CHECK(problem("{\"x\": " + deep + "}").rfind("options must be an object (not JSON", 0) == 0);
  CHECK(problem("{\"x\": \"" + std::string(kMaxOptionsBytes, 'y') + "\"}") ==
        "options must be at most 1 MiB of JSON");
}

TEST_CASE("complete options: n, default 5") {
  CHECK(read_complete_options("{}").value() == 5);
  CHECK(read_complete_options(R"({"n": 0})").value() == 0);
  CHECK(read_complete_options(R"({"n": 1e10})").value() == 0x7fffffff);
  CHECK(read_complete_options(R"({"n": 1.5})").error().message ==
        "n must be a non-negative integer (got 1.5)");
}

}  // namespace
}  // namespace osprey
