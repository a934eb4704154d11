#include <catch2/catch.hpp>

#include "build/codec.hpp"
#include "fixtures.hpp"
#include "query/search.hpp"

using namespace osprey;

namespace {

void require_same(const Index& a, const Index& b) {
  CHECK(a.schema == b.schema);
  CHECK(a.doc_count == b.doc_count);
  CHECK(a.terms == b.terms);
  CHECK(a.stems == b.stems);
  CHECK(a.term_stem == b.term_stem);
  REQUIRE(a.postings.size() == b.postings.size());
  for (std::size_t t = 0; t < a.postings.size(); ++t) {
    INFO("term " << a.terms[t]);
    CHECK(a.postings[t].docs == b.postings[t].docs);
    CHECK(a.postings[t].entry_begin == b.postings[t].entry_begin);
    CHECK(a.postings[t].entry_field == b.postings[t].entry_field);
    CHECK(a.postings[t].pos_begin == b.postings[t].pos_begin);
    CHECK(a.postings[t].positions == b.postings[t].positions);
  }
  CHECK(a.field_length == b.field_length);
  CHECK(a.stored == b.stored);
  REQUIRE(a.facets.size() == b.facets.size());
  for (std::size_t f = 0; f < a.facets.size(); ++f) {
    CHECK(a.facets[f].values == b.facets[f].values);
    CHECK(a.facets[f].doc_begin == b.facets[f].doc_begin);
    CHECK(a.facets[f].value_ids == b.facets[f].value_ids);
  }
  CHECK(a.stem_term_begin == b.stem_term_begin);
  CHECK(a.stem_terms == b.stem_terms);
  CHECK(a.avg_field_length == b.avg_field_length);
}

}  // namespace

TEST_CASE("the sample index round-trips through the codec", "[codec]") {
  const Index& ix = test::sample_index();
  const std::string text = write_index(ix, "test");
  CHECK(text.rfind(R"({"format":"osprey-index","version":1,"generator":"test",)", 0) == 0);
  auto back = read_index(text);
  REQUIRE(back.ok());
  require_same(ix, back.value());
  CHECK(write_index(back.value(), "test") == text);
}

TEST_CASE("an empty index round-trips", "[codec]") {
  IndexBuilder b(Schema::defaults());
  const Index ix = b.finish();
  auto back = read_index(write_index(ix, "test"));
  REQUIRE(back.ok());
  CHECK(back.value().doc_count == 0);
  CHECK(back.value().terms.empty());
}

TEST_CASE("postings are written as documented", "[codec]") {
  const Index ix = test::build(R"([
    {"url": "/a", "title": "aid aid", "summary": "x"},
    {"url": "/b", "title": "y", "summary": "z aid"}])");
  const std::string text = write_index(ix, "t");
  // aid: doc 0, 1 entry: field 0 tf 2 positions 0,+1; doc +1, 1 entry: field 1 tf 1 pos 1.
  CHECK(text.find(R"("postings":[[0,1,0,2,0,1,1,1,1,1,1],)") != std::string::npos);
}

TEST_CASE("random corpora round-trip", "[codec][prop]") {
  // A deterministic generator of word salads over a small vocabulary, so that
  // terms repeat across fields and documents.
  const char* words[] = {"aid",    "Syria", "torture", "cross-border", "45.21", "A’lo",
                         "中文字", "naïve", "the",     "deported",     "x"};
  uint32_t seed = 12345;
  auto rnd = [&](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int round = 0; round < 20; ++round) {
    std::string json = "[";
    const uint32_t docs = 1 + rnd(30);
    for (uint32_t d = 0; d < docs; ++d) {
      auto salad = [&] {
        std::string s;
        for (uint32_t k = rnd(12); k > 0; --k) s += std::string(words[rnd(11)]) + " ";
        return s;
      };
      nlohmann::json record = {{"url", std::string("/").append(std::to_string(d))},
                               {"title", salad()},
                               {"summary", {salad(), salad()}},
                               {"type", std::string("t").append(std::to_string(rnd(3)))}};
      json.append(d ? "," : "").append(record.dump());
    }
    json += "]";
    const Index ix = test::build(json);
    auto back = read_index(write_index(ix, "p"));
    REQUIRE(back.ok());
    require_same(ix, back.value());
  }
}

TEST_CASE("a checked-in version 1 index still loads and answers", "[codec][compat]") {
  // tests/fixtures/index/news-v1.json was written by osprey 0.1.0 from
  // data/news.json. Never regenerate it: it stands for indexes already deployed.
  auto r = read_index(test::read_source_file("tests/fixtures/index/news-v1.json"));
  REQUIRE(r.ok());
  const Index& ix = r.value();
  CHECK(ix.doc_count == 10);
  const SearchResult s = test::run(ix, "Koblenz");
  REQUIRE(s.hits.size() == 1);
  CHECK(ix.stored[ix.schema.find("url")][s.hits[0].doc] ==
        std::optional<std::string>(
            "/news/2022/01/conviction-of-syrian-official-for-crimes-against-humanity/"));
}
