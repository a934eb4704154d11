// Search as you type (docs/ranking.md "Typing"): the word being typed ranks
// its exact, stemmed and completed forms by evidence, completions are chosen
// by evidence beyond the frequency cap, and a corrected typo reaches its stem
// family.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "fixtures.hpp"
#include "query/expand.hpp"
#include "query/parse.hpp"
#include "query/search_plan.hpp"

using namespace osprey;
using test::run;

namespace {

using V = std::vector<std::string>;

V ids(const Index& ix, std::string_view q, SearchOptions o = {}) {
  const int url = ix.schema.find("url");
  V out;
  for (const Hit& h : run(ix, q, o).hits) out.push_back(*ix.stored[url][h.doc]);
  return out;
}

}  // namespace

TEST_CASE("completion weight: closeness and share of the completions' documents",
          "[query][typing]") {
  using query::completion_weight;
  CHECK(completion_weight(5, 5, 10, 10) == Approx(1.0));
  CHECK(completion_weight(3, 6, 10, 10) == Approx(0.8));    // half the word typed
  CHECK(completion_weight(2, 20, 10, 10) == Approx(0.64));  // a tenth
  CHECK(completion_weight(3, 6, 1, 1000) == Approx(0.8 / (1 + 0.1 * std::log(1000.0))));
  CHECK(completion_weight(3, 6, 0, 0) == Approx(0.8));  // df not loaded: no share known
  CHECK(completion_weight(5, 7, 2, 10) < completion_weight(5, 7, 10, 10));
}

TEST_CASE("the word being typed: a strong completion beats a weak exact fragment",
          "[query][typing]") {
  const Index ix = test::build(R"([
    {"url": "/kitchen", "title": "Kitchen tools", "summary": "a mixer, a knife and a pot to make soup; blend the soup when it is cooked and serve it hot"},
    {"url": "/blender", "title": "Blender", "summary": "3D modeller"},
    {"url": "/blends", "title": "Blends", "summary": "blends"}
  ])");
  // Typed (the last word, nothing after it): the completion in a short title
  // and the stemmed form beat the exact word, once, in a long summary.
  const V typed = ids(ix, "blend");
  REQUIRE(typed.size() == 3);
  CHECK(typed.back() == "/kitchen");
  // Not typed (a space after it): exact over stemmed; no completion.
  CHECK(ids(ix, "blend ") == V{"/kitchen", "/blends"});
  CHECK(ids(ix, "blend", {.prefix = false}) == V{"/kitchen", "/blends"});
}

TEST_CASE("the word being typed: typo forms stay below exact, stem and completions",
          "[query][typing]") {
  const Index ix = test::build(R"([
    {"url": "/typo", "title": "Mike", "summary": "mike mike"},
    {"url": "/weak", "title": "Notes", "summary": "many words here and there about one old mixer and more words after them"}
  ])");
  // "mixe" is 1 edit from "mike" and a prefix of "mixer": the weak completion
  // ranks first anyway.
  CHECK(ids(ix, "mixe") == V{"/weak", "/typo"});
}

namespace {

// The completions the word being typed expands to (prefix tier), by text.
V completions(const Index& ix, std::string_view typed, query::ExpandOptions o = {}) {
  const query::ParsedQuery q = query::parse_query(typed, query::query_fields(ix));
  const query::Plan plan = query::expand(ix, q, o);
  REQUIRE(plan.groups.size() == 1);
  CHECK(plan.groups[0].typed);
  V out;
  for (const query::Expansion& e : plan.groups[0].any[0].words[0].expansions) {
    if (e.tier == query::Tier::kPrefix) out.push_back(ix.terms[e.term]);
  }
  return out;
}

// The forms of the query's first word in tier, by text.
V forms(const Index& ix, std::string_view typed, query::Tier tier) {
  const query::Plan plan =
      query::expand(ix, query::parse_query(typed, query::query_fields(ix)), {});
  V out;
  for (const query::Expansion& e : plan.groups[0].any[0].words[0].expansions) {
    if (e.tier == tier) out.push_back(ix.terms[e.term]);
  }
  return out;
}

}  // namespace

