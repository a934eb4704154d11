#include "query/pages.hpp"

#include <algorithm>
#include <bit>

namespace osprey::query {

bool better_match(const Candidate& x, const Candidate& y) {
  if (x.count != y.count) return x.count > y.count;
  if (x.typos != y.typos) return x.typos < y.typos;
  if (x.tiers != y.tiers) return x.tiers < y.tiers;
  if (x.score != y.score) return x.score > y.score;
  return x.doc < y.doc;
}

std::vector<Candidate> merge_pages(const Index& index, const std::vector<Candidate>& records,
                                   SearchScratch& buffers, std::vector<Candidate>& sections) {
  std::vector<int32_t>& slot = buffers.slot;  // page doc -> index in pages; -1 between uses
  std::vector<Candidate> pages;
  std::vector<const Candidate*> best;  // per page: its best record
  std::vector<double> best_section;
  std::vector<uint8_t> own_matched;
  sections.clear();
  for (const Candidate& c : records) {
    const uint32_t p = index.page_of[c.doc];
    if (slot[p] < 0) {
      slot[p] = static_cast<int32_t>(pages.size());
      pages.push_back({.doc = p});
      best.push_back(&c);
      own_matched.push_back(0);
      best_section.push_back(0);
    }
    const auto i = static_cast<std::size_t>(slot[p]);
    pages[i].mask |= c.mask;
    if (better_match(c, *best[i])) best[i] = &c;
    if (c.doc == p) {
      pages[i].score = c.score;
      own_matched[i] = 1;
    } else {
      best_section[i] = std::max(best_section[i], c.score);
      sections.push_back(c);
    }
  }
  for (std::size_t i = 0; i < pages.size(); ++i) {
    Candidate& page = pages[i];
    page.count = static_cast<uint8_t>(std::popcount(page.mask));
    page.typos = best[i]->typos;
    page.tiers = best[i]->tiers;
    if (!own_matched[i]) page.score = best_section[i];
    slot[page.doc] = -1;
  }
  std::sort(sections.begin(), sections.end(), [&](const Candidate& x, const Candidate& y) {
    const uint32_t px = index.page_of[x.doc], py = index.page_of[y.doc];
    return px != py ? px < py : better_match(x, y);
  });
  return pages;
}

std::span<const Candidate> sections_of(const Index& index, const std::vector<Candidate>& sections,
                                       uint32_t page) {
  const auto by_page = [&](const Candidate& c) { return index.page_of[c.doc]; };
  const auto lo = std::partition_point(sections.begin(), sections.end(),
                                       [&](const Candidate& c) { return by_page(c) < page; });
  const auto hi = std::partition_point(lo, sections.end(),
                                       [&](const Candidate& c) { return by_page(c) == page; });
  // (libc++ 13, em++'s, has no span from two iterators.)
  return {sections.data() + (lo - sections.begin()), static_cast<std::size_t>(hi - lo)};
}

}  // namespace osprey::query
