#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "query/parse.hpp"
#include "query/search.hpp"

using namespace osprey;

namespace {

std::vector<std::string> urls(std::string_view query, SearchOptions options = {}) {
  const Index& ix = test::sample_index();
  const int url = ix.schema.find("url");
  std::vector<std::string> out;
  for (const Hit& h : test::run(ix, query, options).hits) out.push_back(*ix.stored[url][h.doc]);
  return out;
}

std::string first(std::string_view query) {
  auto u = urls(query);
  return u.empty() ? "" : u.front();
}

const std::string kKoblenz =
    "/news/2022/01/conviction-of-syrian-official-for-crimes-against-humanity/";
const std::string kReturning =
    "/reports/2021/09/former-refugees-tortured-raped-disappeared-in-syria/";
const std::string kDeportation =
    "/urgent-actions/2021/09/syrian-refugees-at-risk-of-deportation-from-lebanon/";
const std::string kDenmark = "/urgent-actions/2021/04/denmark-protect-syrians-at-risk-of-return/";
const std::string kIdlib = "/news/2020/05/un-must-not-cut-vital-aid-lifeline-to-north-west-syria/";
const std::string kTrial = "/news/2020/04/torture-trial-in-germany-a-historic-step/";
const std::string kIran = "/urgent-actions/2020/06/syrian-kurd-under-threat-of-execution-in-iran/";

}  // namespace

TEST_CASE("known items come first on the sample", "[search][sample]") {
  CHECK(first("Koblenz") == kKoblenz);
  CHECK(first("Raslan") == kKoblenz);
  CHECK(first("Denmark") == kDenmark);
  CHECK(first("deportation") == kDeportation);
  CHECK(first("Idlib") == kIdlib);
  CHECK(first("A'lo") == kDeportation);
  CHECK(first("A’lo") == kDeportation);
  CHECK(first("alo") == kDeportation);
  CHECK(first("Al Zo’bi") == kDeportation);
  CHECK(first("UA 45.21") == kDenmark);
}

TEST_CASE("torture finds every form of the word", "[search][sample]") {
  const auto u = urls("torture");
  // torture, tortured and torturing share the stem "tortur". The returning-
  // refugees report has it in its title (tortured) and summary (torture); the
  // trial only in its title; the verdict twice in a long summary.
  REQUIRE(u.size() == 4);
  CHECK(u == std::vector<std::string>{kReturning, kTrial, kKoblenz, kIran});
  CHECK(test::run(test::sample_index(), "torture").total == 4);
}

TEST_CASE("all terms are required; stop words are optional", "[search]") {
  const SearchOptions whole{.partial = false};
  CHECK(urls("torture Koblenz", whole) == std::vector<std::string>{kKoblenz});
  CHECK(urls("torture Denmark", whole).empty());
  CHECK(urls("the torture").size() == 4);
  // A query of stop words alone still searches them.
  CHECK(test::run(test::sample_index(), "the of").total > 0);
  CHECK(urls("zzzunknown").empty());
}

TEST_CASE("offset and limit page through an exact total", "[search]") {
  const Index& ix = test::sample_index();
  const SearchResult all = test::run(ix, "syria", {.offset = 0, .limit = 100});
  REQUIRE(all.total == all.hits.size());
  REQUIRE(all.total >= 8);
  const SearchResult page = test::run(ix, "syria", {.offset = 2, .limit = 3});
  CHECK(page.total == all.total);
  REQUIRE(page.hits.size() == 3);
  for (int i = 0; i < 3; ++i) CHECK(page.hits[i].doc == all.hits[2 + i].doc);
  CHECK(test::run(ix, "syria", {.offset = 1000, .limit = 3}).hits.empty());
  CHECK(test::run(ix, "syria", {.offset = 0, .limit = 0}).hits.empty());
  // Ranking is by score, then doc id.
  for (std::size_t i = 1; i < all.hits.size(); ++i) {
    const Hit& a = all.hits[i - 1];
    const Hit& b = all.hits[i];
    CHECK((a.score > b.score || (a.score == b.score && a.doc < b.doc)));
  }
}

TEST_CASE("title matches outrank summary matches (BM25F weights)", "[search]") {
  const Index ix = test::build(R"([
    {"url": "/s", "title": "other words", "summary": "humanitarian aid for many"},
    {"url": "/t", "title": "humanitarian aid", "summary": "other words here"}])");
  const SearchResult r = test::run(ix, "humanitarian", {});
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].doc == 1);
}

