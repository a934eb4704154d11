#include "index/text_cuts.hpp"

#include <algorithm>

namespace osprey {
namespace {

// Where a value may be cut: before token k (k >= 1) when no earlier token
// reaches past its first byte and its position is past the previous token's.
struct Cut {
  uint32_t byte;
  uint32_t token;
};

std::vector<Cut> cut_points(const text::TokenList& tokens) {
  std::vector<Cut> out;
  uint32_t reach = 0;
  const auto& e = tokens.entries();
  for (uint32_t k = 0; k < e.size(); ++k) {
    if (k > 0 && e[k].position > e[k - 1].position && e[k].begin >= reach) {
      out.push_back({e[k].begin, k});
    }
    reach = std::max(reach, e[k].end);
  }
  return out;
}

}  // namespace

bool tokenizes_alone(std::string_view value, const text::TokenList& whole, uint32_t begin,
                     uint32_t end, uint32_t first, uint32_t last, text::Folding folding,
                     text::TokenList& scratch) {
  scratch.clear();
  const auto& e = whole.entries();
  const uint32_t position = first < e.size() ? e[first].position : 0;
  text::tokenize(value.substr(begin, end - begin), scratch, position, folding);
  const auto& p = scratch.entries();
  if (p.size() != last - first) return false;
  for (uint32_t i = 0; i < p.size(); ++i) {
    const auto& w = e[first + i];
    if (p[i].position != w.position || p[i].begin + begin != w.begin || p[i].end + begin != w.end ||
        scratch.term(p[i]) != whole.term(w)) {
      return false;
    }
  }
  return true;
}

std::vector<Span> cut_value(std::string_view value, const std::vector<uint32_t>& forced,
                            std::size_t held, std::size_t budget, text::Folding folding,
                            text::TokenList& tokens, text::TokenList& scratch,
                            std::vector<uint32_t>& made) {
  made.clear();
  const auto size = static_cast<uint32_t>(value.size());
  const std::size_t room0 = budget - std::min(budget, held);
  const std::vector<Span> whole{
      {0, size, 0, budget > 0 && held > 0 && size > room0 && room0 < budget / 4}};
  if (budget == 0) return {{0, size, 0, false}};
  if (forced.empty() && size <= room0) return whole;
  tokens.clear();
  text::tokenize(value, tokens, 0, folding);
  const std::vector<Cut> cuts = cut_points(tokens);
  const auto ntokens = static_cast<uint32_t>(tokens.entries().size());
  const auto cut_at = [&](uint32_t byte) {
    const auto it = std::lower_bound(cuts.begin(), cuts.end(), byte,
                                     [](const Cut& c, uint32_t b) { return c.byte < b; });
    return it != cuts.end() && it->byte == byte ? static_cast<std::size_t>(it - cuts.begin())
                                                : cuts.size();
  };
  std::vector<Span> out;
  uint32_t start = 0, token = 0;
  std::size_t fill = held, fi = 0;
  while (true) {
    // The next forced cut that is a cut point, else the end.
    while (fi < forced.size() && (forced[fi] <= start || cut_at(forced[fi]) == cuts.size())) ++fi;
    const uint32_t stop = fi < forced.size() ? forced[fi] : size;
    const uint32_t stop_token = fi < forced.size() ? cuts[cut_at(stop)].token : ntokens;
    std::size_t room = budget - std::min(budget, fill);
    bool close = false;
    if (fill > 0 && stop - start > room && room < budget / 4) {
      close = true;
      fill = 0;
      room = budget;
    }
    // A cut before stop: the last within room, else the first past it; one
    // that does not tokenize alone moves on to the next.
    std::size_t c = cuts.size();
    if (stop - start > room) {
      c = std::upper_bound(cuts.begin(), cuts.end(), start,
                           [](uint32_t b, const Cut& x) { return b < x.byte; }) -
          cuts.begin();
      while (c + 1 < cuts.size() && cuts[c + 1].byte < stop && cuts[c + 1].byte - start <= room) {
        ++c;
      }
      while (c < cuts.size() && cuts[c].byte < stop &&
             !tokenizes_alone(value, tokens, start, cuts[c].byte, token, cuts[c].token, folding,
                              scratch)) {
        ++c;
      }
      if (c < cuts.size() && cuts[c].byte >= stop) c = cuts.size();
    }
    if (c < cuts.size()) {
      out.push_back({start, cuts[c].byte, token, close});
      fill += cuts[c].byte - start;
      start = cuts[c].byte;
      token = cuts[c].token;
      continue;
    }
    if (stop == size) {
      out.push_back({start, size, token, close});
      break;
    }
    if (!tokenizes_alone(value, tokens, start, stop, token, stop_token, folding, scratch)) {
      ++fi;  // no piece can end there: that forced cut is dropped
      continue;
    }
    out.push_back({start, stop, token, close});
    made.push_back(stop);
    fill += stop - start;
    start = stop;
    token = stop_token;
  }
  const Span& last = out.back();
  if (!tokenizes_alone(value, tokens, last.begin, size, last.token, ntokens, folding, scratch)) {
    made.clear();
    return whole;
  }
  return out;
}

}  // namespace osprey
