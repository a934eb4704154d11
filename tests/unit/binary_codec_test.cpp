// The binary index format (version 3): round trips, sharded loading driven by
// search's `needs`, and a reader that rejects every corruption it is shown.
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>

#include "build/codec.hpp"
#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/bytes.hpp"
#include "index/limits.hpp"

namespace osprey {
namespace {

// Everything a search returns that a user sees, as one string.
std::string describe(const Index& index, std::string_view query, SearchOptions o = {}) {
  o.limit = 20;
  const SearchResult r = test::run(index, query, o);
  REQUIRE(r.needs.empty());
  std::string out =
      std::to_string(r.total) + "/" + std::to_string(r.full_total) + " " + r.did_you_mean + "\n";
  for (const Hit& h : r.hits) {
    out += std::to_string(h.doc) + " " + std::to_string(h.score) + ":";
    for (const auto& e : h.excerpts) {
      for (const auto& s : e.excerpt.segments)
        out += (s.match ? "[" : "") + s.text + (s.match ? "]" : "");
    }
    for (const auto& [k, v] : stored_fields(index, h.doc)) {
      out.append(" ").append(k).append("=").append(v);
    }
    out += "\n";
  }
  for (const FacetResult& f : r.facets) {
    for (const FacetCount& c : f.values)
      out += f.field + ":" + c.value + "=" + std::to_string(c.count) + " ";
  }
  return out;
}

const std::vector<std::string> kQueries = {
    "torture",     "amnesty report", "\"death penalty\"", "tortur", "refugess", "release -urgent",
    "type:report", "syria OR iran",  "koblenz verdict",   "the",    ""};

// Serves the parts of a sharded index by name, like a static host.
struct Host {
  std::map<std::string, std::string> files;
  int fetched = 0;
  std::vector<std::string> names;  // of the parts fetched, in order
  // Searches, loading what the index asks for, as the browser does: through
  // searcher when given (it lives across the rounds, as the engine's does).
  SearchResult search(Index& index, std::string_view q, const SearchOptions& o,
                      Searcher* searcher = nullptr) {
    for (int round = 0; round < 8; ++round) {
      SearchResult r;
      if (searcher) {
        Result<SearchResult> found = searcher->search(q, o);
        REQUIRE(found.ok());
        r = std::move(found.value());
      } else {
        r = test::run(index, q, o);
      }
      if (r.needs.empty()) return r;
      for (const std::string& name : index.part_names(r.needs)) {
        REQUIRE(files.count(name));
        ++fetched;
        names.push_back(name);
        REQUIRE(add_parts(index, files[name]).ok());
      }
    }
    FAIL("needs did not settle");
    return {};
  }
};

}  // namespace

TEST_CASE("binary index: a whole file reads back to the same index", "[codec2]") {
  const Index& ix = test::sample_index();
  const std::string bytes = test::ok(write_index_binary(ix, "test"));
  CHECK(is_binary_index(bytes));
  CHECK(test::ok(write_index_binary(ix, "test")) == bytes);  // deterministic
  // The one-file writer frames exactly the parts write_parts gives.
  const std::vector<WrittenPart> parts = test::ok(write_parts(ix, "test", {}));
  REQUIRE(parts.size() == 5);  // base, dictionary, reverse, postings, stored
  CHECK(parts[0].bytes + parts[1].bytes + parts[2].bytes + parts[3].bytes + parts[4].bytes ==
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
  const auto parts = test::ok(write_parts(ix, "test",
                                          {.postings_part_bytes = 300,
                                           .stored_part_bytes = 600,
                                           .dictionary_part_bytes = 200,
                                           .part_prefix = "ix.{id}/"}));
  REQUIRE(parts.size() > 10);
  CHECK(parts[1].name == "ix." + parts[0].name + "/d0");
  Host host;
  for (std::size_t i = 1; i < parts.size(); ++i) host.files[parts[i].name] = parts[i].bytes;
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
    Host host;
    for (std::size_t i = 1; i < parts.size(); ++i) host.files[parts[i].name] = parts[i].bytes;
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

TEST_CASE("binary index: a document's field has one length within a part", "[codec2]") {
  const Index ix = test::build(R"([{"title": "x y", "url": "u"}])");
  REQUIRE(ix.terms == std::vector<std::string>{"x", "y"});
  const auto parts = test::ok(write_parts(ix, "t", {.part_prefix = "p/"}));
  REQUIRE(parts.size() == 5);  // base, d0, r0, p0, s0
  REQUIRE(parts[3].name == "p/p0");
  // Postings part 0 by hand: "x" at title position 0, "y" at 1, each in one
  // document, saying the title (field 0) of document 0 is title_length words long.
  auto postings = [&](uint32_t x_length, uint32_t y_length) {
    ByteWriter payload;
    payload.varint(0);
    for (uint32_t t = 0; t < 2; ++t) {
      for (uint32_t v : {1u, 0u, 1u, 0u, t == 0 ? x_length : y_length, 1u, t}) payload.varint(v);
    }
    ByteWriter w;
    w.bytes(std::string_view(parts[3].bytes).substr(0, 16));  // signature, kind, build id
    w.varint(payload.buffer().size());
    w.bytes(payload.buffer());
    w.fixed32(crc32(payload.buffer()));
    return w.take();
  };
  CHECK(postings(2, 2) == parts[3].bytes);  // the hand encoding is the writer's
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  auto added = add_parts(base.value(), postings(2, 3));
  REQUIRE_FALSE(added.ok());
  CHECK(added.error().message == "postings part: field length of a document differs between terms");
  CHECK(base.value().field_length[0][0] == kUnknownLength);  // nothing kept
  CHECK_FALSE(base.value().postings_ready(0));
  REQUIRE(add_parts(base.value(), postings(2, 2)).ok());
  CHECK(base.value().field_length[0][0] == 2);
  // Given again, the part is checked against what is loaded, and ignored.
  REQUIRE(add_parts(base.value(), postings(2, 2)).ok());
  CHECK_FALSE(add_parts(base.value(), postings(3, 3)).ok());
  CHECK(base.value().field_length[0][0] == 2);
}

TEST_CASE("binary index: truncation and garbling are errors, never crashes", "[codec2]") {
  const Index small = test::build(R"([
    {"title": "Café crème", "summary": "a b c d", "type": "Report", "date": "2021-05-01", "url": "u1"},
    {"title": "Second", "summary": "crème again", "type": "News", "date": "2020-01-01", "url": "u2"}
  ])");
  const std::string bytes = test::ok(write_index_binary(small, "t"));
  REQUIRE(read_index_binary(bytes).ok());
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    INFO(cut);
    CHECK_FALSE(read_index_binary(std::string_view(bytes).substr(0, cut)).ok());
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      std::string garbled = bytes;
      garbled[i] = static_cast<char>(garbled[i] ^ flip);
      INFO(i << " ^ " << int(flip));
      CHECK_FALSE(read_index_binary(garbled).ok());
    }
  }
}