TEST_CASE("ranking options: field weights, k1 and b change the order as BM25F says", "[search]") {
  // "humanitarian": twice in a 3-word summary (/s), once in a 2-word title
  // (/t), three times in a 21-word summary (/l). Summary lengths average 9.
  const Index ix = test::build(R"([
    {"url": "/s", "title": "other words", "summary": "humanitarian aid humanitarian"},
    {"url": "/t", "title": "humanitarian aid", "summary": "other words here"},
    {"url": "/l", "title": "x", "summary": "humanitarian humanitarian humanitarian a b c d e f g h i j k l m n o p q r"}])");
  const auto order = [&](const RankingOptions& ranking) {
    SearchOptions o;
    o.ranking = ranking;
    std::vector<uint32_t> docs;
    for (const Hit& h : test::run(ix, "humanitarian", o).hits) docs.push_back(h.doc);
    return docs;
  };
  // Defaults (k1 1.2, b 0.75, title 3): tf~ /s 2 / 0.5 = 4, /t 3 / 1.15 = 2.6,
  // /l 3 / 2 = 1.5.
  CHECK(order({}) == std::vector<uint32_t>{0, 1, 2});
  CHECK(order({.field_weights = {{"title", 0.1}}}) == std::vector<uint32_t>{0, 2, 1});
  CHECK(order({.field_weights = {{"title", 100}}}) == std::vector<uint32_t>{1, 0, 2});
  // b = 0: no length normalization: /t (3 x 1) and /l (1 x 3) tie above /s (2),
  // in input order.
  CHECK(order({.b = 0}) == std::vector<uint32_t>{1, 2, 0});
  // k1 = 0: any frequency saturates at once, every match scores its idf alone:
  // all three tie and keep input order.
  CHECK(order({.k1 = 0}) == std::vector<uint32_t>{0, 1, 2});
  CHECK(order({.k1 = 0, .field_weights = {{"title", 100}}}) == std::vector<uint32_t>{0, 1, 2});
  SearchOptions bad;
  bad.ranking.field_weights = {{"url", 2}};
  CHECK(search(ix, "humanitarian", bad).error().message ==
        "ranking.fieldWeights: \"url\" is not a searchable field");
}

TEST_CASE("the exact form outranks another form of the stem", "[search]") {
  const Index ix = test::build(R"([
    {"url": "/a", "title": "deported", "summary": "x"},
    {"url": "/b", "title": "deportation", "summary": "x"}])");
  const SearchResult r = test::run(ix, "deportation", {});
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].doc == 1);
  CHECK(test::run(ix, "deported").hits[0].doc == 0);
}

// docs/ranking.md "Typo tier": "cable" is one edit from "table"; the typo
// form's documents come only when the word as typed leaves the page short.
TEST_CASE("typo forms are planned only when the page is short", "[search][typo-tier]") {
  const Index ix = test::build(R"([
    {"url": "/a", "title": "cable ties", "summary": "x"},
    {"url": "/b", "title": "cable cutter", "summary": "x"},
    {"url": "/c", "title": "cable and table", "summary": "x"},
    {"url": "/d", "title": "table lamp", "summary": "x"},
    {"url": "/e", "title": "table saw", "summary": "x"}])");
  SearchOptions o;
  o.limit = 3;
  const SearchResult full = test::run(ix, "cable", o);
  CHECK(full.total == 3);  // the exact tier fills the page: no typo form
  REQUIRE(full.hits.size() == 3);
  for (const Hit& h : full.hits) CHECK(h.doc <= 2);
  // A document holding a typo form besides the word gets nothing from it:
  // as with typos off.
  SearchOptions off = o;
  off.typos = false;
  const SearchResult plain = test::run(ix, "cable", off);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(full.hits[i].doc == plain.hits[i].doc);
    CHECK(full.hits[i].score == plain.hits[i].score);
  }
  // One more asked for (offset + limit 4 > 3): the typo tier, ranked after.
  o.offset = 1;
  const SearchResult paged = test::run(ix, "cable", o);
  CHECK(paged.total == 5);
  REQUIRE(paged.hits.size() == 3);
  CHECK(paged.hits[2].doc >= 3);
  o.offset = 0;
  o.limit = 5;
  const SearchResult shortpage = test::run(ix, "cable", o);
  CHECK(shortpage.total == 5);
  REQUIRE(shortpage.hits.size() == 5);
  CHECK(shortpage.hits[3].doc >= 3);
  CHECK(shortpage.hits[4].doc >= 3);
  // A filter that leaves the page short counts too.
  SearchOptions ranged = o;
  ranged.limit = 3;
  ranged.ranges = {{"url", "/b", "/e"}};
  CHECK(test::run(ix, "cable", ranged).total == 4);  // /b /c, then /d /e by typo
  // A count request (limit 0) plans typos as a one-hit page would.
  o.limit = 0;
  CHECK(test::run(ix, "cable", o).total == 3);
  CHECK(test::run(ix, "cabel", o).total == 3);  // nothing as typed: its typo forms
  // A required word with no match at all: typo forms.
  SearchOptions whole;
  whole.partial = false;
  CHECK(test::run(ix, "cabel ties", whole).total == 1);
  whole.typos = false;
  CHECK(test::run(ix, "cabel ties", whole).total == 0);
}

