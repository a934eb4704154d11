// Sharded searches over text parts (docs/index-format.md "Text parts"): they
// fetch the pieces their excerpts show and show what the whole index shows,
// on long records and on a site's pages and sections (text_parts_fixture.hpp).
#include "text_parts_fixture.hpp"

namespace osprey {

using test::check_shown;
using test::kQueries;
using test::long_index;
using test::site_records;
using test::site_schema;
using test::small_parts;

// Each of `queries` searched from the bare base, its parts served by a
// test::Host, and on the whole index, with excerpts of each of `word_counts`
// words, over every field and over the body alone: the sharded search shows
// what the whole shows (check_shown). `after` sees each host after its
// queries. Returns check_shown's count of windows moved into their matches'
// part.
template <class After>
std::size_t check_sharded_as_whole(const Index& ix, const std::vector<WrittenPart>& parts,
                                   std::initializer_list<std::size_t> word_counts,
                                   const std::vector<std::string>& queries, After after) {
  std::size_t moved = 0;
  for (const std::size_t words : word_counts) {
    for (const bool body : {false, true}) {
      SearchOptions o;
      o.limit = 10;
      o.excerpt_words = words;
      if (body) o.fields = {"body"};
      test::Host host;
      for (std::size_t i = 1; i < parts.size(); ++i) host.files[parts[i].name] = parts[i].bytes;
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      for (const std::string& q : queries) {
        INFO(q << " words " << words << (body ? " fields body" : ""));
        moved += check_shown(ix, host.search(base.value(), q, o), test::run(ix, q, o));
      }
      after(host);
    }
  }
  return moved;
}

TEST_CASE(
    "text parts: a sharded search fetches the excerpt's pieces and shows what the whole "
    "index shows",
    "[text_parts]") {
  const Index& ix = long_index();
  const auto parts = test::ok(write_parts(ix, "t", small_parts()));
  std::size_t text_parts = 0;
  for (const auto& p : parts) text_parts += p.name.starts_with("x/t");
  // Windows over a cut between parts are common with parts this small: some
  // move into their matches' part.
  const std::size_t moved =
      check_sharded_as_whole(ix, parts, {30u, 8u, 200u}, kQueries, [&](const test::Host& host) {
        std::size_t fetched_text = 0;
        for (const auto& n : host.names) fetched_text += n.starts_with("x/t");
        CHECK(fetched_text > 0);
        CHECK(fetched_text <= text_parts);
      });
  CHECK(moved > 0);
}

TEST_CASE("text parts: a hit on a long value fetches the parts of its window", "[text_parts]") {
  const Index& ix = long_index();
  const auto parts = test::ok(write_parts(ix, "t", small_parts()));
  test::Host host;
  for (std::size_t i = 1; i < parts.size(); ++i) host.files[parts[i].name] = parts[i].bytes;
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  // "quasar" is in the middle of body 14 (1,500 words: many parts) and at
  // the end of body 21.
  SearchOptions o;
  const SearchResult r = host.search(lazy, "zephyr quasar", o);
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].doc == 14);  // the only full match
  const auto [first, last] = lazy.text_parts(14, 1, 0, query::kWholeValue);
  REQUIRE(last - first > 10);
  std::size_t of_14 = 0;
  for (uint32_t k = first; k < last; ++k) of_14 += lazy.layout.text_loaded[k];
  CHECK(of_14 >= 1);
  CHECK(of_14 <= 2);
  CHECK_FALSE(lazy.stored[1][14]);  // never fetched whole
  REQUIRE(r.hits[0].excerpts.size() == 2);
  const query::Excerpt& e = r.hits[0].excerpts[1].excerpt;
  CHECK(e.cut_start);
  CHECK(e.cut_end);
  check_shown(ix, r, test::run(ix, "zephyr quasar", o));
}

TEST_CASE("text parts: a section's value is cut from its page's pieces", "[text_parts]") {
  const Index ix = test::build(site_records(), site_schema());
  REQUIRE(ix.grouped());
  const std::vector<uint8_t> text = choose_text_fields(ix);
  REQUIRE(text.size() == 5);
  REQUIRE(text[2] == 1);
  const EncodedText encoded = encode_text_parts(ix, text, 512);
  // Every section with a body but p6's first (its value starts with "(").
  std::size_t sections = 0;
  for (uint32_t d = 0; d < ix.doc_count; ++d) sections += ix.section[d] && ix.stored[2][d];
  CHECK(encoded.shares.size() == sections - 1);
  for (const TextShare& s : encoded.shares) {
    INFO(s.doc);
    const std::string& page = *ix.stored[2][ix.page_of[s.doc]];
    CHECK(page.find(*ix.stored[2][s.doc]) != std::string::npos);
  }
  const PartOptions small{.postings_part_bytes = 300,
                          .stored_part_bytes = 300,
                          .text_part_bytes = 512,
                          .dictionary_part_bytes = 200,
                          .part_prefix = "x/"};
  const auto parts = test::ok(write_parts(ix, "t", small));
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  REQUIRE(lazy.text_share.size() == encoded.shares.size());
  for (std::size_t i = 1; i < parts.size(); ++i) REQUIRE(add_parts(lazy, parts[i].bytes).ok());
  for (uint32_t d = 0; d < ix.doc_count; ++d) {
    INFO(d);
    CHECK(lazy.stored[2][d] == ix.stored[2][d]);
  }
  std::size_t values = 0;
  for (const auto& pieces : lazy.text_pieces) {
    for (const TextPiece& p : pieces) values += p.offset == 0;
  }
  CHECK(values == 8 + 1);  // the pages' values and p6's first section's

  // A sharded search shows what the whole index shows, fetching one page's
  // parts for its sections' excerpts.
  check_sharded_as_whole(ix, parts, {30u, 8u},
                         {"river", "zephyr quasar", "heading", "border", "léger stone",
                          "\"north light\"", "tide", "quasar", "orbit ember"},
                         [](const test::Host&) {});
}

}  // namespace osprey
