// Pages as results (docs/ranking.md "Pages"): an index whose schema has a
// group field counts, pages and facets pages, lists each page's matching
// sections under it, and keeps per-kind statistics.
#include <algorithm>

#include <catch2/catch.hpp>

#include "build/schema_json.hpp"
#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "query/search.hpp"

using namespace osprey;

namespace {

Schema page_schema(bool grouped = true) {
  Schema s;
  s.id_field = "url";
  s.fields = {
      {.name = "title", .source = "title", .weight = 3, .stored = true},
      {.name = "section", .source = "section", .weight = 1, .stored = true},
      {.name = "body", .source = "body", .weight = 1, .stored = true},
      {.name = "url", .source = "url", .stored = true},
      {.name = "page", .source = "page", .stored = true, .group = grouped},
      {.name = "kind", .source = "kind", .stored = true, .facet = true},
  };
  return s;
}

// Page a/ has six sections, four of whose headings hold "compress"; b/ is a tag page; c has no page
// value (a page of its own); d/ matches "compress" only through its section.
constexpr std::string_view kRecords = R"([
  {"url": "a/", "page": "a/", "title": "Compress guide", "kind": "guide",
   "body": "how to compress files with zip gzip tar and xz, one section each"},
  {"url": "a/#zip", "page": "a/", "section": "Compress with zip", "kind": "guide"},
  {"url": "a/#gzip", "page": "a/", "section": "gzip", "kind": "guide"},
  {"url": "a/#tar", "page": "a/", "section": "compress tar archives", "kind": "guide"},
  {"url": "a/#xz", "page": "a/", "section": "compress xz", "kind": "guide"},
  {"url": "a/#other", "page": "a/", "section": "unrelated heading", "kind": "guide"},
  {"url": "a/#zstd", "page": "a/", "section": "compress with zstd", "kind": "guide"},
  {"url": "b/", "page": "b/", "title": "Tags", "body": "compress zip gzip tar", "kind": "tag"},
  {"url": "c", "title": "compress alone", "kind": "guide"},
  {"url": "d/", "page": "d/", "title": "Other", "body": "nothing here", "kind": "tag"},
  {"url": "d/#compress", "page": "d/", "section": "compress", "kind": "tag"}
])";

const Index& pages_index() {
  static const Index index = test::build(kRecords, page_schema());
  return index;
}

std::string url_of(const Index& ix, uint32_t doc) {
  return *ix.stored[ix.schema.find("url")][doc];
}

std::vector<std::string> hit_urls(const Index& ix, const SearchResult& r) {
  std::vector<std::string> out;
  for (const Hit& h : r.hits) out.push_back(url_of(ix, h.doc));
  return out;
}

std::vector<std::string> section_urls(const Index& ix, const Hit& h) {
  std::vector<std::string> out;
  for (const SectionHit& s : h.sections) out.push_back(url_of(ix, s.doc));
  return out;
}

const Hit& hit_for(const Index& ix, const SearchResult& r, const std::string& url) {
  for (const Hit& h : r.hits) {
    if (url_of(ix, h.doc) == url) return h;
  }
  FAIL("no hit for " << url);
  return r.hits.front();
}

uint64_t facet_count(const SearchResult& r, const std::string& field, const std::string& value) {
  for (const FacetResult& f : r.facets) {
    if (f.field != field) continue;
    for (const FacetCount& c : f.values) {
      if (c.value == value) return c.count;
    }
  }
  return 0;
}

}  // namespace

TEST_CASE("pages: records form pages by the group field", "[pages]") {
  const Index& ix = pages_index();
  REQUIRE(ix.grouped());
  CHECK(ix.section_count == 7);
  CHECK(ix.page_record_count() == 4);
  // Every record of a/ stands under a/'s own record (doc 0); c stands alone.
  for (uint32_t d = 0; d < 7; ++d) CHECK(ix.page_of[d] == 0);
  CHECK(ix.section[0] == 0);
  CHECK(ix.section[1] == 1);
  CHECK(ix.page_of[8] == 8);
  CHECK(ix.section[8] == 0);
  CHECK(ix.page_of[10] == 9);
  CHECK(ix.section[10] == 1);
}

