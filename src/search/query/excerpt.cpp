#include "query/excerpt.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>

#include "core/small_sort.hpp"
#include "text/tokenize.hpp"
#include "text/utf8.hpp"

namespace osprey::query {
namespace {

using Token = text::TokenList::Entry;
using text::TokenList;

// A byte range [begin, end) of the text.
struct Range {
  uint32_t begin;
  uint32_t end;
};

// Compounds of more parts are not kept whole at a window's edge, so a
// hyphenated chain cannot stretch an excerpt to the whole text.
constexpr std::size_t kMaxCompoundParts = 32;

// Folded term -> the query terms it stands for, renumbered densely from 0 (in
// the order they are first added) so per-window counters can be a plain vector
// whatever query_term values callers use. Keys view the callers' strings, which
// outlive the matcher. Sorted vectors, not hash maps: a query has few terms,
// and std::unordered_map's code was ~1 KB of the wasm's gzip size. A pointer
// that find returns holds until the next add.
class Matcher {
 public:
  Matcher() = default;
  explicit Matcher(const std::vector<MatchedTerm>& matched) {
    for (const MatchedTerm& m : matched) add(m.term, m.query_term);
  }

  void add(std::string_view term, uint32_t query_term) {
    const auto q = std::find(query_terms_.begin(), query_terms_.end(), query_term);
    const auto dense = static_cast<uint32_t>(q - query_terms_.begin());
    if (q == query_terms_.end()) query_terms_.push_back(query_term);
    const std::size_t at = position(term);
    if (at == terms_.size() || terms_[at].term != term) {
      terms_.insert(terms_.begin() + static_cast<std::ptrdiff_t>(at), Entry{term, {}});
    }
    std::vector<uint32_t>& ids = terms_[at].ids;
    if (std::find(ids.begin(), ids.end(), dense) == ids.end()) ids.push_back(dense);
    if (term.empty()) {
      empty_ = true;
    } else if (term.size() > 64) {
      long_ = true;
    } else {
      lengths_ |= uint64_t{1} << (term.size() - 1);
      const auto b = static_cast<unsigned char>(term[0]);
      first_bytes_[b >> 6] |= uint64_t{1} << (b & 63);
    }
  }

  /// The dense query-term ids of term, or null when it matches nothing.
  const std::vector<uint32_t>* find(std::string_view term) const {
    if (!maybe(term)) return nullptr;
    const std::size_t at = position(term);
    return at < terms_.size() && terms_[at].term == term ? &terms_[at].ids : nullptr;
  }

  std::size_t query_terms() const { return query_terms_.size(); }

 private:
  // False when term is certainly not a key: most tokens are not, and length
  // and first byte rule them out before a lookup.
  bool maybe(std::string_view term) const {
    if (term.empty()) return empty_;
    if (term.size() > 64) return long_;
    const auto b = static_cast<unsigned char>(term[0]);
    return (lengths_ >> (term.size() - 1) & 1) && (first_bytes_[b >> 6] >> (b & 63) & 1);
  }

  struct Entry {
    std::string_view term;
    std::vector<uint32_t> ids;  // dense query-term ids
  };

  // The place of term in terms_, or of the first entry above it.
  std::size_t position(std::string_view term) const {
    const auto it = std::lower_bound(terms_.begin(), terms_.end(), term,
                                     [](const Entry& e, std::string_view t) { return e.term < t; });
    return static_cast<std::size_t>(it - terms_.begin());
  }

