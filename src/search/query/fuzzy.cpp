// Trie walk over a sorted dictionary with one optimal-string-alignment DP row per code point of
// the current prefix. Row i holds D[i][j], the distance between the prefix's first i code points
// and the word's first j; it depends only on the prefix (rows i-1, i-2 and code points i, i-1).
// The walk is a depth-first search in which each level is a prefix together with its range of
// terms; a child's range is found by galloping over its parent's, comparing the child's own
// bytes only.
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
//
// Rows as bit vectors. Only whether a cell is <= e matters, for e <= max_distance (every
// decision compares with bound <= max_distance, or with bound + 1), so a row is kept as
// max_distance + 1 masks, bit j-1 of mask e set when D[i][j] <= e (column 0 is D[i][0] = i).
// The recurrence becomes a few shifts, ands and ors per mask (Wu-Manber style, plus the
// transposition term), whatever the word's length.
//
// Child skip. A child code point absent from the word gets the same row whatever it is (the
// "generic" row); so does a code point of the word whose row leads to the same decisions (cut,
// and in prefix mode the same distance). When the generic row is cut, the walk visits only the
// other ("special") children and jumps over each run of generic children with one search for
// the next special one, instead of cutting children one at a time. Jumps rely on byte order
// matching code point order, so they are made only from well-formed code points, for a word
// without U+FFFD.
//
// Ill-formed UTF-8. A child decoded as U+FFFD may have read a byte that terms sharing its bytes
// do not share, so its range is the one term it was decoded from.
#include "query/fuzzy.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/small_sort.hpp"
#include "text/utf8.hpp"

namespace osprey::query {
namespace {

constexpr uint8_t kMaxDistance = 2;
constexpr std::size_t kMaxWordCodePoints = 64;

// A DP row: bit j-1 of row[e] is set when D[i][j] <= e.
using Row = std::array<uint64_t, kMaxDistance + 1>;

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

// The first index in (t, stop) at which pred fails, or stop, given that pred holds for
// dictionary[t] and, the dictionary being sorted, on an initial run of (t, stop). Gallops
// first: most runs are short. Always > t, even for an unsorted dictionary.
template <class Pred>
std::size_t run_end(std::span<const std::string> dictionary, std::size_t t, std::size_t stop,
                    Pred pred) {
  if (stop <= t + 1) return t + 1;
  std::size_t in = t;      // pred holds at in
  std::size_t out = stop;  // pred fails at out (or out == stop)
  for (std::size_t step = 1;; step *= 2) {
    const std::size_t probe = in + step;
    if (probe >= stop) break;
    if (!pred(dictionary[probe])) {
      out = probe;
      break;
    }
    in = probe;
  }
  const auto first = dictionary.begin() + static_cast<std::ptrdiff_t>(in + 1);
  const auto last = dictionary.begin() + static_cast<std::ptrdiff_t>(out);
  return static_cast<std::size_t>(std::partition_point(first, last, pred) - dictionary.begin());
}

// Whether bytes [at, at + key.size()) of s compare below (sign < 0), equal to (0) or above key;
// a shorter s compares below.
int compare_at(const std::string& s, std::size_t at, std::string_view key) {
  for (std::size_t k = 0; k < key.size(); ++k) {
    if (at + k >= s.size()) return -1;
    const auto a = static_cast<unsigned char>(s[at + k]);
    const auto b = static_cast<unsigned char>(key[k]);
    if (a != b) return a < b ? -1 : 1;
  }
  return 0;
}

text::Decoded decode(const std::string& s, std::size_t pos) {
  const auto b = static_cast<unsigned char>(s[pos]);
  return b < 0x80 ? text::Decoded{b, 1} : text::decode_utf8(s, pos);
}

// The word: its code points, and per distinct code point the mask of columns holding it.
class Word {
 public:
  /// False when the word has more than kMaxWordCodePoints code points.
  bool assign(std::string_view word) {
    m_ = 0;
    ill_formed_ = false;
    for (std::size_t pos = 0; pos < word.size();) {
      if (m_ == kMaxWordCodePoints) return false;
      const text::Decoded d = text::decode_utf8(word, pos);
      cps_[m_++] = d.cp;
      ill_formed_ = ill_formed_ || d.cp == text::kReplacement;
      pos += d.size;
    }
    distinct_.assign(cps_.begin(), cps_.begin() + static_cast<std::ptrdiff_t>(m_));
    // At most kMaxWordCodePoints: std::sort's char32_t instantiation was
    // 1.1 KB of the engine's gzip size.
    insertion_sort(distinct_.begin(), distinct_.end(), std::less<char32_t>());
    distinct_.erase(std::unique(distinct_.begin(), distinct_.end()), distinct_.end());
    masks_.assign(distinct_.size(), 0);
    utf8_.assign(distinct_.size(), {});
    ascii_.fill(0);
    for (std::size_t k = 0; k < distinct_.size(); ++k) text::append_utf8(utf8_[k], distinct_[k]);
    for (std::size_t j = 0; j < m_; ++j) {
      const uint64_t bit = uint64_t{1} << j;
      masks_[index(cps_[j])] |= bit;
      if (cps_[j] < ascii_.size()) ascii_[cps_[j]] |= bit;
    }
    return true;
  }

