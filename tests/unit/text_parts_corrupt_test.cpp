// Text parts truncated or garbled (docs/index-format.md "Text parts",
// "Validation"): a whole file is refused; a part behind a valid checksum is
// refused or harmless, never a crash or a wrong answer outside its values.
#include "text_parts_fixture.hpp"

namespace osprey {

using test::long_schema;
using test::payload_of;
using test::reframe;
using test::site_records;
using test::site_schema;

TEST_CASE(
    "text parts: a text part with bad content behind a valid checksum is refused or "
    "harmless",
    "[text_parts]") {
  std::string alphabet;
  for (int i = 0; i < 8; ++i) {
    alphabet +=
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron "
        "pi rho sigma tau upsilon phi chi psi omega ";
  }
  std::string compounds;
  for (int i = 0; i < 40; ++i) compounds += "cross-border naïve well-being ";
  const Index ix = test::build(R"([
    {"url": "a", "title": "One", "body": ")" +
                                   alphabet + R"("},
    {"url": "b", "title": "Two", "body": ")" +
                                   compounds + R"("}
  ])",
                               long_schema());
  REQUIRE(choose_text_fields(ix).size() == 3);
  const auto parts = test::ok(write_parts(ix, "t",
                                          {.postings_part_bytes = 100,
                                           .stored_part_bytes = 40,
                                           .text_part_bytes = 300,
                                           .dictionary_part_bytes = 100,
                                           .part_prefix = "x/"}));
  int refused = 0, text_parts = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!parts[i].name.starts_with("x/t")) continue;
    ++text_parts;
    const std::string_view payload = payload_of(parts[i].bytes);
    for (std::size_t at = 0; at < payload.size(); ++at) {
      for (uint8_t flip : {0x01, 0x7f, 0xff}) {
        std::string changed(payload);
        changed[at] = static_cast<char>(changed[at] ^ flip);
        Result<Index> base = read_index_binary(parts[0].bytes);
        REQUIRE(base.ok());
        Index& lazy = base.value();
        refused += !add_parts(lazy, reframe(parts[i].bytes, changed)).ok();
        for (std::size_t k = 1; k < parts.size(); ++k) (void)add_parts(lazy, parts[k].bytes);
        for (const char* q : {"alpha", "omega psi", "border", "naive", "sigma tau"}) {
          for (const bool body : {false, true}) {
            SearchOptions o;
            if (body) o.fields = {"body"};
            Result<SearchResult> r = search(lazy, q, o);
            REQUIRE(r.ok());
            for (const Hit& h : r.value().hits) CHECK(h.doc < lazy.doc_count);
          }
        }
      }
    }
    // Truncated at every byte.
    for (std::size_t n = 0; n < payload.size(); ++n) {
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      CHECK_FALSE(add_parts(base.value(), reframe(parts[i].bytes, payload.substr(0, n))).ok());
    }
  }
  CHECK(text_parts > 3);
  CHECK(refused > 0);
}

TEST_CASE("text parts: a whole file with text parts truncated or garbled is refused",
          "[text_parts]") {
  // Version 5's base has the text layout after the lengths layout, and text
  // parts come last in the file: cut and flipped anywhere, the file is refused.
  std::string body;  // ~1.2 KB: over kTextFieldMeanBytes
  for (int i = 0; i < 40; ++i) body += "cross-border naïve well-being ";
  const Index ix =
      test::build(R"([{"url": "a", "title": "One", "body": ")" + body +
                      R"("}, {"url": "b", "title": "Two", "body": ")" + body + R"( end"}])",
                  long_schema());
  REQUIRE(choose_text_fields(ix).size() == 3);
  const std::string bytes = test::ok(write_index_binary(ix, "t"));
  Result<Index> whole = read_index_binary(bytes);
  REQUIRE(whole.ok());
  REQUIRE(whole.value().layout.text_loaded.size() >= 1);  // bodies over the mean: a text field
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

TEST_CASE("text parts: a garbled or cut text part with shared sections is refused or harmless",
          "[text_parts]") {
  const Index ix = test::build(site_records(), site_schema());
  const auto parts = test::ok(write_parts(ix, "t",
                                          {.postings_part_bytes = 300,
                                           .stored_part_bytes = 300,
                                           .text_part_bytes = 512,
                                           .dictionary_part_bytes = 200,
                                           .part_prefix = "x/"}));
  int refused = 0, text_parts = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!parts[i].name.starts_with("x/t")) continue;
    ++text_parts;
    const std::string_view payload = payload_of(parts[i].bytes);
    // Every other part loaded once; each garbled copy of part i then goes into
    // a copy of that index, and the good part i after it (refused or ignored).
    Result<Index> others = read_index_binary(parts[0].bytes);
    REQUIRE(others.ok());
    for (std::size_t k = 1; k < parts.size(); ++k) {
      if (k != i) REQUIRE(add_parts(others.value(), parts[k].bytes).ok());
    }
    // Every byte of the first text part; every 5th of the others (the same
    // layout again), so the test stays quick under ASan.
    const std::size_t stride = text_parts == 1 ? 1 : 5;
    for (std::size_t at = 0; at < payload.size(); at += stride) {
      for (uint8_t flip : {0x02, 0xff}) {  // 2: a piece's section end flag
        std::string changed(payload);
        changed[at] = static_cast<char>(changed[at] ^ flip);
        Index lazy = others.value();
        const bool taken = add_parts(lazy, reframe(parts[i].bytes, changed)).ok();
        refused += !taken;
        // A refused part changes nothing (docs/index-format.md "Validation"):
        // only a part taken as valid is searched.
        if (!taken) continue;
        (void)add_parts(lazy, parts[i].bytes);
        for (const char* q : {"river", "heading", "tide"}) {
          SearchOptions o;
          o.excerpt_words = 8;
          Result<SearchResult> r = search(lazy, q, o);
          REQUIRE(r.ok());
          for (const Hit& h : r.value().hits) CHECK(h.doc < lazy.doc_count);
        }
      }
    }
    for (std::size_t n = 0; n < payload.size(); ++n) {
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      CHECK_FALSE(add_parts(base.value(), reframe(parts[i].bytes, payload.substr(0, n))).ok());
    }
  }
  CHECK(text_parts > 3);
  CHECK(refused > 0);
}

}  // namespace osprey
