#include "index/index.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_map>

#include "core/parse_double.hpp"
#include "text/utf8.hpp"

namespace osprey {
std::optional<float> parse_boost(const std::optional<std::string>& value) {
  if (!value || value->empty()) return std::nullopt;
  const std::string_view text = value->c_str();  // as strtod reads it: up to a NUL
  const ParsedDouble parsed = parse_double(text);
  const double x = parsed.value;
  // 0, or in range: a denormal (1e-320) would zero the score as 0 does, unasked.
  if (parsed.length != text.size() || !(x == 0 || (x >= kMinBoost && x <= kMaxBoost)))
    return std::nullopt;
  return static_cast<float>(x);
}

void TermPostings::set(std::size_t t, PostingList list) {
  if (slot_.empty()) slot_.assign(size_, 0);
  uint32_t& s = slot_[t];
  if (s != 0) {
    lists_[s - 1] = std::move(list);
    return;
  }
  lists_.push_back(std::move(list));
  s = static_cast<uint32_t>(lists_.size());
}

void Index::finalize() {
  const std::size_t nf = schema.fields.size();
  if (field_total.empty()) {
    field_total.assign(nf, 0);
    for (std::size_t f = 0; f < field_length.size(); ++f) {
      for (uint32_t len : field_length[f]) field_total[f] += len;
    }
  }
  if (grouped() && section_total.empty()) {
    section_total.assign(nf, 0);
    for (std::size_t f = 0; f < field_length.size(); ++f) {
      for (uint32_t d = 0; d < field_length[f].size(); ++d) {
        if (section[d]) section_total[f] += field_length[f][d];
      }
    }
  }
  // Per kind, so that short section records do not make pages look long.
  avg_field_length.assign(nf, 0.0);
  avg_section_length.clear();
  const uint32_t pages = page_record_count();
  for (std::size_t f = 0; f < field_total.size(); ++f) {
    const uint64_t in_sections = grouped() ? section_total[f] : 0;
    if (pages > 0) avg_field_length[f] = double(field_total[f] - in_sections) / double(pages);
  }
  if (grouped()) {
    avg_section_length.assign(nf, 0.0);
    for (std::size_t f = 0; f < nf && section_count > 0; ++f) {
      avg_section_length[f] = double(section_total[f]) / double(section_count);
    }
  }
  // Boost values that are missing or not a finite number >= 0 count as 1 (the
  // builder reports them).
  boost.assign(doc_count, 1.0f);
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (!schema.fields[f].boost) continue;
    for (uint32_t d = 0; d < doc_count && d < stored[f].size(); ++d) {
      if (auto b = parse_boost(stored[f][d])) boost[d] *= *b;
    }
  }
}

namespace {

// page_of, section and section_count from the stored id and group values.
void derive_pages(Index& index) {
  const int g = index.schema.group_field();
  index.page_of.clear();
  index.section.clear();
  index.section_count = 0;
  index.section_total.clear();
  if (g < 0) return;
  const auto& group = index.stored[g];
  const auto& id = index.stored[index.schema.find(index.schema.id_field)];
  const uint32_t n = index.doc_count;
  index.page_of.resize(n);
  index.section.assign(n, 0);
  // Per group value: its own record (the id equal to it), else its first.
  std::unordered_map<std::string_view, uint32_t> first, own;
  for (uint32_t d = 0; d < n; ++d) {
    if (!group[d]) continue;
    first.try_emplace(*group[d], d);
    if (id[d] && *id[d] == *group[d]) own.try_emplace(*group[d], d);
  }
  for (uint32_t d = 0; d < n; ++d) {
    index.page_of[d] = d;
    if (!group[d]) continue;
    auto it = own.find(*group[d]);
    index.page_of[d] = it != own.end() ? it->second : first.at(*group[d]);
    index.section[d] = !(id[d] && *id[d] == *group[d]);
    index.section_count += index.section[d];
  }
}

}  // namespace

