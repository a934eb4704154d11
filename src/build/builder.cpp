#include "build/builder.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "build/stop_words.hpp"
#include "core/quote.hpp"
#include "query/expand.hpp"
#include "text/analyzer.hpp"

namespace osprey {
namespace {

using nlohmann::json;

// The dictionary while building: term -> id (first-seen order), open
// addressing over the terms' hashes, the terms' bytes back to back.
class TermTable {
 public:
  TermTable() : slots_(1024, 0), mask_(1023) {}

  std::size_t size() const { return hashes_.size(); }
  std::string_view term(uint32_t id) const {
    return std::string_view(bytes_).substr(begin_[id], begin_[id + 1] - begin_[id]);
  }

  uint32_t find_or_add(uint64_t hash, std::string_view term) {
    // A slot holds the hash's high half and id + 1; 0 is empty.
    const uint64_t tag = hash & ~uint64_t{0xffffffff};
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) break;
      const uint32_t id = static_cast<uint32_t>(slot) - 1;
      if ((slot & ~uint64_t{0xffffffff}) == tag && this->term(id) == term) return id;
    }
    const uint32_t id = static_cast<uint32_t>(size());
    hashes_.push_back(hash);
    bytes_.append(term);
    begin_.push_back(static_cast<uint32_t>(bytes_.size()));
    if (size() * 2 > slots_.size()) {
      grow();
    } else {
      place(hash, id);
    }
    return id;
  }

 private:
  void place(uint64_t hash, uint32_t id) {
    std::size_t i = hash & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = (hash & ~uint64_t{0xffffffff}) | (uint64_t{id} + 1);
  }
  void grow() {
    slots_.assign(slots_.size() * 2, 0);
    mask_ = slots_.size() - 1;
    for (uint32_t id = 0; id < size(); ++id) place(hashes_[id], id);
  }

  std::string bytes_;
  std::vector<uint32_t> begin_{0};  // size()+1 offsets into bytes_
  std::vector<uint64_t> hashes_;    // by id
  std::vector<uint64_t> slots_;     // a power of two, at most half full
  std::size_t mask_;
};

// One token as added: its term and position; the document and field are
// those of the Run it belongs to.
struct Occurrence {
  uint32_t term;  // TermTable id; its rank in byte order once finish() sorts
  uint32_t position;
};
// The occurrences of one (document, field), up to end.
struct Run {
  uint32_t doc;
  uint32_t field;
  std::size_t end;
};
// An occurrence moved to its term's postings.
struct Placed {
  uint32_t doc;
  uint32_t position;
  uint32_t field;
};

// The posting list of one term from its occurrences, which are in (doc,
// field, position) order with positions non-decreasing; equal positions
// (a compound cut to the same term as its first part) count once.
PostingList postings_of(const Placed* first, const Placed* last) {
  std::size_t docs = 0, entries = 0;
  for (const Placed* o = first; o != last; ++o) {
    const bool new_doc = o == first || o[-1].doc != o->doc;
    docs += new_doc;
    entries += new_doc || o[-1].field != o->field;
  }
  PostingList p;
  p.docs.reserve(docs);
  p.entry_begin.reserve(docs + 1);
  p.entry_field.reserve(entries);
  p.pos_begin.reserve(entries + 1);
  p.positions.reserve(last - first);
  p.entry_begin.push_back(0);
  p.pos_begin.push_back(0);
  for (const Placed* o = first; o != last; ++o) {
    const bool new_doc = o == first || o[-1].doc != o->doc;
    if (new_doc) {
      p.docs.push_back(o->doc);
      p.entry_begin.push_back(p.entry_begin.back());
    }
    if (new_doc || o[-1].field != o->field) {
      p.entry_field.push_back(static_cast<uint8_t>(o->field));
      p.pos_begin.push_back(p.pos_begin.back());
      ++p.entry_begin.back();
    } else if (o[-1].position == o->position) {
      continue;
    }
    p.positions.push_back(o->position);
    ++p.pos_begin.back();
  }
  return p;
}

// The ids 0 ... n-1 ordered by the bytes of text(id) (ties by id). Each is
// keyed by its first 8 bytes as a big-endian number, so most comparisons
// compare two integers and only equal keys compare the strings.
template <typename Text>
std::vector<uint32_t> sorted_order(uint32_t n, Text text) {
  struct Keyed {
    uint64_t key;
    uint32_t id;
  };
  std::vector<Keyed> keyed(n);
  for (uint32_t id = 0; id < n; ++id) {
    const std::string_view t = text(id);
    uint64_t key = 0;
    for (std::size_t i = 0; i < 8; ++i) {
      key = key << 8 | (i < t.size() ? static_cast<uint8_t>(t[i]) : 0u);
    }
    keyed[id] = {key, id};
  }
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.key != b.key) return a.key < b.key;
    const int c = text(a.id).compare(text(b.id));
    return c != 0 ? c < 0 : a.id < b.id;
  });
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = keyed[i].id;
  return order;
}

}  // namespace

