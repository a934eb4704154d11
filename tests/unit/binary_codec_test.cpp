// The binary index format (version 6): round trips, sharded loading driven by
// search's `needs`, and the byte reader. Corruption: binary_codec_corrupt_test.cpp;
// the format's limits: binary_codec_limits_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>

#include "build/codec.hpp"
#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/bytes.hpp"
#include "part_host.hpp"

namespace osprey {
namespace {

using test::describe;

const std::vector<std::string> kQueries = {
    "torture",     "amnesty report", "\"death penalty\"", "tortur", "refugess", "release -urgent",
    "type:report", "syria OR iran",  "koblenz verdict",   "the",    ""};

using test::Host;

}  // namespace

TEST_CASE("binary index: a whole file reads back to the same index", "[codec2]") {
  const Index& ix = test::sample_index();
  const std::string bytes = test::ok(write_index_binary(ix, "test"));
  CHECK(is_binary_index(bytes));
  CHECK(test::ok(write_index_binary(ix, "test")) == bytes);  // deterministic
  // The one-file writer frames exactly the parts write_parts gives.
  const std::vector<WrittenPart> parts = test::ok(write_parts(ix, "test", {}));
  REQUIRE(parts.size() == 6);  // base, dictionary, reverse, lengths, postings, stored (no
                               // text field)
  CHECK(parts[0].bytes + parts[1].bytes + parts[2].bytes + parts[3].bytes + parts[4].bytes +
            parts[5].bytes ==
        bytes);
  CHECK(test::ok(write_index_file(ix, "test")).name == parts[0].name);
  Result<Index> back = read_index_binary(bytes);
  REQUIRE(back.ok());
  CHECK(write_index(back.value(), "v1") == write_index(ix, "v1"));
  for (const std::string& q : kQueries) {
    INFO(q);
    CHECK(describe(back.value(), q) == describe(ix, q));
  }
  SearchOptions sorted;
  sorted.sort = "date";
  sorted.ranges = {{"date", "2021", "2022"}};
  CHECK(describe(back.value(), "amnesty", sorted) == describe(ix, "amnesty", sorted));
}

TEST_CASE("binary index: sharded parts load as queries need them", "[codec2]") {
  const Index& ix = test::sample_index();
  const auto parts = test::sample_parts(200, "ix.{id}/");
  REQUIRE(parts.size() > 10);
  CHECK(parts[1].name == "ix." + parts[0].name + "/d0");
  Host host(parts);
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  CHECK_FALSE(lazy.postings_ready(0));
  CHECK_FALSE(lazy.term_known(0));
  CHECK(lazy.layout.dict_loaded.size() > 2);
  CHECK(lazy.layout.rev_loaded.size() > 2);

  SearchOptions o;
  o.limit = 20;
  const SearchResult first = test::run(lazy, "torture", o);
  CHECK_FALSE(first.needs.empty());
  CHECK(first.hits.empty());
  for (const std::string& q : kQueries) {
    INFO(q);
    host.search(lazy, q, o);
    CHECK(describe(lazy, q) == describe(ix, q));
  }
  // Only some parts were needed for all that.
  CHECK(host.fetched < static_cast<int>(parts.size()) - 1);
  CHECK(host.fetched > 0);

  // A range over a stored-only field needs every stored part.
  Result<Index> again = read_index_binary(parts[0].bytes);
  REQUIRE(again.ok());
  SearchOptions range;
  range.ranges = {{"url", "a", "z"}};
  const SearchResult r = test::run(again.value(), "amnesty", range);
  std::size_t stored_parts = 0;
  for (const auto& p : parts) stored_parts += p.name.find("/s") != std::string::npos;
  std::size_t asked = 0;
  for (const auto& n : again.value().part_names(r.needs))
    asked += n.find("/s") != std::string::npos;
  CHECK(asked == stored_parts);

  // Completions ask for what they need too.
  Needs needs;
  Result<Index> fresh = read_index_binary(parts[0].bytes);
  REQUIRE(fresh.ok());
  const auto none = complete(fresh.value(), "amnesty tor", 5, &needs);
  CHECK(none.empty());
  CHECK_FALSE(needs.empty());
  std::vector<Completion> done;
  for (int round = 0; round < 4 && !needs.empty(); ++round) {
    for (const auto& n : fresh.value().part_names(needs))
      REQUIRE(add_parts(fresh.value(), host.files[n]).ok());
    needs.clear();
    done = complete(fresh.value(), "amnesty tor", 5, &needs);
  }
  CHECK(needs.empty());
  const auto want = complete(ix, "amnesty tor", 5);
  REQUIRE(done.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) CHECK(done[i].query == want[i].query);
}

// Typo lookups read the dictionary blocks holding the word's beginning and the
// reverse blocks holding its end, and nothing else of the dictionary.
TEST_CASE("binary index: typo queries load only the blocks around the word", "[codec2]") {
  const Index& ix = test::sample_index();
  const auto parts =
      test::ok(write_parts(ix, "test", {.dictionary_part_bytes = 120, .part_prefix = "x/"}));
  for (const std::string q : {"refugess", "tortur", "deportaton", "amnesti", "raport"}) {
    INFO(q);
    Host host(parts);
    Result<Index> base = read_index_binary(parts[0].bytes);
    REQUIRE(base.ok());
    Searcher searcher(base.value());
    const SearchResult lazy = host.search(base.value(), q, {}, &searcher);
    const SearchResult whole = test::run(ix, q);
    CHECK(lazy.total == whole.total);
    CHECK(lazy.did_you_mean == whole.did_you_mean);
    REQUIRE(lazy.hits.size() == whole.hits.size());
    for (std::size_t i = 0; i < whole.hits.size(); ++i) {
      CHECK(lazy.hits[i].doc == whole.hits[i].doc);
      CHECK(lazy.hits[i].score == whole.hits[i].score);
    }
    const std::size_t dict_parts =
        std::count_if(host.names.begin(), host.names.end(),
                      [](const std::string& n) { return n[2] == 'd' || n[2] == 'r'; });
    const Layout& layout = base.value().layout;
    CHECK(dict_parts > 0);
    CHECK(dict_parts < (layout.dict_loaded.size() + layout.rev_loaded.size()) / 2);
  }
}

TEST_CASE("binary index: parts are checked against their base", "[codec2]") {
  const Index& ix = test::sample_index();
  const auto parts =
      test::ok(write_parts(ix, "test", {.postings_part_bytes = 300, .part_prefix = "x/"}));
  const auto other =
      test::ok(write_parts(test::build(R"([{"title": "other", "url": "o"}])"), "test",
                           {.postings_part_bytes = 300, .part_prefix = "x/"}));
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  auto added = add_parts(base.value(), other[1].bytes);
  REQUIRE_FALSE(added.ok());
  CHECK(added.error().message.find("another build") != std::string::npos);
  added = add_parts(base.value(), parts[0].bytes);
  REQUIRE_FALSE(added.ok());
  CHECK(added.error().message.find("second index base") != std::string::npos);
  // A part given twice is accepted once and changes nothing the second time.
  REQUIRE(add_parts(base.value(), parts[1].bytes).ok());
  REQUIRE(add_parts(base.value(), parts[1].bytes).ok());
  // A part alone is not an index.
  Result<Index> alone = read_index_binary(parts[1].bytes);
  REQUIRE_FALSE(alone.ok());
  CHECK(alone.error().code == ErrorCode::kUnsupported);
  // A version 1 (JSON) index is named as such.
  Result<Index> json = read_index_binary(write_index(ix, "v1"));
  REQUIRE_FALSE(json.ok());
  CHECK(json.error().message.find("version 1") != std::string::npos);
}

TEST_CASE("binary index: positions and field lengths agree in either load order", "[codec2]") {
  const Index ix = test::build(R"([{"title": "x y", "url": "u"}])");
  REQUIRE(ix.terms == std::vector<std::string>{"x", "y"});
  const auto parts = test::ok(write_parts(ix, "t", {.part_prefix = "p/"}));
  REQUIRE(parts.size() == 6);  // base, d0, r0, l0, p0, s0
  REQUIRE(parts[3].name == "p/l0");
  REQUIRE(parts[4].name == "p/p0");
  auto frame = [&](const std::string& like, const std::vector<uint32_t>& values) {
    ByteWriter payload;
    for (uint32_t v : values) payload.varint(v);
    ByteWriter w;
    w.bytes(std::string_view(like).substr(0, 16));  // signature, version, kind, build id
    w.varint(payload.buffer().size());
    w.bytes(payload.buffer());
    w.fixed32(crc32(payload.buffer()));
    return w.take();
  };
  // Postings part 0 by hand: part number; per term its df (1) and one
  // document: header (delta 0 << 3 | field mask - 1: the title alone of the
  // three searchable fields), then 2 × position + (tf > 1). "x" is at 0, "y" at y_at.
  auto postings = [&](uint32_t y_at) {
    return frame(parts[4].bytes, {0, 1, 0, 0, 1, 0, 2 * y_at});
  };
  // Lengths part 0: part number, then per searchable field of the default
  // schema (title, summary, type) its length in document 0.
  auto lengths = [&](uint32_t title) { return frame(parts[3].bytes, {0, title, 0, 0}); };
  CHECK(postings(1) == parts[4].bytes);  // the hand encodings are the writer's
  CHECK(lengths(2) == parts[3].bytes);
  {
    // Postings first: a length below their last position is refused.
    Index base = test::ok(read_index_binary(parts[0].bytes));
    REQUIRE(add_parts(base, postings(2)).ok());  // "y" at 2: the title has 3 words or more
    auto added = add_parts(base, lengths(2));
    REQUIRE_FALSE(added.ok());
    CHECK(added.error().message ==
          "lengths part: field length below a position of the postings (at byte 2)");
    CHECK(base.field_length[0][0] == kUnknownLength);  // nothing kept
    REQUIRE(add_parts(base, lengths(3)).ok());
    CHECK(base.field_length[0][0] == 3);
  }
  {
    // Lengths first: a position at or past the length is refused.
    Index base = test::ok(read_index_binary(parts[0].bytes));
    REQUIRE(add_parts(base, lengths(2)).ok());
    auto added = add_parts(base, postings(2));
    REQUIRE_FALSE(added.ok());
    CHECK(added.error().message == "postings part: position out of range (at byte 7)");
    CHECK_FALSE(base.postings_ready(0));  // nothing kept
    REQUIRE(add_parts(base, postings(1)).ok());
    // Given again, a part is checked against what is loaded, and ignored.
    REQUIRE(add_parts(base, postings(1)).ok());
    CHECK_FALSE(add_parts(base, postings(2)).ok());
    CHECK(base.postings[1].positions == std::vector<uint32_t>{1});
  }
}

TEST_CASE("binary index: a base holds no posting lists until their parts load", "[codec2]") {
  const Index& ix = test::sample_index();
  const auto parts =
      test::ok(write_parts(ix, "test", {.postings_part_bytes = 300, .part_prefix = "x/"}));
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  REQUIRE(lazy.postings.size() == ix.terms.size());
  for (std::size_t t = 0; t < lazy.postings.size(); ++t) CHECK(lazy.postings[t].docs.empty());
  // Part 0's lists, then every other part: the first lists stay where they
  // were (references into the index survive loading more parts).
  REQUIRE(parts[4].name == "x/p0");
  REQUIRE(add_parts(lazy, parts[4].bytes).ok());
  const uint32_t first = lazy.layout.postings_begin[1];
  REQUIRE(first > 0);
  const PostingList& held = lazy.postings[0];
  CHECK(held.docs == ix.postings[0].docs);
  CHECK(lazy.postings[first].docs.empty());
  for (std::size_t i = 1; i < parts.size(); ++i) REQUIRE(add_parts(lazy, parts[i].bytes).ok());
  CHECK(&lazy.postings[0] == &held);
  CHECK(lazy.terms == ix.terms);
  CHECK(lazy.df == ix.df);
  CHECK(lazy.stems == ix.stems);
  CHECK(lazy.term_stem == ix.term_stem);
  CHECK(lazy.stem_term_begin == ix.stem_term_begin);
  CHECK(lazy.stem_terms == ix.stem_terms);
  CHECK(lazy.rev_terms == ix.rev_terms);
  CHECK(lazy.rev_term == ix.rev_term);
  for (std::size_t t = 0; t < ix.terms.size(); ++t) {
    CHECK(lazy.postings[t].docs == ix.postings[t].docs);
    CHECK(lazy.postings[t].positions == ix.postings[t].positions);
  }
}

TEST_CASE("byte reader: one-byte and longer varints, limits, ends", "[codec2]") {
  ByteWriter w;
  for (uint64_t v : {0ull, 5ull, 127ull, 128ull, 300ull, 1ull << 40}) w.varint(v);
  ByteReader r(w.buffer(), "t");
  CHECK(r.varint(10, "a") == 0);
  CHECK(r.varint(5, "a") == 5);
  CHECK(r.varint(127, "a") == 127);
  CHECK(r.varint(128, "a") == 128);
  CHECK(r.varint(300, "a") == 300);
  CHECK(r.varint(1ull << 40, "a") == 1ull << 40);
  CHECK(r.at_end());
  CHECK(r.varint(1, "a") == 0);
  CHECK(r.error() == "t: unexpected end of data (at byte 13)");

  ByteReader over(std::string_view("\x07\x01", 2), "t");
  CHECK(over.varint(6, "x") == 0);  // a one-byte value above its limit
  CHECK(over.error() == "t: x 7 out of range (at most 6) (at byte 1)");
  CHECK(over.varint(9, "y") == 0);  // failures are sticky
  ByteReader cut(std::string_view("\x80", 1), "t");
  CHECK(cut.varint(9, "z") == 0);
  CHECK(cut.error() == "t: unexpected end of data (at byte 1)");
  const std::string eleven(11, '\x80');
  ByteReader overlong(eleven, "t");
  CHECK(overlong.varint(9, "z") == 0);
  CHECK(overlong.error() == "t: overlong varint (z) (at byte 10)");
}

// A document's facet value ids and the terms of a stem (docs/index-format.md).
TEST_CASE("byte reader: ascending id lists", "[codec2]") {
  ByteWriter w;
  const std::vector<uint32_t> ids = {3, 4, 9};
  write_ascending_ids(w, ids);
  CHECK(w.buffer() == std::string("\x03\x01\x05", 3));
  ByteReader r(w.buffer(), "t");
  std::vector<uint32_t> out = {7};  // appended to
  read_ascending_ids(r, 3, 10, out, "id", "ids");
  CHECK(!r.failed());
  CHECK(out == std::vector<uint32_t>{7, 3, 4, 9});

  auto error = [](std::string_view bytes, uint32_t count) {
    ByteReader reader(bytes, "t");
    std::vector<uint32_t> read;
    read_ascending_ids(reader, count, 10, read, "id", "ids");
    return reader.error();
  };
  CHECK(error(std::string_view("\x03\x00", 2), 2) == "t: ids not ascending (at byte 2)");
  CHECK(error("\x0a", 1) == "t: id out of range (at byte 1)");
  CHECK(error("\x08\x02", 2) == "t: id out of range (at byte 2)");
  CHECK(error("\x0b", 1) == "t: id 11 out of range (at most 10) (at byte 1)");
  CHECK(error("\x03", 2) == "t: unexpected end of data (at byte 1)");
}

// docs/ranking.md "Typo tier": a query whose exact, stem and prefix forms fill
// the page names no reverse block (nor its typo forms' postings); one they
// leave short loads its typo blocks, and both answer as the whole index does.
TEST_CASE("binary index: typo blocks load only when the page is short", "[codec2][typo-tier]") {
  const Index& ix = test::sample_index();
  const auto parts =
      test::ok(write_parts(ix, "test", {.dictionary_part_bytes = 120, .part_prefix = "x/"}));
  const auto reverse = [](const Host& host) {
    return std::count_if(host.names.begin(), host.names.end(),
                         [](const std::string& n) { return n[2] == 'r'; });
  };
  struct Case {
    std::string query;
    uint32_t limit;
    bool typos;  // whether the typo tier is planned
  };
  for (const Case& c : {Case{"torture", 2, false}, Case{"torture", 20, true},
                        Case{"amnesty", 5, false}, Case{"refugess", 2, true}}) {
    INFO(c.query << " limit " << c.limit);
    Host host(parts);
    SearchOptions o;
    o.limit = c.limit;
    const SearchResult lazy = host.search_base(c.query, o);
    const SearchResult whole = test::run(ix, c.query, o);
    CHECK(lazy.total == whole.total);
    REQUIRE(lazy.hits.size() == whole.hits.size());
    for (std::size_t i = 0; i < whole.hits.size(); ++i) {
      CHECK(lazy.hits[i].doc == whole.hits[i].doc);
      CHECK(lazy.hits[i].score == whole.hits[i].score);
    }
    CHECK((reverse(host) > 0) == c.typos);
  }
}

}  // namespace osprey