  std::size_t size() const { return m_; }
  /// The j-th code point (from 0).
  char32_t at(std::size_t j) const { return cps_[j]; }
  bool ill_formed() const { return ill_formed_; }
  /// All columns (bits 0..m-1).
  uint64_t full() const { return m_ == 64 ? ~uint64_t{0} : (uint64_t{1} << m_) - 1; }
  std::size_t distinct() const { return distinct_.size(); }
  /// Index among the distinct code points (ascending) of the first one >= cp.
  std::size_t index(char32_t cp) const {
    return static_cast<std::size_t>(std::lower_bound(distinct_.begin(), distinct_.end(), cp) -
                                    distinct_.begin());
  }
  bool holds(std::size_t k, char32_t cp) const {
    return k < distinct_.size() && distinct_[k] == cp;
  }
  /// Bit j-1 set where the word's j-th code point is cp.
  uint64_t mask(char32_t cp) const {
    if (cp < ascii_.size()) return ascii_[cp];
    const std::size_t k = index(cp);
    return holds(k, cp) ? masks_[k] : 0;
  }
  uint64_t mask_at(std::size_t k) const { return masks_[k]; }
  char32_t distinct_at(std::size_t k) const { return distinct_[k]; }
  const std::string& utf8_at(std::size_t k) const { return utf8_[k]; }

 private:
  std::array<char32_t, kMaxWordCodePoints> cps_;
  std::size_t m_ = 0;
  bool ill_formed_ = false;
  std::vector<char32_t> distinct_;
  std::vector<uint64_t> masks_;
  std::vector<std::string> utf8_;
  std::array<uint64_t, 128> ascii_;
};

// One level of the search: a prefix (level 0 is the empty one) and its terms.
struct Level {
  char32_t cp = 0;         // the prefix's last code point
  uint64_t cp_mask = 0;    // Word::mask(cp)
  Row row{};               // the DP row of the prefix
  uint8_t row_min = 0;     // minimum of the row, capped at max_distance + 1
  uint8_t best_final = 0;  // minimum of the last cells of the rows so far, capped likewise
  std::size_t end = 0;     // the prefix's length in bytes
  std::size_t hi = 0;      // the terms starting with the prefix are [.., hi)
  std::size_t cursor = 0;  // the first of them not walked yet
  // The children, worked out on the first descent from this level (see "Child skip").
  bool planned = false;
  bool skip = false;          // generic children are cut: jump over them
  uint8_t generic_final = 0;  // best_final of a generic child (prefix mode: its distance)
  uint64_t special = 0;       // bit k: the child for distinct code point k is special
};

// The walk's fixed parameters and its row arithmetic.
struct Walk {
  const Word& word;
  int max_distance;
  bool prefix;

  // Whether a row with this minimum and best_final is cut under bound (the cut rule).
  bool cut(int bound, uint8_t row_min, uint8_t best_final) const {
    return prefix ? row_min >= std::min<int>(best_final, bound + 1) : row_min > bound;
  }

  // D[i][m] of a level's row, capped at max_distance + 1.
  uint8_t final_cell(const Level& level) const {
    const uint64_t last = uint64_t{1} << (word.size() - 1);
    for (int e = 0; e <= max_distance; ++e) {
      if (level.row[e] & last) return static_cast<uint8_t>(e);
    }
    return static_cast<uint8_t>(max_distance + 1);
  }

