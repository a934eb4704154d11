// The binary index format (version 6): a reader that rejects every
// corruption it is shown (truncated, garbled, swapped, stale or doubled parts).
#include <catch2/catch.hpp>

#include <map>

#include "build/codec.hpp"
#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/bytes.hpp"
#include "part_host.hpp"

namespace osprey {

using test::describe;

TEST_CASE("binary index: truncation and garbling are errors, never crashes", "[codec2]") {
  const Index small = test::build(R"([
    {"title": "Café crème", "summary": "a b c d", "type": "Report", "date": "2021-05-01", "url": "u1"},
    {"title": "Second", "summary": "crème again", "type": "News", "date": "2020-01-01", "url": "u2"}
  ])");
  const std::string bytes = test::ok(write_index_binary(small, "t"));
  REQUIRE(read_index_binary(bytes).ok());
  test::check_every_cut_and_flip_refused(bytes);
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
                                           .lengths_part_bytes = 1,
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
                               .lengths_part_bytes = 1,
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
  CHECK(kinds.size() == 5);
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

}  // namespace osprey