TEST_CASE("binary index: a valid checksum does not make bad content valid", "[codec2]") {
  // Re-frame a base whose payload says something impossible: the checks behind
  // the checksum still catch it.
  ByteWriter payload;
  payload.string("");     // part prefix
  payload.string("t");    // generator
  payload.string("en");   // language
  payload.string("url");  // id field
  payload.varint(0);      // no fields: the schema is invalid
  ByteWriter w;
  w.bytes(kBinaryMagic);
  w.u8(kBinaryVersion);
  w.u8('B');
  w.fixed64(1);
  w.varint(payload.buffer().size());
  w.bytes(payload.buffer());
  w.fixed32(crc32(payload.buffer()));
  Result<Index> r = read_index_binary(w.buffer());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kCorruptIndex);
  CHECK(r.error().message.find("schema") != std::string::npos);
  CHECK(crc32("123456789") == 0xcbf43926u);  // the standard check value
}

// Content behind a valid checksum: every byte of every part's payload changed
// in turn, the part framed again, and loaded with the others. The reader
// refuses what does not check out and searches stay in bounds (ASan runs this).
TEST_CASE("binary index: a part with bad content behind a valid checksum is refused or harmless",
          "[codec2]") {
  const Index ix = test::build(R"([
    {"title": "Café crème brûlée", "summary": "deported tortured refugees", "type": "Report",
     "date": "2021-05-01", "url": "u1"},
    {"title": "Second report", "summary": "crème again, deportation", "type": "News",
     "date": "2020-01-01", "url": "u2"}
  ])");
  const auto parts = test::ok(write_parts(ix, "t",
                                          {.postings_part_bytes = 40,
                                           .stored_part_bytes = 40,
                                           .dictionary_part_bytes = 40,
                                           .part_prefix = "x/"}));
  REQUIRE(parts.size() > 8);
  auto reframe = [](std::string_view part, std::string_view payload) {
    ByteWriter w;
    w.bytes(part.substr(0, 16));  // signature, version, kind, build id
    w.varint(payload.size());
    w.bytes(payload);
    w.fixed32(crc32(payload));
    return w.take();
  };
  auto payload_of = [](std::string_view part) {
    ByteReader r(part.substr(16), "t");
    const uint64_t n = r.varint(part.size(), "n");
    return part.substr(16 + r.position(), n);
  };
  int refused = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string_view payload = payload_of(parts[i].bytes);
    REQUIRE(reframe(parts[i].bytes, payload) == parts[i].bytes);
    for (std::size_t at = 0; at < payload.size(); ++at) {
      for (uint8_t flip : {0x01, 0x7f, 0xff}) {
        std::string changed(payload);
        changed[at] = static_cast<char>(changed[at] ^ flip);
        Result<Index> base = read_index_binary(parts[0].bytes);
        REQUIRE(base.ok());
        Index& lazy = base.value();
        refused += !add_parts(lazy, reframe(parts[i].bytes, changed)).ok();
        for (std::size_t k = 1; k < parts.size(); ++k) (void)add_parts(lazy, parts[k].bytes);
        for (const char* q :
             {"creme", "deport", "tortur", "refugess", "report -news", "\"creme again\""}) {
          Result<SearchResult> r = search(lazy, q, {});
          REQUIRE(r.ok());
          for (const Hit& h : r.value().hits) {
            CHECK(h.doc < lazy.doc_count);
            if (lazy.stored_ready(h.doc)) (void)stored_fields(lazy, h.doc);
          }
        }
      }
    }
  }
  CHECK(refused > 0);
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
  REQUIRE(parts[3].name == "x/p0");
  REQUIRE(add_parts(lazy, parts[3].bytes).ok());
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