  std::vector<uint32_t> query_terms_;      // by dense id: the caller's query_term
  std::vector<Entry> terms_;               // sorted by term, each once
  uint64_t lengths_ = 0;                   // bit n-1: a key of n bytes (1 <= n <= 64)
  std::array<uint64_t, 4> first_bytes_{};  // bit b: a key of 1..64 bytes starting with b
  bool empty_ = false;                     // an empty key
  bool long_ = false;                      // a key of more than 64 bytes
};

void push_segment(Excerpt& out, std::string_view text, uint32_t begin, uint32_t end, bool match) {
  if (begin >= end) return;
  // Cuts fall on decoder boundaries, so sanitizing piecewise equals
  // sanitizing the whole slice.
  out.segments.push_back({text::sanitize_utf8(text.substr(begin, end - begin)), match});
}

// Appends the segments of text[begin, end): the union of ranges (clipped to the
// slice; overlapping or touching ranges merge) as matches, the gaps as plain.
void segment(std::string_view text, uint32_t begin, uint32_t end, std::vector<Range>& ranges,
             Excerpt& out) {
  const auto by_begin = [](const Range& a, const Range& b) { return a.begin < b.begin; };
  // Tokens come sorted by begin already; sort only if that ever changes. (The
  // union below is the same whatever order ranges of one begin take.)
  if (!std::is_sorted(ranges.begin(), ranges.end(), by_begin)) {
    merge_sort(ranges, by_begin);
  }
  uint32_t at = begin;
  for (std::size_t i = 0; i < ranges.size();) {
    const uint32_t match_begin = std::max(ranges[i].begin, begin);
    uint32_t match_end = ranges[i].end;
    for (++i; i < ranges.size() && ranges[i].begin <= match_end; ++i) {
      match_end = std::max(match_end, ranges[i].end);
    }
    match_end = std::min(match_end, end);
    if (match_begin >= match_end) continue;  // outside the slice
    push_segment(out, text, at, match_begin, false);
    push_segment(out, text, match_begin, match_end, true);
    at = match_end;
  }
  push_segment(out, text, at, end, false);
}

// A token of the text that matches, and the dense query-term ids it stands for.
struct TokenMatch {
  uint32_t token;  // index into the tokens
  const std::vector<uint32_t>* query_terms;
};

// One text's tokens and matches, and buffers reused from text to text.
struct Buffers {
  TokenList tokens;
  std::vector<TokenMatch> matches;  // in token order
  std::vector<Range> ranges;
  std::vector<uint32_t> count;                      // per dense query term
  std::vector<PositionMatch> positions;             // the matches' positions
  text::Folding folding = text::Folding::kDefault;  // the index language's
};

// Tokenizes text into b.tokens (positions from first_position) and looks every
// token up once, into b.matches. Returns the position after the last token.
uint32_t scan(std::string_view text, const Matcher& matcher, Buffers& b,
              uint32_t first_position = 0) {
  b.tokens.clear();
  b.matches.clear();
  const uint32_t total = text::tokenize(text, b.tokens, first_position, b.folding);
  const std::vector<Token>& entries = b.tokens.entries();
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (const auto* q = matcher.find(b.tokens.term(entries[k]))) {
      b.matches.push_back({static_cast<uint32_t>(k), q});
    }
  }
  return total;
}

// b.ranges: the byte ranges of the matching tokens inside text[begin, end). A
// token reaching across the slice edge (a CJK bigram half outside) is left
// plain rather than highlighted in part.
void match_ranges(Buffers& b, uint32_t begin, uint32_t end) {
  b.ranges.clear();
  for (const TokenMatch& m : b.matches) {
    const Token& t = b.tokens.entries()[m.token];
    if (t.begin >= begin && t.end <= end) b.ranges.push_back({t.begin, t.end});
  }
}

// Whether tokens[k] is the whole token of a compound of more than
// kMaxCompoundParts parts. The tokenizer emits a whole right before its parts,
// the first part starting with it and the last ending with it.
bool long_compound(const std::vector<Token>& tokens, std::size_t k) {
  const Token& whole = tokens[k];
  if (k + 1 == tokens.size() || tokens[k + 1].begin != whole.begin ||
      tokens[k + 1].end >= whole.end) {
    return false;  // not a compound's whole
  }
  const std::size_t stop = std::min(tokens.size(), k + 1 + kMaxCompoundParts);
  for (std::size_t j = k + 1; j < stop; ++j) {
    if (tokens[j].end == whole.end) return false;
  }
  return true;
}

// The whole text, segmented; b holds its scan().
Excerpt whole_text(std::string_view text, Buffers& b) {
  Excerpt out;
  const auto end = static_cast<uint32_t>(text.size());
  match_ranges(b, 0, end);
  segment(text, 0, end, b.ranges, out);
  return out;
}

// The first word position of the chosen window of `words` positions, given
// total > words positions (best_window); b holds the text's scan().
uint32_t window_start(Buffers& b, const Matcher& matcher, uint32_t total, std::size_t words) {
  b.positions.clear();
  for (const TokenMatch& m : b.matches) {
    b.positions.push_back({b.tokens.entries()[m.token].position, m.query_terms});
  }
  return best_window(b.positions, matcher.query_terms(), total, words, b.count);
}

// The excerpt of text (excerpt() in the header), a slice of its value as
// where says.
Excerpt cut(std::string_view text, const Matcher& matcher, std::size_t words, Buffers& b,
            const SliceContext& where = {}) {
  words = std::max<std::size_t>(words, 1);
  const uint32_t after_last = scan(text, matcher, b, where.position);
  const bool sliced = where.before || where.after;
  if (b.tokens.empty() || (!sliced && after_last <= words)) {
    Excerpt out = whole_text(text, b);
    out.cut_start = where.before;
    out.cut_end = where.after;
    out.begin16 = where.offset16;
    return out;
  }
  // The value's positions: the slice's end, or past it when words follow.
  uint64_t total = where.after ? std::max(where.total, after_last + 1) : after_last;
  total = std::max<uint64_t>(total, words + 1);
  total = std::min<uint64_t>(total, std::numeric_limits<uint32_t>::max());

  uint32_t start = window_start(b, matcher, static_cast<uint32_t>(total), words);
  // A slice holds its window's matches but may end or start inside the
  // window around them (text_span.hpp: the text parts of the matches only):
  // the window is moved inside the slice, still holding them.
  if (where.after && uint64_t{start} + words > after_last) {
    start = after_last > words ? static_cast<uint32_t>(after_last - words) : 0;
  }
  if (where.before && start < where.position) start = where.position;
  const std::vector<Token>& tokens = b.tokens.entries();
  const uint64_t stop = uint64_t{start} + words;  // window: positions [start, stop)

  // Positions never decrease along the tokens; the window's tokens are [f, l).
  std::size_t f = 0;
  while (f + 1 < tokens.size() && tokens[f].position < start) ++f;
  std::size_t l = f + 1;
  while (l < tokens.size() && tokens[l].position < stop) ++l;

  uint32_t begin = tokens[f].begin;
  uint32_t end = begin;
  for (std::size_t k = f; k < l; ++k) {
    // A compound's whole token reaches over its parts past the window's end;
    // it is kept whole unless it is a long chain.
    if (tokens[k].end > end && !long_compound(tokens, k)) end = tokens[k].end;
  }
  // A window opening on a later part of a compound ("border" of
  // "cross-border") opens on the whole compound instead. The whole token
  // contains the part; an overlapping CJK bigram only covers its first char.
  for (std::size_t k = f; k > 0 && f - k < kMaxCompoundParts; --k) {
    const Token& t = tokens[k - 1];
    if (t.begin < tokens[f].begin && t.end >= tokens[f].end) begin = std::min(begin, t.begin);
  }
  const uint32_t text_end = tokens.back().end;  // the last token ends the last word

  Excerpt out;
  out.cut_start = begin > tokens.front().begin || where.before;
  out.cut_end = end < text_end || where.after;
  out.begin = begin;
  out.begin16 = where.offset16 + static_cast<uint32_t>(text::utf16_length(text.substr(0, begin)));
  match_ranges(b, begin, end);
  segment(text, begin, end, b.ranges, out);
  return out;
}

}  // namespace

