// The fetch rounds of a sharded index (issue #14: a keystroke's parts in as
// few round trips as it can): which parts a search names in which round, as a
// static host serves them (part_host.hpp), and that it answers as the whole
// index does.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "part_host.hpp"

namespace osprey {
namespace {

using test::Host;

// The terms of the whole index starting with p.
TermRange range_of(const Index& ix, const std::string& p) {
  const auto first = std::lower_bound(ix.terms.begin(), ix.terms.end(), p);
  auto last = first;
  while (last != ix.terms.end() && last->starts_with(p)) ++last;
  return TermRange{static_cast<uint32_t>(first - ix.terms.begin()),
                   static_cast<uint32_t>(last - ix.terms.begin())};
}

// The dictionary block of a sharded index holding term id t.
uint32_t block_of_term(const Layout& layout, uint32_t t) {
  return static_cast<uint32_t>(
      std::upper_bound(layout.dict_begin.begin(), layout.dict_begin.end(), t) -
      layout.dict_begin.begin() - 1);
}

}  // namespace

// A prefix's range of dictionary (or reverse) blocks is bounded by the block
// starts before any block loads: a range surely within the cap names all its
// blocks in one round (not its two end blocks first, then those between), and
// a range surely over it names none.
TEST_CASE("binary index: a prefix range names its blocks in one round", "[codec2][rounds]") {
  const Index& ix = test::sample_index();
  const auto parts =
      test::ok(write_parts(ix, "test", {.dictionary_part_bytes = 40, .part_prefix = "x/"}));
  Host host(parts);
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  const Layout& layout = lazy.layout;
  // The prefix whose terms span the most blocks (at least 4).
  std::string prefix;
  uint32_t spans = 0;
  for (char c = 'a'; c <= 'z'; ++c) {
    const std::string p(1, c);
    const TermRange r = range_of(ix, p);
    if (r.first == r.last) continue;
    const uint32_t blocks = block_of_term(layout, r.last - 1) - block_of_term(layout, r.first) + 1;
    if (blocks > spans) {
      spans = blocks;
      prefix = p;
    }
  }
  INFO(prefix);
  REQUIRE(spans >= 4);
  const TermRange whole = range_of(ix, prefix);

  // Surely over the cap (fewer terms than its whole middle blocks): no block.
  Needs needs;
  const TermRange over = lazy.prefix_range(prefix, 1, &needs);
  CHECK(over.over);
  CHECK(needs.empty());

  // Within the cap: every block of the range in the first round, then the range.
  const TermRange first = lazy.prefix_range(prefix, SIZE_MAX, &needs);
  CHECK(first.first == first.last);
  std::size_t blocks = 0;
  for (const PartRef& part : needs) {
    CHECK(part.kind == PartKind::kDictionary);
    blocks += part.kind == PartKind::kDictionary;
  }
  CHECK(blocks >= spans);
  CHECK(blocks <= spans + 1);  // the block before the first term may hold the prefix's place
  host.fetch(lazy, needs);
  needs.clear();
  const TermRange second = lazy.prefix_range(prefix, SIZE_MAX, &needs);
  CHECK(needs.empty());
  CHECK(second.first == whole.first);
  CHECK(second.last == whole.last);
}

// When the block starts leave it open whether a prefix's range is within the
// cap (its middle blocks hold at most the cap, all its blocks more), a range
// that likely fits (its middle blocks and half its end blocks' terms within
// the cap) names every block it may span in the first round, not its two end
// blocks first to count it and those between a round later; one that likely
// does not loads its end blocks first (so that a range over the cap does not
// load its middle blocks for nothing). Either way the answer is the whole
// index's range, or over.
TEST_CASE("binary index: a prefix range the block starts leave undecided loads in one round",
          "[codec2][rounds]") {
  const Index& ix = test::sample_index();
  const auto parts =
      test::ok(write_parts(ix, "test", {.dictionary_part_bytes = 40, .part_prefix = "x/"}));
  Host host(parts);
  const Index shape = test::ok(read_index_binary(parts[0].bytes));
  const Layout& layout = shape.layout;
  const std::vector<uint32_t>& begin = layout.dict_begin;
  // A one-letter prefix spanning blocks [b0, b1), b1 - b0 >= 3, whose end
  // blocks hold at least 2 terms outside the range.
  std::string prefix;
  TermRange whole;
  uint32_t b0 = 0, b1 = 0;
  for (char c = 'a'; c <= 'z' && prefix.empty(); ++c) {
    const std::string p(1, c);
    const TermRange r = range_of(ix, p);
    // The last block whose first term is <= p, and those after it starting with p.
    const auto after = std::upper_bound(layout.dict_first.begin(), layout.dict_first.end(), p);
    const auto first = static_cast<uint32_t>(
        after == layout.dict_first.begin() ? 0 : after - layout.dict_first.begin() - 1);
    uint32_t last = first + 1;
    while (last < layout.dict_first.size() && layout.dict_first[last].starts_with(p)) ++last;
    if (last - first < 3 || begin[last] - begin[first] < r.last - r.first + 2) continue;
    prefix = p;
    whole = r;
    b0 = first;
    b1 = last;
  }
  INFO(prefix);
  REQUIRE(!prefix.empty());
  const uint32_t count = whole.last - whole.first;
  const uint32_t middle = begin[b1 - 1] - begin[b0 + 1];  // surely in the range
  const uint32_t ends = begin[b1] - begin[b0] - middle;   // in the end blocks, some in it
  const auto all_blocks = [&](const Needs& needs) {
    if (needs.size() != b1 - b0) return false;
    for (uint32_t b = b0; b < b1; ++b) {
      if (std::count(needs.begin(), needs.end(), PartRef{PartKind::kDictionary, b}) != 1) {
        return false;
      }
    }
    return true;
  };

  // Likely within: a cap below the whole blocks' count, at least the range's.
  const std::size_t within = begin[b1] - begin[b0] - 1;
  REQUIRE(within >= count);
  REQUIRE(within >= middle + ends / 2);
  {
    Index lazy = test::ok(read_index_binary(parts[0].bytes));
    Needs needs;
    const TermRange first = lazy.prefix_range(prefix, within, &needs);
    CHECK(first.first == first.last);
    CHECK(!first.over);
    CHECK(all_blocks(needs));
    host.fetch(lazy, needs);
    needs.clear();
    const TermRange second = lazy.prefix_range(prefix, within, &needs);
    CHECK(needs.empty());
    CHECK(!second.over);
    CHECK(second.first == whole.first);
    CHECK(second.last == whole.last);
  }

  // Likely over: a cap of the middle blocks' count (the range has more):
  // the end blocks, then over with no middle block.
  REQUIRE(middle + ends / 2 > middle);
  REQUIRE(count > middle);
  {
    Index lazy = test::ok(read_index_binary(parts[0].bytes));
    Needs needs;
    const TermRange first = lazy.prefix_range(prefix, middle, &needs);
    CHECK(first.first == first.last);
    CHECK(!first.over);
    CHECK(needs == Needs{{PartKind::kDictionary, b0}, {PartKind::kDictionary, b1 - 1}});
    host.fetch(lazy, needs);
    needs.clear();
    const TermRange second = lazy.prefix_range(prefix, middle, &needs);
    CHECK(needs.empty());
    CHECK(second.over);
  }
}

// docs/ranking.md "Typo tier": when the dictionary already shows the page
// short (the summed document frequencies of a required word's forms are
// fewer than the page asks for), the typo blocks are named in the round of
// the first tier's postings, not after them; the results are the whole
// index's.
TEST_CASE("binary index: a page the dictionary shows short names its typo blocks with the postings",
          "[codec2][typo-tier][rounds]") {
  const Index& ix = test::sample_index();
  const auto parts =
      test::ok(write_parts(ix, "test", {.dictionary_part_bytes = 120, .part_prefix = "x/"}));
  const auto round_of = [](const Host& host, char kind) {
    for (std::size_t r = 0; r < host.rounds.size(); ++r) {
      for (const std::string& n : host.rounds[r]) {
        if (n[2] == kind) return static_cast<int>(r);
      }
    }
    return -1;
  };
  const int64_t term = ix.find_term("torture");
  REQUIRE(term >= 0);
  // Enough to exceed every form's documents of "torture" (prefix and stem forms too).
  const uint32_t limit = static_cast<uint32_t>(ix.doc_count);
  Host host(parts);
  SearchOptions o;
  o.limit = limit;
  const SearchResult lazy = host.search_base("torture", o);
  const SearchResult whole = test::run(ix, "torture", o);
  CHECK(lazy.total == whole.total);
  REQUIRE(lazy.hits.size() == whole.hits.size());
  for (std::size_t i = 0; i < whole.hits.size(); ++i) {
    CHECK(lazy.hits[i].doc == whole.hits[i].doc);
    CHECK(lazy.hits[i].score == whole.hits[i].score);
  }
  REQUIRE(round_of(host, 'p') >= 0);
  CHECK(round_of(host, 'r') == round_of(host, 'p'));
}

// Did-you-mean reads no stored value, and its lookups read only the query and
// the index: its parts are named from the first round, beside the search's, so
// that none comes after the page's stored parts (it used to name its lookup's
// blocks with the stored parts, and the corrected query's postings a round
// after them). With typos or without, the answer is the whole index's.
TEST_CASE("binary index: did-you-mean's parts come by the page's stored round",
          "[codec2][rounds]") {
  const Index& ix = test::sample_index();
  const auto parts = test::sample_parts(120);
  for (const bool typos : {false, true}) {
    INFO("typos " << typos);
    Host host(parts);
    SearchOptions o;
    o.typos = typos;
    const SearchResult lazy = host.search_base("humanitarain aid", o);
    const SearchResult whole = test::run(ix, "humanitarain aid", o);
    CHECK(lazy.did_you_mean == "humanitarian aid");
    CHECK(lazy.did_you_mean == whole.did_you_mean);
    CHECK(lazy.total == whole.total);
    REQUIRE(lazy.hits.size() == whole.hits.size());
    for (std::size_t i = 0; i < whole.hits.size(); ++i) {
      CHECK(lazy.hits[i].doc == whole.hits[i].doc);
    }
    REQUIRE(!host.rounds.empty());
    const auto& last = host.rounds.back();
    INFO("rounds " << host.rounds.size());
    CHECK(std::any_of(last.begin(), last.end(), [](const std::string& n) { return n[2] == 's'; }));
  }
}

// Did-you-mean runs from a search's first round, when few blocks are loaded:
// it must name no part its answer does not read, so a search fetches the
// same parts as when did-you-mean runs only once the page is ranked (a
// search without it, then with it, on the same index). Its corrected query's
// typo forms wait for the corrected words' blocks: a word whose block is
// missing looked like a typo, whose lookup named other blocks.
TEST_CASE("binary index: did-you-mean from the first round fetches no more parts",
          "[codec2][rounds]") {
  const Index& ix = test::sample_index();
  const auto parts = test::sample_parts(40);
  const auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  for (const std::string q :
       {"humanitarain aid", "refugess", "amnesti", "verdikt", "crimse humanity", "yorture",
        "bmnesty", "cyria", "qefugees", "jerdict", "xoblenz", "pamascus", "yustice", "wumanitarian",
        "torture oyria", "aict"}) {
    INFO(q);
    SearchOptions o;
    Host early(parts);
    const SearchResult first = early.search_base(q, o);
    // The page first (did-you-mean off), then did-you-mean on the same index.
    Host late(parts);
    Index index = test::ok(read_index_binary(parts[0].bytes));
    Searcher searcher(index);
    SearchOptions page = o;
    page.suggest = false;
    late.search(index, q, page, &searcher);
    const SearchResult then = late.search(index, q, o, &searcher);
    CHECK(first.did_you_mean == then.did_you_mean);
    CHECK(first.did_you_mean == test::run(ix, q, o).did_you_mean);
    CHECK(sorted(early.names) == sorted(late.names));
  }
}

}  // namespace osprey