// ---- Limits (issue #2): the writer refuses what the reader would ----------

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

// ---- Index integrity (issue #13): every part truncated, garbled, swapped,
// stale or duplicated is refused with a message naming what is wrong, or is
// harmless (a part given again); the index stays as it was. ---------------

namespace {

const Index& integrity_index() {
  static const Index ix = test::build(R"([
    {"title": "Café crème brûlée", "summary": "deported tortured refugees", "type": "Report",
     "date": "2021-05-01", "url": "u1"},
    {"title": "Second report", "summary": "crème again, deportation", "type": "News",
     "date": "2020-01-01", "url": "u2"},
    {"title": "Third", "summary": "refugees report torture", "type": "News", "date": "2019", "url": "u3"}
  ])");
  return ix;
}

std::vector<WrittenPart> integrity_parts(const Index& ix) {
  return test::ok(write_parts(ix, "t",
                              {.postings_part_bytes = 40,
                               .stored_part_bytes = 40,
                               .dictionary_part_bytes = 40,
                               .part_prefix = "x/"}));
}

Error add_error(Index& index, std::string_view bytes, std::string_view name) {
  Result<std::monostate> r = add_parts(index, bytes, name);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kCorruptIndex);
  CHECK(index.missing_parts().size() == index.part_count());  // nothing loaded
  return r.error();
}

}  // namespace

TEST_CASE("integrity: every part truncated at every length is refused", "[codec2][integrity]") {
  const auto parts = integrity_parts(integrity_index());
  std::map<char, int> kinds;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string& bytes = parts[i].bytes;
    const std::string& name = parts[i].name;
    ++kinds[name[2]];
    if (kinds[name[2]] > 2) continue;  // the first two parts of each kind
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
      INFO(name << " cut at " << cut);
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      const Error e = add_error(base.value(), std::string_view(bytes).substr(0, cut), name);
      if (cut == 0) {
        CHECK(e.message == "empty index part");
      } else if (cut < 16) {
        CHECK(e.message == "index part at byte 0: not an Osprey index (no \"osprey\" signature)");
      } else {
        CHECK(e.message.starts_with("index part at byte 0: "));
        CHECK(e.message.ends_with(" (truncated?)"));
      }
    }
  }
  CHECK(kinds.size() == 4);
  for (const auto& [kind, count] : kinds) CHECK(count >= 2);
  // The base likewise (a file cut short before its signature is not an index).
  for (std::size_t cut = 0; cut < parts[0].bytes.size(); ++cut) {
    Result<Index> base = read_index_binary(std::string_view(parts[0].bytes).substr(0, cut));
    REQUIRE_FALSE(base.ok());
    CHECK(base.error().code == (cut < 16 ? ErrorCode::kUnsupported : ErrorCode::kCorruptIndex));
  }
}

