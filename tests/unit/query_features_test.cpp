// The query language and ranking tiers end to end through search().
#include <catch2/catch.hpp>

#include "build/codec.hpp"
#include "build/schema_json.hpp"
#include "fixtures.hpp"

using namespace osprey;
using test::run;

namespace {

std::vector<std::string> ids(const Index& ix, const SearchResult& r) {
  const int url = ix.schema.find("url");
  std::vector<std::string> out;
  for (const Hit& h : r.hits) out.push_back(*ix.stored[url][h.doc]);
  return out;
}

std::vector<std::string> ids(const Index& ix, std::string_view q, SearchOptions o = {}) {
  return ids(ix, run(ix, q, o));
}

using V = std::vector<std::string>;

V sorted(V v) {
  std::sort(v.begin(), v.end());
  return v;
}

const Index& corpus() {
  static const Index ix = test::build(R"([
    {"url": "/1", "title": "Deportation of refugees", "summary": "forced deportation to Syria", "type": "Report", "date": "2021-09-30"},
    {"url": "/2", "title": "Deported families", "summary": "families deported last year", "type": "Press Release", "date": "2020-01-15"},
    {"url": "/3", "title": "Deportations continue", "summary": "more deportations reported", "type": "Press Release", "date": "2022-03-01"},
    {"url": "/4", "title": "Humanitarian aid", "summary": "cross-border aid for north-west Syria", "type": "Urgent Action", "date": "2021-07-09"},
    {"url": "/5", "title": "Aid cut", "summary": "aid across the border was cut", "type": "Report"},
    {"url": "/6", "title": "Torture trial", "summary": "sexual violence and torture in detention", "type": "Report", "date": "2020-04-22"},
    {"url": "/7", "title": "Violence report", "summary": "torture, murder and sexual violence", "type": "Urgent Action", "date": "2022-01-13"}
  ])");
  return ix;
}

}  // namespace

TEST_CASE("exact form over stemmed form over prefix over typo", "[query][tiers]") {
  const Index& ix = corpus();
  // "deportation": /1 holds the word; /3 (deportations) and /2 (deported) share
  // its stem. /3's shorter fields give it the higher BM25F score, but the exact
  // word ranks first.
  CHECK(ids(ix, "deportation", {.prefix = false}) == V{"/1", "/3", "/2"});
  // Typed as a prefix: "deport" is no word here; the three deport- documents come
  // by prefix, then those with "report"/"reported" (1 typo) after all of them.
  const V deport = ids(ix, "deport");
  REQUIRE(deport.size() == 6);
  V by_prefix(deport.begin(), deport.begin() + 3), by_typo(deport.begin() + 3, deport.end());
  std::sort(by_prefix.begin(), by_prefix.end());
  std::sort(by_typo.begin(), by_typo.end());
  CHECK(by_prefix == V{"/1", "/2", "/3"});
  CHECK(by_typo == V{"/5", "/6", "/7"});
  // Typos: "deportaton" is 1 edit from a prefix of deportation(s); deported is
  // not close, but shares their stem: it comes last, weighted as a stem form.
  CHECK(ids(ix, "deportaton") == V{"/3", "/1", "/2"});
  // A document needing no typo outranks every one that needs one.
  CHECK(ids(ix, "violense OR trial", {.prefix = false})[0] == "/6");
}

TEST_CASE("typo budget follows word length", "[query][typos]") {
  const Index& ix = corpus();
  CHECK(run(ix, "tortrue", {.prefix = false}).total == 2);      // 7 letters: 1 edit (transposition)
  CHECK(run(ix, "trture", {.prefix = false}).total == 2);       // deletion
  CHECK(run(ix, "aud", {.prefix = false}).total == 0);          // 3 letters: no edits
  CHECK(run(ix, "humanitrain", {.prefix = false}).total == 1);  // 11 letters: 2 edits
  CHECK(run(ix, "humantrain", {.prefix = false, .typo_two_from = 20}).total == 0);
  CHECK(run(ix, "tortrue", {.typos = false}).total == 0);
}