void Index::finalize_whole() {
  derive_pages(*this);
  if (df.empty()) {
    df.reserve(postings.size());
    for (std::size_t t = 0; t < postings.size(); ++t) {
      df.push_back(static_cast<uint32_t>(postings[t].docs.size()));
    }
  }
  stem_term_begin.assign(stems.size() + 1, 0);
  for (uint32_t s : term_stem) ++stem_term_begin[s + 1];
  for (std::size_t i = 1; i < stem_term_begin.size(); ++i) {
    stem_term_begin[i] += stem_term_begin[i - 1];
  }
  stem_terms.assign(terms.size(), 0);
  std::vector<uint32_t> fill(stem_term_begin.begin(), stem_term_begin.end() - 1);
  for (uint32_t t = 0; t < term_stem.size(); ++t) stem_terms[fill[term_stem[t]]++] = t;

  const auto nterms = static_cast<uint32_t>(terms.size());
  std::vector<std::string> reversed(nterms);
  for (uint32_t t = 0; t < nterms; ++t) reversed[t] = reverse_code_points(terms[t]);
  rev_term.resize(nterms);
  std::iota(rev_term.begin(), rev_term.end(), 0);
  std::sort(rev_term.begin(), rev_term.end(),
            [&](uint32_t a, uint32_t b) { return reversed[a] < reversed[b]; });
  rev_terms.clear();
  rev_terms.reserve(nterms);
  for (uint32_t t : rev_term) rev_terms.push_back(std::move(reversed[t]));

  layout.postings_begin = {0, nterms};
  layout.postings_loaded = {1};
  layout.stored_begin = {0, doc_count};
  layout.stored_loaded = {1};
  layout.lengths_begin = {0, doc_count};
  layout.lengths_loaded = {1};
  if (nterms > 0) {
    const auto nstems = static_cast<uint32_t>(stems.size());
    layout.dict_first = {terms[0]};
    layout.dict_begin = {0, nterms};
    layout.stem_begin = {0, nstems};
    layout.link_begin = {0, nterms};
    layout.dict_loaded = {1};
    layout.rev_first = {rev_terms[0]};
    layout.rev_begin = {0, nterms};
    layout.rev_loaded = {1};
  }
  finalize();
}

namespace {
uint32_t part_of(const std::vector<uint32_t>& begin, uint32_t id) {
  auto it = std::upper_bound(begin.begin(), begin.end() - 1, id);
  return static_cast<uint32_t>(it - begin.begin()) - 1;
}
}  // namespace

uint32_t Index::postings_part(uint32_t term) const {
  return part_of(layout.postings_begin, term);
}
uint32_t Index::stored_part(uint32_t doc) const {
  return part_of(layout.stored_begin, doc);
}
uint32_t Index::lengths_part(uint32_t doc) const {
  return part_of(layout.lengths_begin, doc);
}
std::string part_file_name(std::string_view prefix, PartRef part) {
  static constexpr char kLetter[] = {'d', 'r', 'p', 's', 'l', 't'};  // by PartKind
  std::string name(prefix);
  name += kLetter[static_cast<int>(part.kind)];
  name += std::to_string(part.k);
  return name;
}

const TextShare* Index::shared_text(uint32_t doc, uint32_t field) const {
  const auto it = std::lower_bound(text_share.begin(), text_share.end(), std::pair(doc, field),
                                   [](const TextShare& s, std::pair<uint32_t, uint32_t> x) {
                                     return std::pair(s.doc, s.field) < x;
                                   });
  return it != text_share.end() && it->doc == doc && it->field == field ? &*it : nullptr;
}