TEST_CASE("integrity: a garbled part fails its checksum", "[codec2][integrity]") {
  const auto parts = integrity_parts(integrity_index());
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string& bytes = parts[i].bytes;
    for (std::size_t at = 18; at + 4 < bytes.size(); ++at) {  // payload bytes
      std::string garbled = bytes;
      garbled[at] = static_cast<char>(garbled[at] ^ 0x20);
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      INFO(parts[i].name << " byte " << at);
      CHECK(add_error(base.value(), garbled, parts[i].name).message ==
            "index part at byte 0: checksum mismatch (corrupted data)");
    }
  }
}

// Issue #7: a file holding another part was added as that part, and the part
// asked for stayed missing: the CLI found nothing and exited 0.
TEST_CASE("integrity: a file holding another part than its name is refused",
          "[codec2][integrity]") {
  const auto parts = integrity_parts(integrity_index());
  int swaps = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    for (std::size_t j = 1; j < parts.size(); ++j) {
      if (i == j) continue;
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      // Part i served where part j was asked for: another kind, or another number.
      CHECK(add_error(base.value(), parts[i].bytes, parts[j].name).message ==
            "holds part " + parts[i].name + ", expected " + parts[j].name);
      ++swaps;
    }
    // The base, served as a part.
    Result<Index> base = read_index_binary(parts[0].bytes);
    REQUIRE(base.ok());
    CHECK(add_error(base.value(), parts[0].bytes, parts[i].name).message ==
          "holds an index base, expected " + parts[i].name);
  }
  CHECK(swaps > 50);
  // Without a name (the caller does not know which file it read), a part is
  // whichever part it says it is.
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  REQUIRE(add_parts(base.value(), parts[2].bytes).ok());
  CHECK(base.value().missing_parts().size() == parts.size() - 2);
}

TEST_CASE("integrity: a part of an older build of the same records is refused",
          "[codec2][integrity]") {
  const Index& ix = integrity_index();
  const auto parts = integrity_parts(ix);
  // The same records with one word changed: the same part names, other bytes.
  const auto older = integrity_parts(test::build(R"([
    {"title": "Café crème brûlée", "summary": "deported tortured refugees", "type": "Report",
     "date": "2021-05-01", "url": "u1"},
    {"title": "Second report", "summary": "crème again, deportation", "type": "News",
     "date": "2020-01-01", "url": "u2"},
    {"title": "Third", "summary": "refugees report torment", "type": "News", "date": "2019", "url": "u3"}
  ])"));
  REQUIRE(older[0].name != parts[0].name);  // the build ids differ
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  CHECK(hex64(base.value().layout.build_id) == parts[0].name);  // the base records its build id
  int stale = 0;
  for (std::size_t i = 1; i < older.size(); ++i) {
    for (const std::string_view name : {std::string_view(older[i].name), std::string_view()}) {
      CHECK(add_error(base.value(), older[i].bytes, name).message ==
            "index part belongs to another build of the index (build id differs)");
      ++stale;
    }
  }
  CHECK(stale > 10);
}

// Decided: a part given again (two searches in flight both fetch it) is
// harmless: checked against what is loaded, then ignored. A file that holds
// its part twice is not the file written: refused when fetched by name.
TEST_CASE("integrity: a part added twice is harmless; a file holding it twice is refused",
          "[codec2][integrity]") {
  const Index& ix = integrity_index();
  const auto parts = integrity_parts(ix);
  Result<Index> once = read_index_binary(parts[0].bytes);
  Result<Index> twice = read_index_binary(parts[0].bytes);
  REQUIRE(once.ok());
  REQUIRE(twice.ok());
  for (std::size_t i = 1; i < parts.size(); ++i) {
    REQUIRE(add_parts(once.value(), parts[i].bytes, parts[i].name).ok());
    REQUIRE(add_parts(twice.value(), parts[i].bytes, parts[i].name).ok());
    REQUIRE(add_parts(twice.value(), parts[i].bytes, parts[i].name).ok());
    REQUIRE(add_parts(twice.value(), parts[i].bytes + parts[i].bytes).ok());  // no name
  }
  CHECK(twice.value().missing_parts().empty());
  CHECK(write_index(twice.value(), "v1") == write_index(ix, "v1"));
  CHECK(write_index(once.value(), "v1") == write_index(ix, "v1"));
  for (const char* q : {"creme", "refugees", "tortur", "\"creme again\""}) {
    INFO(q);
    CHECK(describe(twice.value(), q) == describe(ix, q));
  }
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  CHECK(add_error(base.value(), parts[1].bytes + parts[1].bytes, parts[1].name).message ==
        "holds more than part " + parts[1].name);
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

}  // namespace osprey
