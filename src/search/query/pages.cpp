#include "query/pages.hpp"

#include <algorithm>
#include <bit>

#include "core/small_sort.hpp"

namespace osprey::query {

bool better_match(const Candidate& x, const Candidate& y) {
  if (x.count != y.count) return x.count > y.count;
  if (x.typos != y.typos) return x.typos < y.typos;
  if (x.tiers != y.tiers) return x.tiers < y.tiers;
  if (x.score != y.score) return x.score > y.score;
  return x.doc < y.doc;
}

namespace {

// Which of a page's sections to list first: as better_match, but the word
// being typed found as typed (or stemmed) beats its completions. A section
// is a place in the page to go to; a heading holding the typed word says
// more than a rarer completion in some text (docs/ranking.md, "Typing").
bool better_section(const Candidate& x, const Candidate& y) {
  if (x.count != y.count) return x.count > y.count;
  if (x.typos != y.typos) return x.typos < y.typos;
  if (x.forms != y.forms) return x.forms < y.forms;
  return better_match(x, y);
}

}  // namespace

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
  return pages;
}

std::vector<std::vector<const Candidate*>> best_sections(const Index& index,
                                                         const std::vector<Candidate>& sections,
                                                         const std::vector<Candidate>& pages,
                                                         std::size_t k) {
  std::vector<std::vector<const Candidate*>> own(pages.size());
  if (k == 0) return own;
  std::vector<std::pair<uint32_t, std::size_t>> by_doc;  // (page doc, its place in pages)
  by_doc.reserve(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) by_doc.emplace_back(pages[i].doc, i);
  merge_sort(by_doc);
  for (const Candidate& c : sections) {
    const uint32_t page = index.page_of[c.doc];
    const auto at =
        std::lower_bound(by_doc.begin(), by_doc.end(), std::make_pair(page, std::size_t{0}));
    if (at != by_doc.end() && at->first == page) own[at->second].push_back(&c);
  }
  for (std::vector<const Candidate*>& list : own) {
    // Selection: the first k places, each taking the best of those left.
    const std::size_t n = std::min(k, list.size());
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t best = i;
      for (std::size_t j = i + 1; j < list.size(); ++j) {
        if (better_section(*list[j], *list[best])) best = j;
      }
      std::swap(list[i], list[best]);
    }
    list.resize(n);
  }
  return own;
}

}  // namespace osprey::query