TEST_CASE("pages: average lengths are per kind of record", "[pages]") {
  const Index& ix = pages_index();
  const int body = ix.schema.find("body"), section = ix.schema.find("section");
  // body: 13 + 4 + 0 + 2 words over the 4 page records; none in sections.
  CHECK(ix.avg_field_length[body] == Approx(19.0 / 4));
  CHECK(ix.avg_section_length[body] == 0);
  // section: 3 + 1 + 3 + 2 + 2 + 3 + 1 words over the 7 section records.
  CHECK(ix.avg_section_length[section] == Approx(15.0 / 7));
  CHECK(ix.avg_field_length[section] == 0);
  // Without a group field, every record is of one kind, as before.
  const Index flat = test::build(kRecords, page_schema(false));
  CHECK_FALSE(flat.grouped());
  CHECK(flat.avg_field_length[body] == Approx(19.0 / 11));
}

TEST_CASE("pages: totals, facet counts and hits count pages", "[pages]") {
  const Index& ix = pages_index();
  const SearchResult r = test::run(ix, "compress");
  CHECK(r.total == 4);
  CHECK(r.full_total == 4);
  std::vector<std::string> urls = hit_urls(ix, r);
  std::sort(urls.begin(), urls.end());
  CHECK(urls == std::vector<std::string>{"a/", "b/", "c", "d/"});
  CHECK(facet_count(r, "kind", "guide") == 2);  // a/ and c, not a/'s five sections
  CHECK(facet_count(r, "kind", "tag") == 2);

  // The same records without a group field: every record is a result.
  const Index flat = test::build(kRecords, page_schema(false));
  const SearchResult f = test::run(flat, "compress");
  CHECK(f.total == 8);
  CHECK(facet_count(f, "kind", "guide") == 6);
  for (const Hit& h : f.hits) CHECK(h.sections.empty());
}

TEST_CASE("pages: a hit lists at most three sections whose own text matched", "[pages]") {
  const Index& ix = pages_index();
  const SearchResult r = test::run(ix, "compress");
  const Hit& a = hit_for(ix, r, "a/");
  // Four sections of a/ hold the word in their headings, three are listed;
  // "gzip" and "unrelated heading" do not hold it and are never listed.
  REQUIRE(a.sections.size() == 3);
  const std::vector<std::string> listed = section_urls(ix, a);
  CHECK(listed == std::vector<std::string>{"a/#xz", "a/#zip", "a/#tar"});
  for (const SectionHit& s : a.sections) {
    CHECK(s.matched == std::vector<uint32_t>{0});
    REQUIRE(s.excerpts.size() == 1);
    CHECK(ix.schema.fields[s.excerpts[0].field].name == "section");
  }
  // The best first: scores do not increase.
  for (std::size_t i = 1; i < a.sections.size(); ++i) {
    CHECK(a.sections[i - 1].score >= a.sections[i].score);
  }
  // Pages without matching sections list none; a page found only through a
  // section is its own record, with that section under it.
  CHECK(hit_for(ix, r, "b/").sections.empty());
  CHECK(hit_for(ix, r, "c").sections.empty());
  CHECK(section_urls(ix, hit_for(ix, r, "d/")) == std::vector<std::string>{"d/#compress"});

  SearchOptions one;
  one.sections = 1;
  CHECK(section_urls(ix, hit_for(ix, test::run(ix, "compress", one), "a/")) ==
        std::vector<std::string>{"a/#xz"});
  SearchOptions none;
  none.sections = 0;
  for (const Hit& h : test::run(ix, "compress", none).hits) CHECK(h.sections.empty());
  SearchOptions all;
  all.sections = 10;
  CHECK(hit_for(ix, test::run(ix, "compress", all), "a/").sections.size() == 4);
}

TEST_CASE("pages: paging is over pages", "[pages]") {
  const Index& ix = pages_index();
  const std::vector<std::string> all = hit_urls(ix, test::run(ix, "compress"));
  REQUIRE(all.size() == 4);
  std::vector<std::string> paged;
  for (uint32_t offset = 0; offset < 4; offset += 2) {
    SearchOptions o;
    o.offset = offset;
    o.limit = 2;
    const SearchResult r = test::run(ix, "compress", o);
    CHECK(r.total == 4);
    for (const std::string& u : hit_urls(ix, r)) paged.push_back(u);
  }
  CHECK(paged == all);
  // Browsing lists each page once, without sections (no word matched).
  SearchOptions browse;
  browse.browse = true;
  const SearchResult b = test::run(ix, "", browse);
  CHECK(b.total == 4);
  for (const Hit& h : b.hits) CHECK(h.sections.empty());
}