  // The row of depth i + 1 for code point mask mc below parent (depth i) and, for the
  // transposition, grandparent (null when i == 0). Sets row_min and final (D[i+1][m]), capped.
  Row child(const Level& parent, const Level* grandparent, std::size_t i, uint64_t mc,
            uint8_t& row_min, uint8_t& final) const {
    const uint64_t transposable = grandparent ? (mc << 1) & parent.cp_mask : 0;
    const uint64_t last = uint64_t{1} << (word.size() - 1);
    const uint64_t full = word.full();
    Row out{};
    row_min = static_cast<uint8_t>(max_distance + 1);
    final = row_min;
    for (int e = 0; e <= max_distance; ++e) {
      const auto u = static_cast<std::size_t>(e);
      // Column 0 is D[i][0] = i: <= e when i <= e; it enters column 1 by the shifts.
      // Match: D[i][j-1], the word's j-th code point being the child's.
      uint64_t v = ((parent.row[e] << 1) | (i <= u)) & mc;
      if (e > 0) {
        v |= (parent.row[e - 1] << 1) | (i < u);  // substitute
        v |= parent.row[e - 1];                   // delete the child's code point
        v |= (out[e - 1] << 1) | (i + 1 < u);     // insert the word's
        if (transposable) {                       // D[i-1][j-2], from column 0 = i - 1 for j == 2
          v |= ((grandparent->row[e - 1] << 2) | (uint64_t{i <= u} << 1)) & transposable;
        }
      }
      v &= full;
      out[e] = v;
      if (row_min > e && (v != 0 || i + 1 <= u)) row_min = static_cast<uint8_t>(e);
      if (final > e && (v & last)) final = static_cast<uint8_t>(e);
    }
    return out;
  }

