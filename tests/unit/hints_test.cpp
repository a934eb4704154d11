// Completion hints (docs/index-format.md base item 14, query/expand.hpp
// completion_hints): a short prefix's completions come from the base, so the
// first letter of a word being typed loads no dictionary block of its range,
// and every search gives what it gives without them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>

#include "base_tail.hpp"
#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/bytes.hpp"
#include "part_host.hpp"
#include "query/expand.hpp"

using namespace osprey;

namespace {

// 1,100 records that all say "module", each with a rare word of its own
// starting with m (so "m" ranges over 1,100 terms and completes to "module"
// alone: it has 1,024 documents or more), and words of other letters.
const Index& hinted_index() {
  static const Index index = [] {
    std::string json = "[";
    for (int i = 0; i < 1100; ++i) {
      const std::string n = std::to_string(i);
      std::string rare = "m";
      for (char c : n) rare += static_cast<char>('a' + (c - '0'));
      json += std::string(i ? "," : "") + R"({"url":"/)" + n + R"(","title":"module )" + rare +
              R"(","summary":"open tools )" + (i % 7 == 0 ? "make" : "value") + " b" + rare +
              R"("})";
    }
    return test::build(json + "]");
  }();
  return index;
}

Index without_hints(Index index) {
  index.prefix_hints.clear();
  return index;
}

// The whole index file of index, its hints (base item 14) replaced by
// what item writes, read back.
Result<Index> with_hints(const Index& index, const std::function<void(ByteWriter&)>& item) {
  return test::with_base_tail(test::ok(write_index_binary(without_hints(index), "t")), 1, item);
}

std::string prefix_of(const PrefixHint& h) {
  return h.prefix;
}

}  // namespace

TEST_CASE("completion hints: the short prefixes with a wide range whose completions are few",
          "[hints]") {
  const Index& ix = hinted_index();
  std::vector<std::string> prefixes;
  std::transform(ix.prefix_hints.begin(), ix.prefix_hints.end(), std::back_inserter(prefixes),
                 prefix_of);
  // "m" and "b" range over 1,100 terms or more, but "b" completes to more
  // than kMaxHintTerms (rare words within the budget), as do "mo" and "bm";
  // "o", "t", "v" range over one term or two.
  CHECK(prefixes == std::vector<std::string>{"m"});
  const PrefixHint* m = ix.prefix_hint("m");
  REQUIRE(m != nullptr);
  REQUIRE(m->kept.size() == 1);
  CHECK(ix.terms[m->kept[0]] == "module");
  CHECK(m->forms.empty());  // "m" is no word of the index
  CHECK(ix.prefix_hint("mo") == nullptr);
}

TEST_CASE("completion hints: searches find what they find without them", "[hints]") {
  const Index& ix = hinted_index();
  const Index bare = without_hints(ix);
  for (const char* q : {"m", "M", "open m", "mo", "b", "tools b", "m b", "module m", "mak", "op"}) {
    INFO(q);
    CHECK(test::describe(ix, q) == test::describe(bare, q));
  }
}

TEST_CASE("completion hints: a first letter loads no dictionary block", "[hints]") {
  const Index& ix = hinted_index();
  const PartOptions small{.dictionary_part_bytes = 400, .part_prefix = "x/"};
  test::Host hinted(test::ok(write_parts(ix, "t", small)));
  test::Host bare(test::ok(write_parts(without_hints(ix), "t", small)));
  auto dictionary_parts = [](const test::Host& host) {
    return std::count_if(host.names.begin(), host.names.end(),
                         [](const std::string& n) { return n.starts_with("x/d"); });
  };
  const SearchResult with = hinted.search_base("m", {});
  const SearchResult without = bare.search_base("m", {});
  REQUIRE(with.hits.size() == without.hits.size());
  for (std::size_t i = 0; i < with.hits.size(); ++i) CHECK(with.hits[i].doc == without.hits[i].doc);
  CHECK(with.total == without.total);
  // No dictionary block: the postings (and lengths), then the stored parts.
  CHECK(dictionary_parts(hinted) == 0);
  CHECK(hinted.rounds.size() == 2);
  CHECK(bare.rounds.size() == 3);
  CHECK(dictionary_parts(bare) > 10);
}