TEST_CASE("pages: filters and exclusions apply to whole pages", "[pages]") {
  const Index& ix = pages_index();
  SearchOptions tags;
  tags.filters = {{.field = "kind", .values = {"tag"}}};
  const SearchResult r = test::run(ix, "compress", tags);
  CHECK(r.total == 2);
  CHECK(facet_count(r, "kind", "guide") == 2);  // disjunctive: its own filter does not count
  // a/ holds "gzip" in its text and in a section: the whole page goes.
  const SearchResult x = test::run(ix, "compress -gzip");
  std::vector<std::string> urls = hit_urls(ix, x);
  std::sort(urls.begin(), urls.end());
  CHECK(urls == std::vector<std::string>{"c", "d/"});
  CHECK(x.total == 2);
}

TEST_CASE("pages: the binary format keeps the pages, whole and sharded", "[pages][codec2]") {
  const Index& ix = pages_index();
  const std::string bytes = test::ok(write_index_binary(ix, "test"));
  const Index back = test::ok(read_index_binary(bytes));
  CHECK(back.page_of == ix.page_of);
  CHECK(back.section == ix.section);
  CHECK(back.section_total == ix.section_total);
  CHECK(back.avg_field_length == ix.avg_field_length);
  CHECK(back.avg_section_length == ix.avg_section_length);
  CHECK(test::describe(back, "compress") == test::describe(ix, "compress"));

  // A sharded base knows the pages and the per-kind averages before any part.
  const auto parts =
      test::ok(write_parts(ix, "test", {.postings_part_bytes = 40, .part_prefix = "x/"}));
  Index base = test::ok(read_index_binary(parts[0].bytes));
  CHECK(base.page_of == ix.page_of);
  CHECK(base.avg_field_length == ix.avg_field_length);
  for (std::size_t i = 1; i < parts.size(); ++i) REQUIRE(add_parts(base, parts[i].bytes).ok());
  CHECK(test::describe(base, "compress") == test::describe(ix, "compress"));

  // An index without a group field writes no pages.
  const Index flat = test::build(kRecords, page_schema(false));
  const Index flat_back = test::ok(read_index_binary(test::ok(write_index_binary(flat, "t"))));
  CHECK_FALSE(flat_back.grouped());
}

TEST_CASE("pages: a title that starts with the query ranks its page first", "[pages]") {
  // Both pages hold "gzip" in title and text; the notes say it more often,
  // but the manual's title starts with it.
  const Index ix = test::build(R"([
    {"url": "notes/", "page": "notes/", "title": "Compression notes on gzip and friends",
     "body": "gzip here, gzip there, gzip for logs, gzip for backups, gzip again"},
    {"url": "gzip/", "page": "gzip/", "title": "gzip — the GNU compressor",
     "body": "gzip reduces the size of files"}
  ])",
                               page_schema());
  CHECK(hit_urls(ix, test::run(ix, "gzip")) == std::vector<std::string>{"gzip/", "notes/"});
  // Without pages the bonus is not given (it was measured on pages only).
  const Index flat = test::build(R"([
    {"url": "notes/", "title": "Compression notes on gzip and friends",
     "body": "gzip here, gzip there, gzip for logs, gzip for backups, gzip again"},
    {"url": "gzip/", "title": "gzip — the GNU compressor", "body": "gzip reduces the size of files"}
  ])",
                                 page_schema(false));
  CHECK(hit_urls(flat, test::run(flat, "gzip")) == std::vector<std::string>{"notes/", "gzip/"});
}

TEST_CASE("pages: the group field's rules", "[pages][schema]") {
  Schema s = page_schema();
  s.fields[4].stored = false;
  CHECK(Schema::validate(s).error().message == "schema: group field \"page\" must be stored");
  s = page_schema();
  s.fields[3].group = true;
  CHECK(Schema::validate(s).error().message == "schema: the id field cannot be the group field");
  s = page_schema();
  s.fields[5].group = true;
  CHECK(Schema::validate(s).error().message == "schema: more than one group field");
  const Schema round = test::ok(schema_from_json(schema_to_json(page_schema())));
  CHECK(round == page_schema());
  CHECK(round.group_field() == 4);
}