struct IndexBuilder::State {
  Schema schema;
  uint32_t doc_count = 0;
  TermTable terms;
  // By term id: the greatest (in byte order) marked word seen for the term,
  // which its stem is taken from (text::stem_word); empty: none seen. The
  // greatest, so the stem does not depend on the order records are added.
  std::vector<std::string> marked_words;
  std::vector<Occurrence> occurrences;  // in the order added
  std::vector<Run> runs;
  std::vector<std::vector<uint32_t>> field_length;
  std::vector<std::vector<std::optional<std::string>>> stored;
  std::vector<std::unordered_map<std::string, uint32_t>> facet_value_ids;
  std::vector<std::vector<std::string>> facet_values;  // by first-seen id
  std::vector<std::vector<uint32_t>> facet_doc_begin;
  std::vector<std::vector<uint32_t>> facet_doc_values;
  std::unordered_set<std::string> ids;

  void add_facet(std::size_t f, const std::vector<std::string>& values) {
    std::vector<uint32_t>& doc_values = facet_doc_values[f];
    const std::size_t first = doc_values.size();
    for (const std::string& v : values) {
      auto [it, inserted] =
          facet_value_ids[f].try_emplace(v, static_cast<uint32_t>(facet_values[f].size()));
      if (inserted) facet_values[f].push_back(v);
      if (std::find(doc_values.begin() + first, doc_values.end(), it->second) == doc_values.end()) {
        doc_values.push_back(it->second);
      }
    }
    facet_doc_begin[f].push_back(static_cast<uint32_t>(doc_values.size()));
  }
};

IndexBuilder::IndexBuilder(Schema schema) : state_(std::make_unique<State>()) {
  State& s = *state_;
  const std::size_t n = schema.fields.size();
  s.schema = std::move(schema);
  s.field_length.resize(n);
  s.stored.resize(n);
  s.facet_value_ids.resize(n);
  s.facet_values.resize(n);
  s.facet_doc_begin.resize(n);
  s.facet_doc_values.resize(n);
  for (std::size_t f = 0; f < n; ++f) {
    if (s.schema.fields[f].facet) s.facet_doc_begin[f].push_back(0);
  }
}

IndexBuilder::~IndexBuilder() = default;
IndexBuilder::IndexBuilder(IndexBuilder&&) noexcept = default;
IndexBuilder& IndexBuilder::operator=(IndexBuilder&&) noexcept = default;

const Schema& IndexBuilder::schema() const {
  return state_->schema;
}

AddReport IndexBuilder::add(const json& record) {
  return add(analyze_record(state_->schema, record));
}

AddReport IndexBuilder::add(AnalyzedRecord r) {
  State& s = *state_;
  AddReport report;
  report.messages = std::move(r.messages);
  if (r.skip) return report;
  if (s.ids.count(r.id)) {
    report.messages.push_back("skipped: duplicate id " + quoted(r.id, 200));
    return report;
  }
  s.ids.insert(std::move(r.id));

  const uint32_t doc = s.doc_count++;
  const std::vector<FieldSpec>& fields = s.schema.fields;
  const std::vector<text::TokenList::Entry>& tokens = r.tokens.entries();
  auto marked = r.marked.begin();
  uint32_t k = 0;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const FieldSpec& spec = fields[f];
    if (spec.searchable()) {
      s.field_length[f].push_back(r.field_length[f]);
      if (k < r.tokens_end[f]) {
        for (; k < r.tokens_end[f]; ++k) {
          const uint32_t term = s.terms.find_or_add(r.hashes[k], r.tokens.term(tokens[k]));
          s.occurrences.push_back({term, tokens[k].position});
          if (marked != r.marked.end() && marked->first == k) {
            if (s.marked_words.size() <= term) s.marked_words.resize(term + 1);
            if (marked->second > s.marked_words[term]) s.marked_words[term] = marked->second;
            ++marked;
          }
        }
        s.runs.push_back({doc, static_cast<uint32_t>(f), s.occurrences.size()});
      }
    }
    if (spec.kept()) s.stored[f].push_back(std::move(r.kept[f]));
    if (spec.facet) s.add_facet(f, r.facet_values[f]);
  }
  report.messages.insert(report.messages.end(), std::make_move_iterator(r.late.begin()),
                         std::make_move_iterator(r.late.end()));
  report.indexed = true;
  return report;
}