struct Excerpter::State {
  Matcher matcher;
  Buffers buffers;  // reused across texts
};

Excerpter::Excerpter(text::Folding folding) : state_(std::make_unique<State>()) {
  state_->buffers.folding = folding;
}
Excerpter::~Excerpter() = default;

void Excerpter::add(std::string_view term, uint32_t query_term) {
  state_->matcher.add(term, query_term);
}

Excerpt Excerpter::highlight(std::string_view text) {
  scan(text, state_->matcher, state_->buffers);
  return whole_text(text, state_->buffers);
}

Excerpt Excerpter::excerpt(std::string_view text, std::size_t words) {
  return cut(text, state_->matcher, words, state_->buffers);
}

Excerpt Excerpter::excerpt(std::string_view text, std::size_t words, const SliceContext& where) {
  return cut(text, state_->matcher, words, state_->buffers, where);
}

uint32_t best_window(const std::vector<PositionMatch>& hits, std::size_t id_count, uint32_t total,
                     std::size_t words, std::vector<uint32_t>& count) {
  if (hits.empty()) return 0;
  const auto position = [&](std::size_t i) { return hits[i].position; };

  // Some best window starts at a hit (slide any window right until its first
  // hit opens it), so try the window opening at each hit; hits are in
  // position order, making this a two-pointer sweep.
  count.assign(id_count, 0);
  std::size_t distinct = 0;
  std::size_t best_distinct = 0;
  std::size_t best_matches = 0;
  uint32_t first = 0;
  uint32_t last = 0;
  std::size_t j = 0;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const uint64_t limit = uint64_t{position(i)} + words;
    for (; j < hits.size() && position(j) < limit; ++j) {
      for (uint32_t q : *hits[j].query_terms) distinct += count[q]++ == 0;
    }
    const std::size_t matches = j - i;  // >= 1: hit i itself
    if (distinct > best_distinct || (distinct == best_distinct && matches > best_matches)) {
      best_distinct = distinct;
      best_matches = matches;
      first = position(i);
      last = position(j - 1);
    }
    for (uint32_t q : *hits[i].query_terms) distinct -= --count[q] == 0;
  }

  // Center [first, last] so the match has context on both sides (an odd word
  // out goes before it, so a match opens the window only at the text start);
  // clamping keeps the window in the text and the span inside it (last < total).
  const std::size_t before = (words - (last - first + 1) + 1) / 2;
  uint64_t start = first > before ? first - before : 0;
  start = std::min<uint64_t>(start, total - words);
  return static_cast<uint32_t>(start);
}

Excerpt highlight(std::string_view text, const std::vector<MatchedTerm>& matched) {
  const Matcher matcher(matched);  // b.matches point into it
  Buffers b;
  scan(text, matcher, b);
  return whole_text(text, b);
}

Excerpt excerpt(std::string_view text, const std::vector<MatchedTerm>& matched, std::size_t words) {
  Buffers b;
  return cut(text, Matcher(matched), words, b);
}

}  // namespace osprey::query