TEST_CASE("the word being typed: no typo forms while its completions fill a page",
          "[query][typing][typos]") {
  // "fingerp" completes to a word of 10 documents (a page): taken as typed so
  // far, it gets no typo forms ("finger", one edit away), so a sharded index
  // fetches no reverse block for it. "mappr" completes to a word of 1 document:
  // likely a typo, it gets "mapper".
  std::string json = "[";
  for (int i = 0; i < 10; ++i) {
    json += R"({"url": "/print)" + std::to_string(i) + R"(", "title": "fingerprint reader"},)";
  }
  json += R"({"url": "/finger", "title": "finger"}, {"url": "/proxy", "title": "mapproxy"},
             {"url": "/mapper", "title": "mapper"}])";
  const Index ix = test::build(json);
  CHECK(forms(ix, "fingerp", query::Tier::kPrefix) == V{"fingerprint"});
  CHECK(forms(ix, "fingerp", query::Tier::kTypo).empty());
  CHECK(forms(ix, "fingerp ", query::Tier::kTypo) ==
        V{"finger"});  // complete: a word with a typo neighbour
  CHECK(forms(ix, "mappr", query::Tier::kPrefix) == V{"mapproxy"});
  CHECK(forms(ix, "mappr", query::Tier::kTypo) == V{"mapper"});
  CHECK(ids(ix, "mappr") == V{"/proxy", "/mapper"});
}

TEST_CASE("while a word is being typed, a common word found as typed gets no typo forms",
          "[query][typing][typos]") {
  // "reader" is in 10 documents (a page): while "z" is being typed after it,
  // it is taken as meant, so the short page ("reader" and a completion of "z"
  // are in no document together) does not bring "header", one edit away.
  // "mapper", in 1 document, still gets "mapped"; with nothing being typed
  // (a space after the last word), "reader" gets "header" again.
  std::string json = "[";
  for (int i = 0; i < 10; ++i) {
    json += R"({"url": "/reader)" + std::to_string(i) + R"(", "title": "reader"},)";
  }
  json += R"({"url": "/header", "title": "header"}, {"url": "/zebra", "title": "zebra"},
             {"url": "/mapper", "title": "mapper"}, {"url": "/mapped", "title": "mapped"}])";
  const Index ix = test::build(json);
  CHECK(forms(ix, "reader z", query::Tier::kTypo).empty());
  CHECK(forms(ix, "reader z ", query::Tier::kTypo) == V{"header"});
  CHECK(forms(ix, "mapper z", query::Tier::kTypo) == V{"mapped"});
  // The page of hits (partial matches, the page being short) follows.
  SearchOptions o;
  o.limit = 20;
  const auto has_header = [&](std::string_view q) {
    const V hits = ids(ix, q, o);
    return std::find(hits.begin(), hits.end(), "/header") != hits.end();
  };
  CHECK_FALSE(has_header("reader z"));
  CHECK(has_header("reader z "));
}

TEST_CASE("a rare completion is kept within the documents budget", "[query][typing]") {
  // 80 completions of "dis" in 3 documents each, and "dissection" in one.
  std::string json = "[";
  for (int i = 0; i < 80; ++i) {
    const std::string word = std::string("dis") + char('a' + i / 26) + char('a' + i % 26) + "x";
    for (int k = 0; k < 3; ++k) {
      json += R"({"url": "/)" + word + std::to_string(k) + R"(", "title": ")" + word + R"("},)";
    }
  }
  json += R"({"url": "/frog", "title": "Frog dissection", "summary": "a biology class"}])";
  const Index ix = test::build(json);
  // Only the frog matches both words (the others follow as partial matches).
  CHECK(run(ix, "frog dis").full_total == 1);
  CHECK(ids(ix, "frog dis")[0] == "/frog");
  // Every completion: 80 x 3 + 1 documents fit in kPrefixDocs.
  CHECK(completions(ix, "dis").size() == 81);
  // A budget of 26 documents: 8 completions of 3 documents (24), then the
  // rest of 3 do not fit and are skipped, and dissection (1) still does.
  const V few = completions(ix, "dis", {.prefix_docs = 26});
  CHECK(few.size() == 9);
  CHECK(few.front() == "disaax");
  CHECK(std::count(few.begin(), few.end(), "dissection") == 1);
}

