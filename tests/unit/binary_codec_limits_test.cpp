// The binary index format (version 6), its limits (issue #2): the writer
// refuses what the reader would, naming the limit.
#include <catch2/catch.hpp>

#include <cstdio>

#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/limits.hpp"

namespace osprey {

TEST_CASE("limits: counts beyond the format's are named with the limit", "[codec2][limits]") {
  CHECK(check_term_count(kMaxTerms).ok());
  Result<std::monostate> over = check_term_count(uint64_t{kMaxTerms} + 1);
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code == ErrorCode::kLimit);
  CHECK(over.error().message ==
        "too many distinct terms: 4,194,305 (the index format holds at most 4,194,304)");
  CHECK(check_doc_count(kMaxDocs).ok());
  CHECK(check_doc_count(uint64_t{kMaxDocs} + 1).error().message ==
        "too many documents: 4,294,967,295 (the index format holds at most 4,294,967,294)");
  CHECK(with_commas(0) == "0");
  CHECK(with_commas(999) == "999");
  CHECK(with_commas(1000) == "1,000");
  CHECK(with_commas(65536) == "65,536");
}

TEST_CASE("limits: the writer writes nothing the reader would refuse", "[codec2][limits]") {
  const Index small = test::build(R"([{"title": "alpha beta", "url": "u"}])");
  REQUIRE(check_limits(small).ok());
  auto refused = [](const Index& ix) {
    Result<std::vector<WrittenPart>> parts = write_parts(ix, "t", {.part_prefix = "x/"});
    Result<WrittenPart> file = write_index_file(ix, "t");
    REQUIRE_FALSE(parts.ok());
    REQUIRE_FALSE(file.ok());
    CHECK(file.error().message == parts.error().message);
    CHECK(file.error().code == parts.error().code);
    return parts.error();
  };
  // One term past the limit (only the count is looked at before refusing).
  Index terms = small;
  terms.terms.resize(uint64_t{kMaxTerms} + 1);
  Error e = refused(terms);
  CHECK(e.code == ErrorCode::kLimit);
  CHECK(e.message ==
        "too many distinct terms: 4,194,305 (the index format holds at most 4,194,304)");
  Index docs = small;
  docs.doc_count = 0xffffffffu;
  CHECK(refused(docs).message ==
        "too many documents: 4,294,967,295 (the index format holds at most 4,294,967,294)");
  Index length = small;
  length.field_length[0][0] = 0xffffffffu;
  CHECK(refused(length).message ==
        "too many words in one document's field \"title\": 4,294,967,295 (the index format "
        "holds at most 4,294,967,294)");
  // The schema passes the reader's validation (issue #13: a denormal weight).
  Index weight = small;
  weight.schema.fields[1].weight = 1e-320;
  e = refused(weight);
  CHECK(e.code == ErrorCode::kInvalidInput);
  CHECK(e.message == "schema: field \"summary\" weight must be 0, or a number from 1e-6 to 1000");
}

// A dictionary block holds at most kMaxBlockItems terms (the writer closes it
// there) and the stems that sort among them, which may be more: the stems of
// terms in later blocks. The writer counts them and refuses.
TEST_CASE("limits: a dictionary block with too many stems is refused", "[codec2][limits]") {
  Index ix;
  ix.schema = Schema::defaults();
  ix.field_length.resize(ix.schema.fields.size());
  ix.stored.resize(ix.schema.fields.size());
  ix.facets.resize(ix.schema.fields.size());
  for (FacetColumn& f : ix.facets) f.doc_begin = {0};
  const uint32_t n = kMaxBlockItems + 1;
  for (uint32_t i = 0; i < n; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06u", i);
    ix.terms.push_back(std::string("b") + buf);  // block 0: b000000 ... b065535
    ix.stems.push_back(std::string("a") + buf);  // all before "b": block 0's
    ix.term_stem.push_back(i);
  }
  ix.postings.resize(n);
  ix.df.assign(n, 1);
  ix.finalize_whole();
  REQUIRE(check_limits(ix).ok());  // the counts of the index are fine
  Result<WrittenPart> file = write_index_file(ix, "t");
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().code == ErrorCode::kLimit);
  CHECK(file.error().message ==
        "too many stems in one dictionary block: 65,537 (the index format holds at most 65,536)");
}

#ifndef __EMSCRIPTEN__  // 4 million terms: native only
TEST_CASE("limits: the builder counts distinct terms as they are added", "[codec2][limits]") {
  // kMaxTerms + 1 distinct words in 1,024-word records: the builder says so
  // before finish() would build postings for them all.
  IndexBuilder b(Schema::defaults());
  std::string title;
  uint32_t word = 0;
  for (uint32_t doc = 0; word <= kMaxTerms; ++doc) {
    title.clear();
    for (int i = 0; i < 1024 && word <= kMaxTerms; ++i, ++word) {
      title += 'w';
      title += std::to_string(word);
      title += ' ';
    }
    REQUIRE(b.add(nlohmann::json{{"url", std::to_string(doc)}, {"title", title}}).indexed);
    if (word == kMaxTerms) REQUIRE(b.check_limits().ok());
  }
  Result<std::monostate> fits = b.check_limits();
  REQUIRE_FALSE(fits.ok());
  CHECK(fits.error().code == ErrorCode::kLimit);
  CHECK(fits.error().message ==
        "too many distinct terms: 4,194,305 (the index format holds at most 4,194,304)");
}
#endif

}  // namespace osprey
