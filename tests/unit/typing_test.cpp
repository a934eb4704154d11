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

TEST_CASE("a rare completion is kept beyond the frequency cap", "[query][typing]") {
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
  // The first kPrefixTerms by documents, then as many rarer ones as fit in half
  // of their documents: 64 x 3 documents, so 32 more of 3 or 96 of 1.
  const query::ParsedQuery q = query::parse_query("dis", query::query_fields(ix));
  const query::Plan plan = query::expand(ix, q, {});
  REQUIRE(plan.groups.size() == 1);
  const auto& forms = plan.groups[0].any[0].words[0].expansions;
  CHECK(forms.size() == 81);  // every completion: 80 x 3 + 1 <= 64 x 3 x 1.5
  CHECK(plan.groups[0].typed);
  const query::Plan capped = query::expand(ix, q, {.max_prefix_terms = 9});
  const auto& few = capped.groups[0].any[0].words[0].expansions;
  // 9 x 3 documents, half of it 13: 4 more of 3 documents, and dissection.
  CHECK(few.size() == 14);
  CHECK(std::any_of(few.begin(), few.end(),
                    [&](const query::Expansion& e) { return ix.terms[e.term] == "dissection"; }));
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