TEST_CASE("phrases match consecutive positions", "[query][phrase]") {
  const Index& ix = corpus();
  CHECK(ids(ix, "\"sexual violence\"") == V{"/7", "/6"});  // /7's summary is shorter
  CHECK(ids(ix, "\"violence sexual\"").empty());
  CHECK(ids(ix, "\"torture murder\"") == V{"/7"});  // punctuation between words is no gap
  CHECK(ids(ix, "\"cross-border aid\"") == V{"/4"});
  CHECK(ids(ix, "“sexual violence”") == V{"/7", "/6"});  // typographic quotes
}

TEST_CASE("exclusions remove terms and phrases", "[query][exclude]") {
  const Index& ix = corpus();
  CHECK(ids(ix, "torture -trial") == V{"/7"});
  CHECK(ids(ix, "violence -\"sexual violence\"").empty());
  CHECK(ids(ix, "aid -(cut OR humanitarian)").empty());
  CHECK(run(ix, "-torture").total == 0);  // nothing positive: nothing listed
}

TEST_CASE("OR, fields and facets", "[query][or][field]") {
  const Index& ix = corpus();
  CHECK(ids(ix, "trial OR cut", {.prefix = false}) == V{"/5", "/6"});
  CHECK(ids(ix, "title:torture") == V{"/6"});
  CHECK(ids(ix, "title:violence") == V{"/7"});
  CHECK(ids(ix, "type:report torture", {.partial = false}) == V{"/6"});
  CHECK(ids(ix, "type:\"press release\"", {.sort = "date"}) == V{"/3", "/2"});
  CHECK(ids(ix, "year:2020", {.sort = "date", .descending = false}) == V{"/2", "/6"});
  // Unknown fields are words: "colour:red" searches colour and red.
  CHECK(run(ix, "colour:red").total == 0);
  CHECK(run(ix, "10:30").total == 0);
}

TEST_CASE("unbalanced syntax degrades to words", "[query][syntax]") {
  const Index& ix = corpus();
  const SearchOptions whole{.partial = false};
  CHECK(ids(ix, "\"sexual violence", whole) == V{"/7", "/6"});
  CHECK(ids(ix, "(torture trial", whole) == V{"/6"});
  CHECK(ids(ix, "torture) trial", whole) == V{"/6"});
  CHECK(ids(ix, "OR torture OR", whole) == V{"/6", "/7"});  // /6 has it in its title
}

TEST_CASE("documents matching most terms follow the full matches", "[query][partial]") {
  const Index& ix = corpus();
  const SearchResult r = run(ix, "torture detention zebra");
  CHECK(r.full_total == 0);
  REQUIRE(r.total == 2);
  CHECK(ids(ix, r) == V{"/6", "/7"});  // /6 has two of three terms
  CHECK(r.hits[0].matched == std::vector<uint32_t>{0, 1});
  CHECK(r.hits[1].matched == std::vector<uint32_t>{0});
  CHECK_FALSE(r.hits[0].full);
  CHECK(run(ix, "torture detention zebra", {.partial = false}).total == 0);
  // Enough full matches for a page: no partial ones.
  CHECK(run(ix, "torture violence", {.limit = 1}).total == 2);
}

TEST_CASE("proximity lifts documents whose terms stand together", "[query][proximity]") {
  const Index ix = test::build(R"([
    {"url": "/far", "title": "x", "summary": "violence is one thing and sexual is another word"},
    {"url": "/near", "title": "y", "summary": "thing and sexual violence is one another word"}])");
  CHECK(ids(ix, "sexual violence") == V{"/near", "/far"});
}

