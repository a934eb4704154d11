#include <catch2/catch.hpp>

#include "fixtures.hpp"

using namespace osprey;
using nlohmann::json;

TEST_CASE("postings record docs, fields and positions", "[builder]") {
  const Index ix = test::build(R"([
    {"url": "/a", "title": "Syria aid", "summary": "aid to Syria, aid again"},
    {"url": "/b", "title": "Other", "summary": "nothing about it"}])");
  REQUIRE(ix.doc_count == 2);
  const int64_t aid = ix.find_term("aid");
  REQUIRE(aid >= 0);
  const PostingList& p = ix.postings[aid];
  CHECK(p.docs == std::vector<uint32_t>{0});
  CHECK(p.entry_field == std::vector<uint8_t>{0, 1});  // title, summary
  CHECK(p.positions == std::vector<uint32_t>{1, 0, 3});
  CHECK(p.tf(1) == 2);
  CHECK(ix.field_length[0] == std::vector<uint32_t>{2, 1});
  CHECK(ix.field_length[1] == std::vector<uint32_t>{5, 3});
  CHECK(std::is_sorted(ix.terms.begin(), ix.terms.end()));
}

TEST_CASE("terms sharing a stem are grouped", "[builder]") {
  const Index ix = test::build(R"([
    {"url": "/a", "title": "deportation", "summary": "deported deport"}])");
  const int64_t stem = ix.find_stem("deport");
  REQUIRE(stem >= 0);
  std::vector<std::string> forms;
  for (uint32_t k = ix.stem_term_begin[stem]; k < ix.stem_term_begin[stem + 1]; ++k) {
    forms.push_back(ix.terms[ix.stem_terms[k]]);
  }
  CHECK(forms == std::vector<std::string>{"deport", "deportation", "deported"});
}

TEST_CASE("stored values, facets and years", "[builder]") {
  const Index ix = test::build(R"([
    {"url": "/a", "title": "x", "type": "Report", "date": "2021-09-07"},
    {"url": "/b", "title": "y", "type": ["Press Release", "Report"]},
    {"url": "/c", "title": "z", "date": "2020-01-01"}])");
  const Schema& s = ix.schema;
  const int type = s.find("type"), year = s.find("year"), date = s.find("date");
  CHECK(ix.stored[type][1] == std::optional<std::string>("Press Release, Report"));
  CHECK_FALSE(ix.stored[date][1].has_value());
  CHECK(ix.facets[type].values == std::vector<std::string>{"Press Release", "Report"});
  CHECK(ix.facets[type].doc_begin == std::vector<uint32_t>{0, 1, 3, 3});
  CHECK(ix.facets[type].value_ids == std::vector<uint32_t>{1, 0, 1});
  CHECK(ix.facets[year].values == std::vector<std::string>{"2020", "2021"});
  CHECK(ix.facets[year].value_ids == std::vector<uint32_t>{1, 0});
}

TEST_CASE("records that cannot be indexed are skipped with a reason", "[builder]") {
  IndexBuilder b(Schema::defaults());
  auto add = [&](const char* text) { return b.add(json::parse(text)); };
  AddReport ok = add(R"({"url": "/a", "title": "fine"})");
  CHECK(ok.indexed);
  CHECK(ok.messages.empty());
  AddReport not_object = add(R"([1, 2])");
  CHECK_FALSE(not_object.indexed);
  CHECK(not_object.messages ==
        std::vector<std::string>{"skipped: a record must be a JSON object, not array"});
  AddReport no_id = add(R"({"title": "lost"})");
  CHECK_FALSE(no_id.indexed);
  CHECK(no_id.messages == std::vector<std::string>{"skipped: no \"url\" (the id field)"});
  AddReport dup = add(R"({"url": "/a", "title": "again"})");
  CHECK_FALSE(dup.indexed);
  CHECK(dup.messages == std::vector<std::string>{"skipped: duplicate id \"/a\""});
  AddReport odd = add(R"({"url": "/b", "title": {"x": 1}, "date": "last week"})");
  CHECK(odd.indexed);
  CHECK(odd.messages == std::vector<std::string>{
                            "field \"title\": objects and nested arrays are not indexed, ignored",
                            "field \"year\": \"last week\" is not an ISO 8601 date, no year taken",
                            "indexed, but it has no searchable text"});
  // Quoted values stay one short line: controls as "?", cut at a code point.
  AddReport hostile = add(
      R"({"url": "/c", "title": "t", "date": "java\nscript:\u0000\u0085 ééééééééééééééééééééé"})");
  CHECK(hostile.messages ==
        std::vector<std::string>{
            "field \"year\": \"java?script:?? éééééééééééé…\" is not an ISO 8601 date, "
            "no year taken"});
  CHECK(b.finish().doc_count == 3);
}

TEST_CASE("the sample corpus indexes all ten items", "[builder][sample]") {
  const Index& ix = test::sample_index();
  CHECK(ix.doc_count == 10);
  const int date = ix.schema.find("date");
  CHECK_FALSE(ix.stored[date][5].has_value());  // the Biden item has no date
  const int type = ix.schema.find("type");
  CHECK(ix.facets[type].values ==
        std::vector<std::string>{"Country", "Press Release", "Report", "Urgent Action"});
}

TEST_CASE("analyzing records apart, then adding them, builds the same index", "[builder]") {
  const std::string text = test::read_source_file("data/news.json");
  auto records = parse_records(text, RecordFormat::kJsonArray);
  REQUIRE(records.ok());
  const Schema schema = Schema::defaults();
  std::vector<AnalyzedRecord> analyzed;
  for (const Record& r : records.value()) analyzed.push_back(analyze_record(schema, r.value));
  IndexBuilder b(schema);
  for (AnalyzedRecord& r : analyzed) CHECK(b.add(std::move(r)).indexed);
  const Index ix = b.finish();
  const Index& reference = test::sample_index();
  CHECK(ix.terms == reference.terms);
  CHECK(ix.stems == reference.stems);
  CHECK(ix.term_stem == reference.term_stem);
  CHECK(ix.field_length == reference.field_length);
  CHECK(ix.stored == reference.stored);
  REQUIRE(ix.postings.size() == reference.postings.size());
  for (std::size_t t = 0; t < ix.postings.size(); ++t) {
    CHECK(ix.postings[t].docs == reference.postings[t].docs);
    CHECK(ix.postings[t].entry_begin == reference.postings[t].entry_begin);
    CHECK(ix.postings[t].entry_field == reference.postings[t].entry_field);
    CHECK(ix.postings[t].pos_begin == reference.postings[t].pos_begin);
    CHECK(ix.postings[t].positions == reference.postings[t].positions);
  }
}

TEST_CASE("a term repeated at one position counts once", "[builder]") {
  // A compound whose whole, cut to 64 bytes, equals its cut first part.
  const std::string longword(70, 'x');
  const Index ix =
      test::build(R"([{"url": "/a", "title": ")" + longword + "-y " + longword + R"("}])");
  const int64_t t = ix.find_term(std::string(64, 'x'));
  REQUIRE(t >= 0);
  CHECK(ix.postings[t].positions == std::vector<uint32_t>{0, 2});
}