std::pair<uint32_t, uint32_t> Index::text_parts(uint32_t doc, uint32_t field, uint32_t from,
                                                uint32_t to) const {
  const std::vector<TextKey>& first = layout.text_first;
  if (const TextShare* s = shared_text(doc, field)) {
    // The page's positions from..to of the value, within the value when its
    // length is known.
    const uint32_t length = field_length[field][doc];
    if (length != kUnknownLength && length > 0) to = std::min(to, length - 1);
    const auto at = [&](uint32_t p) {
      return static_cast<uint32_t>(std::min<uint64_t>(uint64_t{s->position} + p, UINT32_MAX));
    };
    return text_parts(page_of[doc], field, at(std::min(from, to)), at(to));
  }
  // Part k holds keys [first[k], first[k + 1]): the last part starting at or
  // before a key holds it.
  const auto holding = [&](TextKey key) {
    return static_cast<uint32_t>(std::upper_bound(first.begin(), first.end(), key) - first.begin());
  };
  const uint32_t end = holding({doc, field, to});
  uint32_t begin = holding({doc, field, from});
  begin = begin == 0 ? 0 : begin - 1;
  return {begin, std::max(begin, end)};
}

bool Index::text_ready(uint32_t doc, uint32_t field, uint32_t from, uint32_t to,
                       Needs* needs) const {
  if (stored[field][doc]) return true;
  const auto [begin, end] = text_parts(doc, field, from, to);
  bool ready = true;
  for (uint32_t k = begin; k < end; ++k) {
    if (layout.text_loaded[k]) continue;
    ready = false;
    if (needs) add_need(*needs, {PartKind::kText, k});
  }
  return ready;
}

[[gnu::noinline]] std::optional<TextSlice> Index::text_slice(uint32_t doc, uint32_t field,
                                                             uint32_t from, uint32_t to) const {
  if (const auto& whole = stored[field][doc]) {
    return TextSlice{*whole, 0, 0, 0, true, true};
  }
  const TextShare* share = shared_text(doc, field);
  const auto [begin, end] = text_parts(doc, field, from, to);
  if (!share) {
    std::optional<TextSlice> out;
    for (uint32_t k = begin; k < end && layout.text_loaded[k]; ++k) {
      for (const TextPiece& p : text_pieces[k]) {
        if (p.key.doc != doc || p.key.field != field) continue;
        if (!out) {
          out = TextSlice{{}, p.key.position, p.offset, p.offset16, p.offset == 0, false};
        } else if (out->ends || p.offset != out->offset + out->text.size()) {
          return out;  // not contiguous: what joins so far
        }
        out->text += p.text;
        out->ends = p.ends;
      }
    }
    return out;
  }
  // A shared value: its page's pieces from the one holding position `from`
  // (one of the value's: a piece starts where the value does), its offsets
  // taken from the value's start (TextPiece::section), cut at its end
  // (TextPiece::section_end).
  const uint32_t page = page_of[doc];
  const uint64_t at = uint64_t{share->position} + std::min(from, to);
  std::optional<TextSlice> out;
  uint32_t value_at = 0;  // the value's byte offset in the page's value
  for (uint32_t k = begin; k < end && layout.text_loaded[k]; ++k) {
    for (const TextPiece& p : text_pieces[k]) {
      if (p.key.doc != page || p.key.field != field || p.key.position < share->position) continue;
      if (p.key.position <= at || !out) {
        if (p.key.position == share->position && p.section != p.offset) return std::nullopt;
        out = TextSlice{{},
                        p.key.position - share->position,
                        p.offset - p.section,
                        p.offset16 - p.section16,
                        p.key.position == share->position,
                        false};
        value_at = p.section;
      } else if (out->ends || p.section != value_at ||
                 p.offset != value_at + out->offset + out->text.size()) {
        return out;  // not contiguous: what joins so far
      }
      out->text += p.text;
      if (p.section_end > 0) {  // the value ends in this piece
        const uint64_t value_end = uint64_t{p.offset} - p.section + p.section_end;
        if (value_end < out->offset) return std::nullopt;
        out->text.resize(std::min<uint64_t>(value_end - out->offset, out->text.size()));
        out->ends = true;
      }
    }
  }
  return out;
}

std::string Index::part_name(PartRef part) const {
  return part_file_name(layout.part_prefix, part);
}

