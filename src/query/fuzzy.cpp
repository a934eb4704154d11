// Trie walk over a sorted dictionary with one optimal-string-alignment DP row per code point of
// the current prefix. Row i holds D[i][j], the distance between the prefix's first i code points
// and the word's first j; it depends only on the prefix (rows i-1, i-2 and code points i, i-1),
// so rows of the common prefix with the previous term stay valid.
//
// Cut rule. Every cell of a deeper row, for any extension of the prefix, is >= the minimum of
// row i: an alignment path crosses row i, or jumps over it with a transposition from
// (i-1, j-2) at cost c to (i+1, j) at cost c+1, and then D[i][j-1] <= c+1. Hence
//   - plain mode: row_min > bound  => no term with this prefix matches;
//   - prefix mode: a term's distance is the minimum of the last cells of all its rows, so once
//     row_min >= min(best last cell so far, bound+1) every term with this prefix has exactly
//     that best value (a match if <= bound).
// Both cuts skip the prefix's whole range of terms. Since row_min >= depth - m, no level deeper
// than m + max_distance + 1 is ever computed.
#include "query/fuzzy.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.hpp"

namespace osprey::query {
namespace {

constexpr uint8_t kMaxDistance = 2;
constexpr std::size_t kMaxWordCodePoints = 64;

// One code point of the current prefix (level 0 is the empty prefix).
struct Level {
  char32_t cp;         // the prefix's code point at this depth
  uint32_t end;        // byte offset just past cp, in every term of the prefix's range
  bool unstable;       // cp is U+FFFD: the decoder may have read byte `end` too
  uint8_t row_min;     // minimum of this level's row
  uint8_t best_final;  // minimum of the last cells of rows 0..this depth (prefix mode)
};

// Keeps the first max_results matches in (distance, term) order. Terms arrive in increasing
// index order, so each bucket is sorted and only its first entries can survive.
class Collector {
 public:
  explicit Collector(std::size_t cap, int max_distance) : cap_(cap), bound_(max_distance) {
    tighten();
  }

  /// The largest distance that can still enter the result; -1 when none can.
  int bound() const { return bound_; }

  /// Terms [first, last) at distance d; requires d <= bound().
  void add(std::size_t first, std::size_t last, uint8_t d) {
    std::size_t ahead = 0;  // kept entries that rank before these
    for (int e = 0; e <= d; ++e) ahead += buckets_[e].size();
    const std::size_t take = std::min(last - first, cap_ - ahead);  // ahead < cap_ by bound()
    for (std::size_t t = first; t < first + take; ++t) {
      buckets_[d].push_back(static_cast<uint32_t>(t));
    }
    tighten();
  }

  std::vector<FuzzyMatch> take() {
    std::vector<FuzzyMatch> out;
    for (uint8_t d = 0; d <= kMaxDistance; ++d) {
      for (uint32_t t : buckets_[d]) out.push_back({t, d});
    }
    if (out.size() > cap_) out.resize(cap_);
    return out;
  }

 private:
  // A later term at distance d ranks after everything in buckets 0..d, so once those hold
  // cap_ entries, distance d is closed.
  void tighten() {
    while (bound_ >= 0) {
      std::size_t kept = 0;
      for (int e = 0; e <= bound_; ++e) kept += buckets_[e].size();
      if (kept < cap_) break;
      --bound_;
    }
  }

  std::size_t cap_;
  int bound_;
  std::array<std::vector<uint32_t>, kMaxDistance + 1> buckets_;
};

// One past the last term starting with prefix, given that dictionary[t] does. Gallops before
// the binary search: most cut ranges hold a handful of terms.
std::size_t range_end(const std::vector<std::string>& dictionary, std::size_t t,
                      std::string_view prefix) {
  // Compares backwards: probed terms mostly share the prefix's leading bytes with dictionary[t].
  const auto has_prefix = [prefix](const std::string& s) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = prefix.size(); i > 0; --i) {
      if (s[i - 1] != prefix[i - 1]) return false;
    }
    return true;
  };
  const std::size_t n = dictionary.size();
  std::size_t in = t;   // dictionary[in] has the prefix
  std::size_t out = n;  // dictionary[out] does not (or out == n)
  for (std::size_t step = 1;; step *= 2) {
    const std::size_t probe = in + step;
    if (probe >= n) break;
    if (!has_prefix(dictionary[probe])) {
      out = probe;
      break;
    }
    in = probe;
  }
  const auto first = dictionary.begin() + static_cast<std::ptrdiff_t>(in + 1);
  const auto last = dictionary.begin() + static_cast<std::ptrdiff_t>(out);
  return static_cast<std::size_t>(std::partition_point(first, last, has_prefix) -
                                  dictionary.begin());
}