TEST_CASE("many frequent completions: their documents stay within kPrefixDocs", "[query][typing]") {
  // 40 completions of "sta", each in all 300 documents (12,000 in all).
  std::string words;
  for (int i = 0; i < 40; ++i)
    words += std::string(" sta") + char('a' + i / 26) + char('a' + i % 26);
  std::string json = "[";
  for (int d = 0; d < 300; ++d) {
    json += R"({"url": "/)" + std::to_string(d) + R"(", "title": ")" + words + R"("},)";
  }
  json += R"({"url": "/rare", "title": "stalwart"}])";
  const Index ix = test::build(json);
  auto docs_of = [&](const V& kept) {
    uint64_t docs = 0;
    for (const std::string& t : kept) docs += ix.df[ix.find_term(t)];
    return docs;
  };
  const V kept = completions(ix, "sta");
  // By evidence (all tie, so by id): 27 of 300 documents, 8,100 <= 8,192;
  // the 13 others would pass it. The rare "stalwart" (1 document) still fits.
  REQUIRE(kept.size() == 28);
  CHECK(kept.front() == "staaa");
  CHECK(docs_of(kept) <= query::kPrefixDocs);
  CHECK(std::count(kept.begin(), kept.end(), "stalwart") == 1);
  // Typed further, it comes first (the typo forms of "stalw", "staaw" in
  // every document, rank below its completion).
  CHECK(ids(ix, "stalw").front() == "/rare");
  // Typed further, the range narrows and every completion is kept.
  CHECK(completions(ix, "stab").size() == 14);
  // Two letters: within kTwoLetterDocs, 13 of 300 documents (3,900 <= 4,096), and "stalwart".
  const V two = completions(ix, "st");
  CHECK(two.size() == 14);
  CHECK(docs_of(two) <= query::kTwoLetterDocs);
  CHECK(std::count(two.begin(), two.end(), "stalwart") == 1);
  // One letter: within kFirstLetterDocs, 3 of 300 documents (900 <= 1,024), and "stalwart".
  CHECK(completions(ix, "s") == V{"staaa", "staab", "staac", "stalwart"});
}

TEST_CASE("a stop word is no completion of the word being typed", "[query][typing]") {
  const Index ix = test::build(R"([
    {"url": "/1", "title": "The theory of the thermal engine", "summary": "the the the"},
    {"url": "/2", "title": "Thermal paste", "summary": "for the processor"}
  ])");
  REQUIRE(ix.is_stop_word("the"));
  CHECK(completions(ix, "th") == V{"thermal", "theory"});
  CHECK(run(ix, "th").total == 2);
  // Typed whole, it matches as the word (optional in a query with others).
  CHECK(run(ix, "the").total == 2);
}

TEST_CASE("a corrected typo reaches its stem family", "[query][typing][typos]") {
  const Index ix = test::build(R"([
    {"url": "/1", "title": "Performance tuning", "summary": "make it fast"},
    {"url": "/2", "title": "They perform well", "summary": "a review"},
    {"url": "/3", "title": "Unrelated", "summary": "nothing here"}
  ])");
  CHECK(ids(ix, "perfomrmance", {.prefix = false}) == V{"/1", "/2"});
  CHECK(ids(ix, "perfomrmance") == V{"/1", "/2"});
}
