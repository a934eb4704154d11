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

// How the garbling of text parts went: how many text parts, how many of their
// garbled copies the reader refused.
struct Garbled {
  int text_parts = 0, refused = 0;
};

// Every text part ("x/t…") of `parts`, each of its bytes XOR each of `flips`
// (every `stride`-th byte after the first text part), behind a valid checksum,
// loaded after every other part (even bytes) or before them (odd bytes):
// refused, or taken and then `search_lazy(lazy, n)` answers (n counts the
// parts taken, so a test can vary its queries cheaply). A refused part changes
// nothing (docs/index-format.md "Validation"), so only a part taken as valid is
// searched. Each text part cut at every byte is refused.
template <class Search>
Garbled garble_text_parts(const std::vector<WrittenPart>& parts,
                          std::initializer_list<uint8_t> flips, std::size_t stride,
                          Search search_lazy) {
  Garbled out;
  std::size_t taken_count = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!parts[i].name.starts_with("x/t")) continue;
    ++out.text_parts;
    const std::string_view payload = payload_of(parts[i].bytes);
    Result<Index> others = read_index_binary(parts[0].bytes);
    REQUIRE(others.ok());
    for (std::size_t k = 1; k < parts.size(); ++k) {
      if (k != i) REQUIRE(add_parts(others.value(), parts[k].bytes).ok());
    }
    const std::size_t step = out.text_parts == 1 ? 1 : stride;
    for (std::size_t at = 0; at < payload.size(); at += step) {
      for (const uint8_t flip : flips) {
        std::string changed(payload);
        changed[at] = static_cast<char>(changed[at] ^ flip);
        const bool last = at % 2 == 0;
        Index lazy = last ? others.value() : test::ok(read_index_binary(parts[0].bytes));
        const bool taken = add_parts(lazy, reframe(parts[i].bytes, changed)).ok();
        out.refused += !taken;
        if (!taken) continue;
        for (std::size_t k = last ? i : 1; k < (last ? i + 1 : parts.size()); ++k) {
          (void)add_parts(lazy, parts[k].bytes);  // part i twice: checked and ignored
        }
        search_lazy(lazy, taken_count++);
      }
    }
    for (std::size_t n = 0; n < payload.size(); ++n) {
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      CHECK_FALSE(add_parts(base.value(), reframe(parts[i].bytes, payload.substr(0, n))).ok());
    }
  }
  return out;
}

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
  const Garbled g =
      garble_text_parts(parts, {0x01, 0x7f, 0xff}, 1, [](const Index& lazy, std::size_t n) {
        // One query a part taken (of five, in turn), over every field and the body.
        static const char* const kGarbleQueries[] = {"alpha", "omega psi", "border", "naive",
                                                     "sigma tau"};
        for (const bool body : {false, true}) {
          SearchOptions o;
          if (body) o.fields = {"body"};
          Result<SearchResult> r = search(lazy, kGarbleQueries[n % 5], o);
          REQUIRE(r.ok());
          for (const Hit& h : r.value().hits) CHECK(h.doc < lazy.doc_count);
        }
      });
  CHECK(g.text_parts > 3);
  CHECK(g.refused > 0);
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
  test::check_every_cut_and_flip_refused(bytes);
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
  // 2: a piece's section end flag. Every 5th byte after the first text part
  // (the same layout again), so the test stays quick under ASan.
  const Garbled g = garble_text_parts(parts, {0x02, 0xff}, 5, [](const Index& lazy, std::size_t n) {
    // One query a part taken (of three, in turn).
    static const char* const kGarbleQueries[] = {"river", "heading", "tide"};
    SearchOptions o;
    o.excerpt_words = 8;
    Result<SearchResult> r = search(lazy, kGarbleQueries[n % 3], o);
    REQUIRE(r.ok());
    for (const Hit& h : r.value().hits) CHECK(h.doc < lazy.doc_count);
  });
  CHECK(g.text_parts > 3);
  CHECK(g.refused > 0);
}

}  // namespace osprey