// Computes row i (i >= 1) of the OSA table from rows i-1 and i-2 (prev2 unused when i == 1);
// c and pc are the prefix's code points i and i-1. Returns the row's minimum.
uint8_t fill_row(uint8_t* cur, const uint8_t* prev, const uint8_t* prev2, std::size_t i, char32_t c,
                 char32_t pc, const char32_t* w, std::size_t m) {
  cur[0] = static_cast<uint8_t>(i);
  uint8_t row_min = cur[0];
  for (std::size_t j = 1; j <= m; ++j) {
    int v = std::min(prev[j], cur[j - 1]) + 1;
    v = std::min(v, prev[j - 1] + (c != w[j - 1] ? 1 : 0));
    if (i > 1 && j > 1 && c == w[j - 2] && pc == w[j - 1]) v = std::min(v, prev2[j - 2] + 1);
    cur[j] = static_cast<uint8_t>(v);
    row_min = std::min(row_min, cur[j]);
  }
  return row_min;
}

// The word is too long for the DP rows: exact matches only (terms starting with the word in
// prefix mode), all at distance 0.
std::vector<FuzzyMatch> exact_terms(const std::vector<std::string>& dictionary,
                                    std::string_view word, const FuzzyOptions& options) {
  std::vector<FuzzyMatch> out;
  auto it = std::lower_bound(dictionary.begin(), dictionary.end(), word,
                             [](const std::string& s, std::string_view w) { return s < w; });
  for (; it != dictionary.end() && out.size() < options.max_results; ++it) {
    const bool hit = options.prefix ? std::string_view(*it).starts_with(word) : *it == word;
    if (!hit) break;
    out.push_back({static_cast<uint32_t>(it - dictionary.begin()), 0});
  }
  return out;
}

}  // namespace

std::vector<FuzzyMatch> fuzzy_terms(const std::vector<std::string>& dictionary,
                                    std::string_view word, const FuzzyOptions& options) {
  if (word.empty() || options.max_results == 0) return {};

  std::array<char32_t, kMaxWordCodePoints> w;
  std::size_t m = 0;
  for (std::size_t pos = 0; pos < word.size();) {
    if (m == kMaxWordCodePoints) return exact_terms(dictionary, word, options);
    const text::Decoded d = text::decode_utf8(word, pos);
    w[m++] = d.cp;
    pos += d.size;
  }

  const int max_distance = std::min(options.max_distance, kMaxDistance);
  const std::size_t width = m + 1;
  const std::size_t max_depth = m + max_distance + 1;
  // A cell is at most max(depth, m) <= 67, so uint8_t does not overflow.
  std::vector<uint8_t> rows((max_depth + 1) * width);
  std::vector<Level> levels(max_depth + 1);
  for (std::size_t j = 0; j <= m; ++j) rows[j] = static_cast<uint8_t>(j);
  levels[0] = {0, 0, false, 0, static_cast<uint8_t>(m)};

  Collector found(options.max_results, max_distance);
  const std::size_t n = dictionary.size();
  std::size_t depth = 0;  // levels 1..depth hold a prefix of dictionary[owner]
  std::size_t owner = 0;
  std::size_t t = 0;
  while (t < n && found.bound() >= 0) {
    const std::string& term = dictionary[t];

    // Keep the levels whose bytes, and any byte their decoding read, are shared with owner.
    if (depth > 0) {
      const std::string& prev = dictionary[owner];
      const std::size_t limit =
          std::min({term.size(), prev.size(), std::size_t{levels[depth].end} + 1});
      const std::size_t lcp = static_cast<std::size_t>(
          std::mismatch(term.begin(), term.begin() + static_cast<std::ptrdiff_t>(limit),
                        prev.begin())
              .first -
          term.begin());
      std::size_t keep = 0;
      while (keep < depth && levels[keep + 1].end <= lcp &&
             (!levels[keep + 1].unstable || levels[keep + 1].end < lcp)) {
        ++keep;
      }
      depth = keep;
    }
    owner = t;

    std::size_t next = t + 1;
    for (;;) {
      const Level& level = levels[depth];
      const int bound = found.bound();
      if (bound < 0) break;
      const bool cut = options.prefix ? level.row_min >= std::min<int>(level.best_final, bound + 1)
                                      : level.row_min > bound;
      if (cut) {
        // A range is only skipped when its terms provably decode to this prefix.
        if (depth == 0) {
          next = n;
        } else if (!level.unstable) {
          next = range_end(dictionary, t, std::string_view(term).substr(0, level.end));
        }
        if (options.prefix && level.best_final <= bound) found.add(t, next, level.best_final);
        break;
      }
      if (level.end == term.size()) {
        const uint8_t d = options.prefix ? level.best_final : rows[depth * width + m];
        if (d <= bound) found.add(t, t + 1, d);
        break;
      }

      // Not cut, so row_min <= max_distance and depth <= m + max_distance: depth + 1 fits.
      const text::Decoded d = text::decode_utf8(term, level.end);
      const std::size_t i = depth + 1;
      uint8_t* cur = &rows[i * width];
      const uint8_t* prev2 = i >= 2 ? cur - 2 * width : nullptr;
      const uint8_t row_min = fill_row(cur, cur - width, prev2, i, d.cp, level.cp, w.data(), m);
      levels[i] = {d.cp, static_cast<uint32_t>(level.end + d.size), d.cp == text::kReplacement,
                   row_min, std::min(level.best_final, cur[m])};
      depth = i;
    }
    t = next;
  }
  return found.take();
}

}  // namespace osprey::query