TEST_CASE("hostile queries return quickly and safely", "[search]") {
  const Index& ix = test::sample_index();
  CHECK(test::run(ix, "").total == 0);
  CHECK(test::run(ix, "!!! ??? ... ---").total == 0);
  CHECK(test::run(ix, "😀😀😀").total == 0);
  CHECK(test::run(ix, "\xff\xfe\xc0").total == 0);
  std::string huge;
  for (int i = 0; i < 2000; ++i) huge += "syria ";
  const SearchResult r = test::run(ix, huge, {});
  CHECK(r.terms == std::vector<std::string>{"syria"});
  std::string many;
  for (int i = 0; i < 1000; ++i) many.append("w").append(std::to_string(i)).append(" ");
  CHECK(test::run(ix, many).terms.size() == query::kMaxGroups);
  CHECK(test::run(ix, "syria", {.limit = 1000000}).hits.size() <= kMaxLimit);
}

namespace {

// Every field of two results, compared; scores bitwise.
void check_same(const SearchResult& a, const SearchResult& b) {
  CHECK(a.total == b.total);
  CHECK(a.full_total == b.full_total);
  CHECK(a.terms == b.terms);
  CHECK(a.did_you_mean == b.did_you_mean);
  REQUIRE(a.hits.size() == b.hits.size());
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    const Hit& x = a.hits[i];
    const Hit& y = b.hits[i];
    CHECK(x.doc == y.doc);
    CHECK(x.score == y.score);
    CHECK(x.full == y.full);
    CHECK(x.matched == y.matched);
    REQUIRE(x.excerpts.size() == y.excerpts.size());
    for (std::size_t k = 0; k < x.excerpts.size(); ++k) {
      const query::Excerpt& ex = x.excerpts[k].excerpt;
      const query::Excerpt& ey = y.excerpts[k].excerpt;
      CHECK(x.excerpts[k].field == y.excerpts[k].field);
      CHECK(ex.cut_start == ey.cut_start);
      CHECK(ex.cut_end == ey.cut_end);
      REQUIRE(ex.segments.size() == ey.segments.size());
      for (std::size_t s = 0; s < ex.segments.size(); ++s) {
        CHECK(ex.segments[s].text == ey.segments[s].text);
        CHECK(ex.segments[s].match == ey.segments[s].match);
      }
    }
  }
  REQUIRE(a.facets.size() == b.facets.size());
  for (std::size_t f = 0; f < a.facets.size(); ++f) {
    CHECK(a.facets[f].field == b.facets[f].field);
    REQUIRE(a.facets[f].values.size() == b.facets[f].values.size());
    for (std::size_t v = 0; v < a.facets[f].values.size(); ++v) {
      CHECK(a.facets[f].values[v].value == b.facets[f].values[v].value);
      CHECK(a.facets[f].values[v].count == b.facets[f].values[v].count);
      CHECK(a.facets[f].values[v].selected == b.facets[f].values[v].selected);
    }
  }
}

}  // namespace

// The Searcher keeps per-document scratch between queries; whatever ran
// before, a query must give what a fresh search() gives. Terms, phrases,
// compounds (a term and a phrase in one group), exclusions, stop words,
// typos, prefixes, filters and sorting, each after the others.
TEST_CASE("a Searcher gives search()'s results, query after query", "[search][searcher]") {
  const Index& ix = test::sample_index();
  const std::vector<std::string> queries = {"torture",
                                            "syria \"human rights\"",
                                            "\"human rights\" syria",
                                            "cross-border aid",
                                            "refugees -lebanon",
                                            "the",
                                            "the refugees",
                                            "tortrue germany",
                                            "deport",
                                            "syr",
                                            "koblenz OR idlib",
                                            "type:report syria",
                                            "xyzzy",
                                            "",
                                            "a'lo",
                                            "human rights watch",
                                            "deportaton",
                                            "\"sexual violence\" -torture"};
  std::vector<SearchOptions> options(4);
  options[1].prefix = false;
  options[1].typos = false;
  options[2].filters = {{"type", {"Report", "News"}, FilterMode::kAny}};
  options[2].limit = 2;
  options[2].offset = 1;
  options[3].sort = "date";
  options[3].browse = true;
  Searcher searcher(ix);
  for (int pass = 0; pass < 2; ++pass) {
    for (const SearchOptions& o : options) {
      for (const std::string& q : queries) {
        INFO("query: " << q);
        Result<SearchResult> reused = searcher.search(q, o);
        Result<SearchResult> fresh = search(ix, q, o);
        REQUIRE(reused.ok() == fresh.ok());
        if (reused.ok()) check_same(reused.value(), fresh.value());
      }
    }
  }
  Searcher moved = std::move(searcher);
  check_same(moved.search("torture", {}).value(), test::run(ix, "torture"));
}