TEST_CASE("filters: any, all, none, ranges; facets stay disjunctive", "[query][facets]") {
  const Index& ix = corpus();
  SearchOptions o{.filters = {{"type", {"Report"}, FilterMode::kAny}}};
  const SearchResult r = run(ix, "torture OR aid OR deportation", o);
  CHECK(sorted(ids(ix, r)) == V{"/1", "/5", "/6"});
  REQUIRE(r.facets.size() == 2);
  CHECK(r.facets[0].field == "type");
  // Counts of the other types ignore the type filter; the year facet obeys it.
  const auto& type = r.facets[0].values;
  REQUIRE(type.size() == 3);
  CHECK((type[0].value == "Report" && type[0].count == 3 && type[0].selected));
  CHECK((type[1].value == "Press Release" && type[1].count == 2 && !type[1].selected));
  CHECK((type[2].value == "Urgent Action" && type[2].count == 2));
  const auto& year = r.facets[1].values;
  REQUIRE(year.size() == 2);
  CHECK((year[0].value == "2020" && year[0].count == 1));
  CHECK((year[1].value == "2021" && year[1].count == 1));

  o.filters = {{"type", {"Report", "Urgent Action"}, FilterMode::kNone}};
  CHECK(sorted(ids(ix, "torture OR aid OR deportation", o)) == V{"/2", "/3"});
  o.filters = {{"type", {"Report", "Nope"}, FilterMode::kAll}};
  CHECK(run(ix, "torture", o).total == 0);
  o.filters = {{"type", {"Nope"}, FilterMode::kAny}};
  CHECK(run(ix, "torture", o).total == 0);
  o.filters = {};
  o.ranges = {{"date", "2021", "2021"}};
  CHECK(sorted(ids(ix, "torture OR aid OR deportation", o)) == V{"/1", "/4"});
  o.ranges = {{"date", "", "2020-12-31"}};
  CHECK(sorted(ids(ix, "torture OR aid OR deportation", o)) == V{"/2", "/6"});
  CHECK_FALSE(search(ix, "x", {.filters = {{"title", {"a"}, FilterMode::kAny}}}).ok());
  CHECK_FALSE(search(ix, "x", {.ranges = {{"nope", "a", "b"}}}).ok());
}

// More filters than a 32-bit mask has bits: the 33rd was shifted by 32
// (undefined; on x86 and in wasm it aliased the first filter's bit), and the
// year facet then ignored the type filter.
TEST_CASE("filters: any number of them; a facet obeys the filters on other fields",
          "[query][facets]") {
  const Index& ix = corpus();
  SearchOptions o;
  for (int k = 0; k < 32; ++k) o.filters.push_back({"year", {"1900"}, FilterMode::kNone});
  o.filters.push_back({"type", {"Report"}, FilterMode::kAny});
  const SearchResult r = run(ix, "torture OR aid OR deportation", o);
  CHECK(sorted(ids(ix, r)) == V{"/1", "/5", "/6"});
  REQUIRE(r.facets.size() == 2);
  const auto& type = r.facets[0].values;
  REQUIRE(type.size() == 3);
  CHECK((type[0].value == "Report" && type[0].count == 3 && type[0].selected));
  const auto& year = r.facets[1].values;
  REQUIRE(year.size() == 2);
  CHECK((year[0].value == "2020" && year[0].count == 1));
  CHECK((year[1].value == "2021" && year[1].count == 1));
}

TEST_CASE("sort by a field, missing values last, relevance tiers first", "[query][sort]") {
  const Index& ix = corpus();
  CHECK(ids(ix, "aid OR torture", {.sort = "date"}) == V{"/7", "/4", "/6", "/5"});
  CHECK(ids(ix, "aid OR torture", {.sort = "date", .descending = false}) ==
        V{"/6", "/4", "/7", "/5"});
  CHECK(ids(ix, "", {.browse = true, .sort = "date"}) ==
        V{"/3", "/7", "/1", "/4", "/6", "/2", "/5"});
  CHECK(run(ix, "", {}).total == 0);
}

TEST_CASE("excerpts and titles carry match segments", "[query][excerpt]") {
  const Index& ix = corpus();
  const SearchResult r = run(ix, "border");
  REQUIRE(ids(ix, r) == V{"/5", "/4"});
  const Hit& h = r.hits[1];
  REQUIRE(h.excerpts.size() == 3);  // title, summary, type
  std::string summary;
  for (const auto& s : h.excerpts[1].excerpt.segments)
    summary += s.match ? "[" + s.text + "]" : s.text;
  CHECK(summary == "cross-[border] aid for north-west Syria");  // the part that matched
}

TEST_CASE("did you mean: a close word that finds more", "[query][suggest]") {
  const Index& ix = corpus();
  CHECK(run(ix, "humanitarain aid", {.typos = false}).did_you_mean == "humanitarian aid");
  CHECK(run(ix, "torture").did_you_mean.empty());
  CHECK(run(ix, "qqqqqq").did_you_mean.empty());
}