std::vector<std::string> Index::part_names(const Needs& parts) const {
  std::vector<std::string> out;
  out.reserve(parts.size());
  for (const PartRef& part : parts) out.push_back(part_name(part));
  return out;
}

namespace {

// The block of a sorted sequence split at firsts that may hold s: the last
// whose first item is <= s, or 0. Requires firsts non-empty.
uint32_t block_of(const std::vector<std::string>& firsts, std::string_view s) {
  auto it = std::upper_bound(
      firsts.begin(), firsts.end(), s,
      [](std::string_view a, const std::string& b) { return a < std::string_view(b); });
  return it == firsts.begin() ? 0 : static_cast<uint32_t>(it - firsts.begin()) - 1;
}

// Items [first, last) of a sorted sequence split into blocks (begin, firsts,
// loaded) that start with prefix, if at most max_items; missing blocks (parts
// of kind) are added to needs and leave the range empty. The block starts
// bound the count before any block loads: the range holds every item of the
// blocks strictly between the first and the last that may hold such items,
// and none outside those blocks. So a range surely over max_items needs no
// block, and one surely within it names all its blocks at once (one round).
// When the bounds straddle max_items, the count is known only once the two
// end blocks load: a range that likely fits (its middle blocks and half of
// its end blocks' items within max_items) still names all its blocks at once,
// since loading the ends first costs a round trip before those between; one
// that likely does not loads its end blocks first and, within the cap, those
// between a round later, so that a range over the cap does not load its
// middle blocks for nothing. Which blocks are named depends only on the index
// and the prefix, never on what is loaded.
TermRange sorted_prefix_range(const std::vector<std::string>& items,
                              const std::vector<uint32_t>& begin,
                              const std::vector<std::string>& firsts,
                              const std::vector<uint8_t>& loaded, std::string_view prefix,
                              std::size_t max_items, Needs* needs, PartKind kind) {
  if (firsts.empty()) return {};
  // Blocks [b0, b1) may hold such items: the one prefix would be in, and the
  // following ones that start with it.
  const uint32_t b0 = block_of(firsts, prefix);
  uint32_t b1 = b0 + 1;
  while (b1 < firsts.size() && std::string_view(firsts[b1]).starts_with(prefix)) ++b1;
  auto ready = [&](uint32_t from, uint32_t to) {
    bool all = true;
    for (uint32_t b = from; b < to; ++b) {
      if (loaded[b]) continue;
      all = false;
      if (needs) add_need(*needs, {kind, b});
    }
    return all;
  };
  const uint64_t surely_in = b1 - 1 > b0 ? begin[b1 - 1] - begin[b0 + 1] : 0;
  if (surely_in > max_items) return {.over = true};
  const uint64_t ends = uint64_t{begin[b1]} - begin[b0] - surely_in;
  if (surely_in + ends / 2 <= max_items) {
    if (!ready(b0, b1)) return {};
  } else {
    const bool first_ready = ready(b0, b0 + 1);
    if (!(ready(b1 - 1, b1) && first_ready)) return {};
  }
  const auto starts = [&](const std::string& t) { return std::string_view(t).starts_with(prefix); };
  const auto first = std::lower_bound(
      items.begin() + begin[b0], items.begin() + begin[b0 + 1], prefix,
      [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
  const auto last_block = items.begin() + begin[b1 - 1];
  const auto last =
      std::partition_point(b1 - 1 == b0 ? first : last_block, items.begin() + begin[b1], starts);
  TermRange range{static_cast<uint32_t>(first - items.begin()),
                  static_cast<uint32_t>(last - items.begin())};
  if (range.last - range.first > max_items) return {.over = true};
  if (!ready(b0 + 1, b1 - 1)) return {};
  return range;
}

}  // namespace

Needs Index::missing_parts() const {
  Needs out;
  const std::pair<PartKind, const std::vector<uint8_t>*> kinds[] = {
      {PartKind::kDictionary, &layout.dict_loaded}, {PartKind::kReverse, &layout.rev_loaded},
      {PartKind::kLengths, &layout.lengths_loaded}, {PartKind::kPostings, &layout.postings_loaded},
      {PartKind::kStored, &layout.stored_loaded},   {PartKind::kText, &layout.text_loaded}};
  for (const auto& [kind, loaded] : kinds) {
    for (uint32_t k = 0; k < loaded->size(); ++k) {
      if (!(*loaded)[k]) out.push_back({kind, k});
    }
  }
  return out;
}

std::size_t Index::part_count() const {
  return layout.dict_loaded.size() + layout.rev_loaded.size() + layout.postings_loaded.size() +
         layout.stored_loaded.size() + layout.lengths_loaded.size() + layout.text_loaded.size();
}

bool Index::need_lengths(Needs* needs) const {
  bool all = true;
  for (uint32_t k = 0; k < layout.lengths_loaded.size(); ++k) {
    if (layout.lengths_loaded[k]) continue;
    all = false;
    if (needs) add_need(*needs, {PartKind::kLengths, k});
  }
  return all;
}

const PrefixHint* Index::prefix_hint(std::string_view word) const {
  const auto it = std::lower_bound(
      prefix_hints.begin(), prefix_hints.end(), word,
      [](const PrefixHint& h, std::string_view w) { return std::string_view(h.prefix) < w; });
  return it != prefix_hints.end() && it->prefix == word ? &*it : nullptr;
}

bool Index::is_stop_word(std::string_view folded_term) const {
  return std::binary_search(stop_words.begin(), stop_words.end(), folded_term);
}

bool Index::need_term(uint32_t term, Needs* needs) const {
  if (term_known(term)) return true;
  if (needs) add_need(*needs, {PartKind::kDictionary, part_of(layout.dict_begin, term)});
  return false;
}

namespace {

// Index of s in items, whose dictionary block k holds [begin[k], begin[k+1]),
// or -1; while s's block is not loaded, -1 and the block added to needs.
int64_t find_in_block(const Index& index, const std::vector<std::string>& items,
                      const std::vector<uint32_t>& begin, std::string_view s, Needs* needs) {
  const Layout& layout = index.layout;
  if (layout.dict_first.empty()) return -1;
  const uint32_t b = block_of(layout.dict_first, s);
  if (!layout.dict_loaded[b]) {
    if (needs) add_need(*needs, {PartKind::kDictionary, b});
    return -1;
  }
  const auto lo = items.begin() + begin[b], hi = items.begin() + begin[b + 1];
  auto it = std::lower_bound(lo, hi, s);
  return it != hi && *it == s ? it - items.begin() : -1;
}

}  // namespace

int64_t Index::find_term(std::string_view term, Needs* needs) const {
  return find_in_block(*this, terms, layout.dict_begin, term, needs);
}

int64_t Index::find_stem(std::string_view stem, Needs* needs) const {
  return find_in_block(*this, stems, layout.stem_begin, stem, needs);
}

TermRange Index::prefix_range(std::string_view prefix, std::size_t max_terms, Needs* needs) const {
  return sorted_prefix_range(terms, layout.dict_begin, layout.dict_first, layout.dict_loaded,
                             prefix, max_terms, needs, PartKind::kDictionary);
}

TermRange Index::rev_prefix_range(std::string_view reversed_suffix, std::size_t max_terms,
                                  Needs* needs) const {
  return sorted_prefix_range(rev_terms, layout.rev_begin, layout.rev_first, layout.rev_loaded,
                             reversed_suffix, max_terms, needs, PartKind::kReverse);
}

void add_need(Needs& needs, PartRef part) {
  if (std::find(needs.begin(), needs.end(), part) == needs.end()) needs.push_back(part);
}

std::string reverse_code_points(std::string_view s) {
  std::string out(s.size(), '\0');
  std::size_t end = s.size();
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = text::decode_utf8(s, i).size;
    end -= n;
    std::memcpy(out.data() + end, s.data() + i, n);
    i += n;
  }
  return out;
}

}  // namespace osprey