TEST_CASE("completion hints: a base's hints are obeyed, and bad ones are error values",
          "[hints][codec2]") {
  // Terms: ca (0), cat (1), cow (2), dog (3).
  const Index ix = test::build(
      R"([{"url":"1","title":"cat dog"},{"url":"2","title":"cow"},{"url":"3","title":"ca"}])");
  REQUIRE(ix.terms == std::vector<std::string>{"ca", "cat", "cow", "dog"});
  using Terms = std::vector<std::tuple<uint32_t, uint32_t, std::string>>;  // id, df, text
  auto hint = [](std::string prefix, Terms forms, Terms kept) {
    return [=](ByteWriter& w) {
      w.varint(1);
      w.string(prefix);
      for (const Terms* terms : {&forms, &kept}) {
        w.varint(terms->size());
        for (const auto& [t, df, text] : *terms) {
          w.varint(t);
          w.varint(df);
          w.string(text);
        }
      }
    };
  };
  // A hint of "c" keeping "cow" alone: "c" completes to it, not to "ca" and "cat".
  const Result<Index> good = with_hints(ix, hint("c", {}, {{2, 1, "cow"}}));
  REQUIRE(good.ok());
  CHECK(test::run(good.value(), "c").hits.size() == 1);
  CHECK(test::run(ix, "c").hits.size() == 3);
  // "ca" typed as the prefix takes its forms from the hint, and its
  // completions; typed otherwise ("CA") it finds its forms in the
  // dictionary, and the completions only while those are the hint's.
  const Result<Index> obeyed = with_hints(ix, hint("ca", {{0, 1, "ca"}}, {}));
  REQUIRE(obeyed.ok());
  CHECK(test::run(obeyed.value(), "ca").hits.size() == 1);
  CHECK(test::run(obeyed.value(), "CA").hits.size() == 1);
  const Result<Index> stale = with_hints(ix, hint("ca", {}, {}));
  REQUIRE(stale.ok());
  CHECK(test::run(stale.value(), "ca").hits.empty());
  CHECK(test::run(stale.value(), "CA").hits.size() == 2);  // "ca" and "cat": the range
  auto error_of = [&](const std::function<void(ByteWriter&)>& item) {
    return test::read_error(with_hints(ix, item));
  };
  using test::contains;
  CHECK(contains(error_of(hint("c", {}, {{2, 1, "cat"}})), "a term differs from another part"));
  CHECK(contains(error_of(hint("c", {}, {{2, 2, "cow"}})), "a term differs from another part"));
  CHECK(contains(error_of(hint("c", {}, {{2, 0, "cow"}})), "hint term out of range"));
  CHECK(contains(error_of(hint("c", {}, {{3, 1, "dog"}})), "hint term out of range"));
  CHECK(error_of(hint("c", {{3, 1, "dog"}}, {})) == "ok");  // a stem form may be any term
  CHECK(contains(error_of(hint("c", {}, {{4, 1, "cow"}})), "hint term"));
  CHECK(contains(error_of(hint("c", {{2, 1, "cow"}}, {{2, 1, "cow"}})), "hint term twice"));
  CHECK(contains(error_of(hint("c", {}, {{2, 1, "cow"}, {2, 1, "cow"}})), "hint term twice"));
  CHECK(contains(error_of([&](ByteWriter& w) {
                   w.varint(2);
                   for (const auto& [prefix, df] : {std::pair{"c", 1}, std::pair{"co", 2}}) {
                     w.string(prefix);
                     w.varint(0);
                     w.varint(1);
                     w.varint(2);
                     w.varint(df);
                     w.string("cow");
                   }
                 }),
                 "a hint term differs from another"));
  CHECK(contains(error_of(hint("cow!", {}, {})), "hint prefix of 4 bytes"));
  CHECK(contains(error_of(hint("", {}, {})), "hint prefix of 0 bytes"));
  CHECK(contains(error_of([](ByteWriter& w) {
                   w.varint(2);
                   for (const char* p : {"d", "c"}) {
                     w.string(p);
                     w.varint(0);
                     w.varint(0);
                   }
                 }),
                 "hints not sorted and unique"));
  CHECK(contains(error_of([](ByteWriter& w) {
                   w.varint(1);
                   w.string("c");
                   w.varint(kMaxHintTerms + 1);
                 }),
                 "hint form count"));
  CHECK(contains(error_of([](ByteWriter& w) { w.varint(3); }), "hint"));
}

TEST_CASE("completion hints: the writer refuses more terms than the format holds",
          "[hints][limits]") {
  Index ix = test::build(R"([{"url":"1","title":"cat"}])");
  ix.prefix_hints.push_back({"c", {}, std::vector<uint32_t>(kMaxHintTerms + 1, 0)});
  const Result<std::string> r = write_index_binary(ix, "t");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        "too many terms of a completion hint: 17 (the index format holds at most 16)");
}