TEST_CASE("did you mean: the edit budget counts code points, not bytes", "[query][suggest]") {
  const Index ix = test::build(R"([{"url": "/a", "title": "abcd", "summary": "x"}])");
  // 4 code points allow 1 edit, however many bytes they take ("ж" takes 2).
  CHECK(run(ix, "жbcd", {.typos = false}).did_you_mean == "abcd");
  CHECK(run(ix, "жжcd", {.typos = false}).did_you_mean.empty());  // 6 bytes, 2 edits away
}

TEST_CASE("completions of the last word, in the context of the others", "[query][complete]") {
  const Index& ix = corpus();
  auto c = complete(ix, "dep", 5);
  REQUIRE(c.size() == 3);
  CHECK(c[0].query == "deportation");
  CHECK(c[0].docs == 1);
  auto ctx = complete(ix, "torture se", 5);
  REQUIRE(ctx.size() == 1);
  CHECK(ctx[0].query == "torture sexual");
  CHECK(complete(ix, "torture ", 5).empty());  // the last word is finished
}

TEST_CASE("a boost field multiplies the score", "[query][boost]") {
  auto schema = schema_from_json(R"({"id": "url", "fields": [
      {"name": "title", "weight": 1, "stored": true},
      {"name": "url", "stored": true},
      {"name": "popularity", "boost": true}]})");
  REQUIRE(schema.ok());
  const Index ix = test::build(R"([
    {"url": "/plain", "title": "aid convoy"},
    {"url": "/popular", "title": "aid convoy", "popularity": 3},
    {"url": "/ignored", "title": "aid convoy", "popularity": 0},
    {"url": "/junk", "title": "aid convoy", "popularity": "lots"}])",
                               schema.value());
  CHECK(ids(ix, "aid") == V{"/popular", "/plain", "/junk", "/ignored"});
  const SearchResult r = run(ix, "aid");
  CHECK(r.hits[0].score == Approx(3 * r.hits[1].score).epsilon(1e-5));
  CHECK(r.hits[3].score == 0);
  // The reader rebuilds the boosts from the stored values.
  auto back = read_index(write_index(ix, "t"));
  REQUIRE(back.ok());
  CHECK(back.value().boost == ix.boost);
}

// Issue #13: a denormal boost became a float 0 and silently sank its document
// as an explicit 0 does; NaN, infinities and values out of range count as 1 too.
TEST_CASE("a boost value is 0 or a number from 1e-6 to 1e6, else 1 with a warning",
          "[query][boost][limits]") {
  CHECK(parse_boost(std::string("0")) == 0.0f);
  CHECK(parse_boost(std::string("1e-6")).has_value());
  CHECK(parse_boost(std::string("1e6")) == 1e6f);
  for (const char* bad : {"1e-320", "1e-7", "-1", "1e7", "nan", "inf", "-inf", "1e400", "2x", ""}) {
    INFO(bad);
    CHECK_FALSE(parse_boost(std::string(bad)).has_value());
  }
  auto schema = schema_from_json(R"({"id": "url", "fields": [
      {"name": "title", "weight": 1, "stored": true},
      {"name": "url", "stored": true},
      {"name": "popularity", "boost": true}]})");
  REQUIRE(schema.ok());
  IndexBuilder b(schema.value());
  const AddReport report =
      b.add(nlohmann::json{{"url", "/tiny"}, {"title", "aid"}, {"popularity", 1e-320}});
  CHECK(report.indexed);
  REQUIRE(report.messages.size() == 1);
  INFO(report.messages[0]);
  CHECK(report.messages[0].ends_with("\" is not 0 or a number from 1e-6 to 1000000, boost 1 used"));
  CHECK(b.add(nlohmann::json{{"url", "/nan"}, {"title", "aid"}, {"popularity", "NaN"}})
            .messages.size() == 1);
  const Index ix = b.finish();
  CHECK(ix.boost == std::vector<float>{1.0f, 1.0f});
  CHECK(run(ix, "aid").hits[0].score > 0);
}