  // Works out the children of levels[i] (see "Child skip").
  void plan(std::vector<Level>& levels, std::size_t i, int bound) const {
    Level& level = levels[i];
    const Level* grandparent = i >= 1 ? &levels[i - 1] : nullptr;
    level.planned = true;
    level.skip = false;
    level.special = 0;
    if (word.ill_formed()) return;
    uint8_t generic_min = 0;
    uint8_t generic_final = 0;
    const Row generic = child(level, grandparent, i, 0, generic_min, generic_final);
    generic_final = std::min(level.best_final, generic_final);
    if (!cut(bound, generic_min, generic_final)) return;
    // A code point gets the generic row unless its match (or transposition) term sets a bit
    // the generic row lacks (by induction over e); only those are scored.
    uint64_t differs = 0;
    for (int e = 0; e <= max_distance; ++e) {
      const auto u = static_cast<std::size_t>(e);
      differs |= ((level.row[e] << 1) | (i <= u)) & ~generic[e];
      if (e > 0 && grandparent) {
        const uint64_t swapped =
            ((grandparent->row[e - 1] << 2) | (uint64_t{i <= u} << 1)) & level.cp_mask;
        differs |= (swapped & ~generic[e]) >> 1;
      }
    }
    for (std::size_t k = 0; k < word.distinct(); ++k) {
      if ((word.mask_at(k) & differs) == 0) continue;
      uint8_t own_min = 0;
      uint8_t own_final = 0;
      const Row own = child(level, grandparent, i, word.mask_at(k), own_min, own_final);
      own_final = std::min(level.best_final, own_final);
      const bool like_generic =
          own == generic ||
          (cut(bound, own_min, own_final) &&
           (!prefix || own_final == generic_final || (own_final > bound && generic_final > bound)));
      if (!like_generic) level.special |= uint64_t{1} << k;
    }
    level.skip = true;
    level.generic_final = generic_final;
  }
};

// The word is too long for the DP rows: exact matches only (terms starting with the word in
// prefix mode), all at distance 0.
std::vector<FuzzyMatch> exact_terms(std::span<const std::string> dictionary, std::string_view word,
                                    const FuzzyOptions& options) {
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

namespace {

// The levels of a walk over a dictionary of `terms` terms, the root's DP row
// set (D[0][j] = j: columns 1..e are <= e). Pushed levels are not cut, so
// row_min <= max_distance and depth <= m + max_distance.
std::vector<Level> start_levels(const Word& w, int max_distance, std::size_t terms) {
  const std::size_t m = w.size();
  std::vector<Level> levels(m + max_distance + 2);
  Level& root = levels[0];
  for (int e = 0; e <= max_distance; ++e) {
    root.row[e] = static_cast<std::size_t>(e) >= m ? w.full() : (uint64_t{1} << e) - 1;
  }
  root.best_final = static_cast<uint8_t>(std::min<std::size_t>(m, max_distance + 1));
  root.hi = terms;
  return levels;
}

}  // namespace

std::vector<FuzzyMatch> fuzzy_terms(std::span<const std::string> dictionary, std::string_view word,
                                    const FuzzyOptions& options) {
  if (word.empty() || options.max_results == 0) return {};
  Word w;
  if (!w.assign(word)) return exact_terms(dictionary, word, options);

  const int max_distance = std::min(options.max_distance, kMaxDistance);
  const Walk walk{w, max_distance, options.prefix};
  std::vector<Level> levels = start_levels(w, max_distance, dictionary.size());
  Level& root = levels[0];
  root.planned = w.ill_formed();  // planned, without skip

  Collector found(options.max_results, max_distance);
  std::size_t depth = 0;
  for (;;) {
    const int bound = found.bound();
    if (bound < 0) break;
    Level& level = levels[depth];
    if (level.cursor < level.hi && depth > 0 && walk.cut(bound, level.row_min, level.best_final)) {
      // Cut since it was entered (the bound fell): the rest of its terms at once.
      if (options.prefix && level.best_final <= bound) {
        found.add(level.cursor, level.hi, level.best_final);
      }
      level.cursor = level.hi;
    }
    if (level.cursor >= level.hi) {
      if (depth == 0) break;
      --depth;
      continue;
    }
    const std::size_t t = level.cursor;
    const std::string& term = dictionary[t];
    if (term.size() <= level.end) {
      // The prefix itself (only first in the range, with a sorted dictionary).
      const uint8_t d = options.prefix ? level.best_final : walk.final_cell(level);
      if (d <= bound) found.add(t, t + 1, d);
      ++level.cursor;
      continue;
    }

    const text::Decoded c = decode(term, level.end);
    if (!level.planned) walk.plan(levels, depth, bound);
    if (level.skip && c.cp != text::kReplacement) {
      const std::size_t k = w.index(c.cp);
      if (!w.holds(k, c.cp) || !(level.special >> k & 1)) {
        // Cut like every child up to the next special one: jump there, or past the range.
        const uint64_t ahead = k < 64 ? level.special >> k << k : 0;
        std::size_t next = level.hi;
        if (ahead != 0) {
          const std::string& key = w.utf8_at(static_cast<std::size_t>(std::countr_zero(ahead)));
          next = run_end(dictionary, t, level.hi,
                         [&](const std::string& s) { return compare_at(s, level.end, key) < 0; });
        }
        if (options.prefix && level.generic_final <= bound) {
          found.add(t, next, level.generic_final);
        }
        level.cursor = next;
        continue;
      }
    }

    // The child: its range, then its row.
    std::size_t hi = t + 1;
    if (c.cp != text::kReplacement) {
      const std::string_view own = std::string_view(term).substr(level.end, c.size);
      hi = run_end(dictionary, t, level.hi,
                   [&](const std::string& s) { return compare_at(s, level.end, own) == 0; });
    }
    level.cursor = hi;
    Level& child = levels[depth + 1];
    const uint64_t mc = w.mask(c.cp);
    uint8_t row_min = 0;
    uint8_t final = 0;
    child.row =
        walk.child(level, depth >= 1 ? &levels[depth - 1] : nullptr, depth, mc, row_min, final);
    child.cp = c.cp;
    child.cp_mask = mc;
    child.row_min = row_min;
    child.best_final = std::min(level.best_final, final);
    child.end = level.end + c.size;
    child.hi = hi;
    child.cursor = t;
    child.planned = w.ill_formed();
    if (walk.cut(bound, child.row_min, child.best_final)) {
      if (options.prefix && child.best_final <= bound) found.add(t, hi, child.best_final);
      continue;
    }
    ++depth;
  }
  return found.take();
}

}  // namespace osprey::query
