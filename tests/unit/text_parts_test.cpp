// Text parts (docs/index-format.md "Text parts", since version 5): long searchable
// values kept apart from the display fields, cut in pieces; a sharded search
// fetches only the pieces its excerpts show and answers as the whole index
// does (same hits, scores and fields; excerpts holding the same matches, a
// window over a cut its matches do not cross moved into their part).
// This file: which fields become text fields, how values are cut in pieces
// and join back, and excerpts cut from a slice of pieces. Sharded searches:
// text_parts_search_test.cpp; garbled parts: text_parts_corrupt_test.cpp.
#include "text_parts_fixture.hpp"

namespace osprey {

using test::long_index;
using test::small_parts;

TEST_CASE("text parts: the writer makes long searchable fields text fields", "[text_parts]") {
  const Index& ix = long_index();
  const std::vector<uint8_t> text = choose_text_fields(ix);
  REQUIRE(text.size() == 3);
  CHECK(text[0] == 0);  // title: short
  CHECK(text[1] == 1);  // body
  CHECK(text[2] == 0);  // url: not searchable
  // The sample corpus: summaries average 381 bytes, below kTextFieldMeanBytes.
  CHECK(choose_text_fields(test::sample_index()).empty());
}

TEST_CASE("text parts: stored parts beside text parts have their own size", "[text_parts]") {
  const auto stored_parts = [](const Index& ix, std::size_t with_text) {
    PartOptions o = small_parts();
    o.stored_part_bytes_with_text = with_text;
    std::size_t n = 0;
    for (const auto& p : test::ok(write_parts(ix, "t", o))) n += p.name.starts_with("x/s");
    return n;
  };
  // The long records (a text field): 0 keeps stored_part_bytes; bigger, fewer parts.
  const std::size_t same = stored_parts(long_index(), 0);
  CHECK(same > 1);
  CHECK(stored_parts(long_index(), 300) == same);
  CHECK(stored_parts(long_index(), 4096) < same);
  // The sample corpus (no text field) keeps stored_part_bytes.
  CHECK(stored_parts(test::sample_index(), 4096) == stored_parts(test::sample_index(), 0));
  CHECK(stored_parts(test::sample_index(), 0) > 1);
}

TEST_CASE("text parts: values cut in pieces join back to the same values", "[text_parts]") {
  const Index& ix = long_index();
  const auto parts = test::ok(write_parts(ix, "t", small_parts()));
  std::size_t text_parts = 0;
  for (const auto& p : parts) text_parts += p.name.starts_with("x/t");
  CHECK(text_parts > 40);  // long bodies span many parts

  Result<Index> whole = read_index_binary(test::ok(write_index_binary(ix, "t")));
  REQUIRE(whole.ok());
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  REQUIRE(lazy.layout.text_first.size() == text_parts);
  for (std::size_t i = 1; i < parts.size(); ++i) REQUIRE(add_parts(lazy, parts[i].bytes).ok());
  for (uint32_t d = 0; d < ix.doc_count; ++d) {
    INFO(d);
    CHECK(lazy.stored[1][d] == ix.stored[1][d]);
    CHECK(whole.value().stored[1][d] == ix.stored[1][d]);
    CHECK(lazy.stored[0][d] == ix.stored[0][d]);
  }
  // A piece tokenizes alone as it does in its value.
  std::size_t continued = 0;
  for (const auto& pieces : lazy.text_pieces) {
    for (const TextPiece& p : pieces) continued += p.offset > 0;
  }
  CHECK(continued > 20);
}

TEST_CASE("text parts: an excerpt cut from a slice equals the whole value's", "[text_parts]") {
  // best_window is the one rule: from the text's tokens and from positions.
  const std::string text =
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
      "fifteen sixteen seventeen eighteen nineteen twenty";
  query::Excerpter whole;
  whole.add("twelve", 0);
  whole.add("fifteen", 1);
  const query::Excerpt a = whole.excerpt(text, 5);
  // The slice from "ten" (position 9, byte 41) to the end.
  const std::size_t at = text.find("ten ");
  const query::SliceContext where{.position = 9,
                                  .offset16 = static_cast<uint32_t>(at),
                                  .before = true,
                                  .after = false,
                                  .total = 20};
  const query::Excerpt b = whole.excerpt(std::string_view(text).substr(at), 5, where);
  CHECK(a.segments.size() == b.segments.size());
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    CHECK(a.segments[i].text == b.segments[i].text);
    CHECK(a.segments[i].match == b.segments[i].match);
  }
  CHECK(a.cut_start == b.cut_start);
  CHECK(a.cut_end == b.cut_end);
  CHECK(a.begin == b.begin + at);
  CHECK(a.begin16 == b.begin16);
}

}  // namespace osprey