Result<std::monostate> IndexBuilder::check_limits() const {
  if (Result<std::monostate> fits = check_doc_count(state_->doc_count); !fits.ok()) return fits;
  return check_term_count(state_->terms.size());
}

Index IndexBuilder::finish() {
  State& s = *state_;
  Index index;
  index.schema = s.schema;
  index.doc_count = s.doc_count;
  index.stop_words = stop_words_for(index.schema.language);

  // Terms sorted by bytes; a term's id becomes its rank.
  const uint32_t nterms = static_cast<uint32_t>(s.terms.size());
  const std::vector<uint32_t> order =
      sorted_order(nterms, [&](uint32_t id) { return s.terms.term(id); });
  std::vector<uint32_t> rank(nterms);
  index.terms.reserve(nterms);
  for (uint32_t r = 0; r < nterms; ++r) {
    rank[order[r]] = r;
    index.terms.emplace_back(s.terms.term(order[r]));
  }
  s.terms = TermTable();

  // Postings: occurrences counted by term, then placed in term order (a
  // stable counting sort, so each term's stay in (doc, field, position) order).
  std::vector<std::size_t> begin(nterms + 1, 0);
  for (Occurrence& o : s.occurrences) {
    o.term = rank[o.term];
    ++begin[o.term + 1];
  }
  std::partial_sum(begin.begin(), begin.end(), begin.begin());
  {
    std::vector<Placed> placed(s.occurrences.size());
    std::vector<std::size_t> fill(begin.begin(), begin.end() - 1);
    std::size_t k = 0;
    for (const Run& run : s.runs) {
      for (; k < run.end; ++k) {
        const Occurrence& o = s.occurrences[k];
        placed[fill[o.term]++] = {run.doc, o.position, run.field};
      }
    }
    s.occurrences = {};
    s.runs = {};
    index.postings.reserve(nterms);
    for (uint32_t t = 0; t < nterms; ++t) {
      index.postings.push_back(postings_of(placed.data() + begin[t], placed.data() + begin[t + 1]));
    }
  }

  // Stems, computed once per distinct term, numbered in byte order.
  std::vector<std::string> term_stems;
  term_stems.reserve(nterms);
  for (uint32_t r = 0; r < nterms; ++r) {
    const std::string& t = index.terms[r];
    const uint32_t id = order[r];
    const bool marked = id < s.marked_words.size() && !s.marked_words[id].empty();
    term_stems.push_back(marked ? text::stem_word(t, s.marked_words[id], index.schema.language)
                                : text::stem_term(t, index.schema.language));
  }
  s.marked_words = {};
  index.term_stem.assign(nterms, 0);
  for (uint32_t t :
       sorted_order(nterms, [&](uint32_t id) { return std::string_view(term_stems[id]); })) {
    if (index.stems.empty() || index.stems.back() != term_stems[t]) {
      index.stems.push_back(std::move(term_stems[t]));
    }
    index.term_stem[t] = static_cast<uint32_t>(index.stems.size() - 1);
  }

  index.field_length = std::move(s.field_length);
  index.stored = std::move(s.stored);

  // Facet values sorted; value ids renumbered and sorted within each document.
  index.facets.resize(s.schema.fields.size());
  for (std::size_t f = 0; f < s.schema.fields.size(); ++f) {
    if (!s.schema.fields[f].facet) continue;
    FacetColumn& col = index.facets[f];
    const std::vector<std::string>& seen = s.facet_values[f];
    std::vector<uint32_t> by_rank(seen.size());
    std::iota(by_rank.begin(), by_rank.end(), 0u);
    std::sort(by_rank.begin(), by_rank.end(),
              [&](uint32_t a, uint32_t b) { return seen[a] < seen[b]; });
    std::vector<uint32_t> rank_of(seen.size());
    for (uint32_t r = 0; r < by_rank.size(); ++r) {
      rank_of[by_rank[r]] = r;
      col.values.push_back(seen[by_rank[r]]);
    }
    col.doc_begin = std::move(s.facet_doc_begin[f]);
    col.value_ids = std::move(s.facet_doc_values[f]);
    for (uint32_t& v : col.value_ids) v = rank_of[v];
    for (std::size_t d = 0; d + 1 < col.doc_begin.size(); ++d) {
      std::sort(col.value_ids.begin() + col.doc_begin[d],
                col.value_ids.begin() + col.doc_begin[d + 1]);
    }
  }
  index.finalize_whole();
  index.prefix_hints = query::completion_hints(index);
  *state_ = State();
  return index;
}

}  // namespace osprey
