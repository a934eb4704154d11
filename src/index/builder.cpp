#include "index/builder.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "text/analyzer.hpp"

namespace osprey {
namespace {

using nlohmann::json;

// Values of one record field as strings; arrays give one value per element.
// Returns false (and leaves out the offending part) for objects and nested arrays.
bool collect_values(const json& v, std::vector<std::string>& out, bool nested = false) {
  switch (v.type()) {
    case json::value_t::string:
      out.push_back(v.get<std::string>());
      return true;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
    case json::value_t::boolean:
      out.push_back(v.dump());
      return true;
    case json::value_t::null:
      return true;
    case json::value_t::array: {
      if (nested) return false;
      bool ok = true;
      for (const json& e : v) ok = collect_values(e, out, true) && ok;
      return ok;
    }
    default:
      return false;
  }
}

// The year of an ISO 8601 date ("2021-09-30", "2021"): its 4 leading digits,
// when followed by nothing or '-'.
std::optional<std::string> iso_year(std::string_view date) {
  if (date.size() < 4) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
  }
  if (date.size() > 4 && date[4] != '-') return std::nullopt;
  return std::string(date.substr(0, 4));
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

}  // namespace

struct IndexBuilder::State {
  Schema schema;
  uint32_t doc_count = 0;
  std::unordered_map<std::string, uint32_t> term_ids;
  std::vector<std::string> terms;  // by id, first-seen order
  // Per term id. Docs arrive ascending, fields ascending within a doc and
  // positions ascending within a field, so lists are appended in final order.
  std::vector<PostingList> postings;
  std::vector<std::vector<uint32_t>> field_length;
  std::vector<std::vector<std::optional<std::string>>> stored;
  std::vector<std::unordered_map<std::string, uint32_t>> facet_value_ids;
  std::vector<std::vector<std::string>> facet_values;  // by first-seen id
  std::vector<std::vector<uint32_t>> facet_doc_begin;
  std::vector<std::vector<uint32_t>> facet_doc_values;
  std::unordered_set<std::string> ids;
  std::vector<text::Token> tokens;  // scratch

  void index_field(uint32_t doc, uint8_t field, const std::vector<std::string>& values) {
    tokens.clear();
    uint32_t next = 0;
    for (const std::string& v : values) {
      // A gap of one position keeps phrases from matching across values.
      const uint32_t end = text::tokenize(v, tokens, next);
      if (end > next) next = end + 1;
    }
    field_length[field].push_back(next == 0 ? 0 : next - 1);
    for (const text::Token& tok : tokens) {
      auto [it, inserted] = term_ids.try_emplace(tok.term, static_cast<uint32_t>(terms.size()));
      if (inserted) {
        terms.push_back(tok.term);
        postings.emplace_back();
      }
      PostingList& p = postings[it->second];
      if (p.docs.empty() || p.docs.back() != doc) {
        if (p.docs.empty()) p.entry_begin.push_back(0);
        p.docs.push_back(doc);
        p.entry_begin.push_back(p.entry_begin.back());
      }
      if (p.entry_begin.back() == p.entry_begin[p.entry_begin.size() - 2] ||
          p.entry_field.back() != field) {
        if (p.pos_begin.empty()) p.pos_begin.push_back(0);
        p.entry_field.push_back(field);
        p.pos_begin.push_back(p.pos_begin.back());
        ++p.entry_begin.back();
      }
      // Tokens come in position order; equal positions of one term collapse.
      if (p.pos_begin.back() > p.pos_begin[p.pos_begin.size() - 2] &&
          p.positions.back() == tok.position) {
        continue;
      }
      p.positions.push_back(tok.position);
      ++p.pos_begin.back();
    }
  }

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

AddReport IndexBuilder::add(const json& record) {
  State& s = *state_;
  AddReport report;
  if (!record.is_object()) {
    report.messages.push_back(std::string("skipped: a record must be a JSON object, not ") +
                              record.type_name());
    return report;
  }
  const std::vector<FieldSpec>& fields = s.schema.fields;

  // Read every field's values first, so a record is skipped before it touches
  // the index.
  std::vector<std::vector<std::string>> values(fields.size());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const FieldSpec& spec = fields[f];
    auto it = record.find(spec.source);
    if (it == record.end()) continue;
    if (!collect_values(*it, values[f])) {
      report.messages.push_back("field \"" + spec.source +
                                "\": objects and nested arrays are not indexed, ignored");
    }
    if (spec.transform == Transform::kYear) {
      std::vector<std::string> years;
      for (const std::string& v : values[f]) {
        if (auto y = iso_year(v)) {
          years.push_back(*y);
        } else {
          report.messages.push_back("field \"" + spec.name + "\": \"" + v.substr(0, 40) +
                                    "\" is not an ISO 8601 date, no year taken");
        }
      }
      values[f] = std::move(years);
    }
  }
  const int id_field = s.schema.find(s.schema.id_field);
  const std::vector<std::string>& id_values = values[id_field];
  if (id_values.empty() || id_values.front().empty()) {
    report.messages.push_back("skipped: no \"" + fields[id_field].source + "\" (the id field)");
    return report;
  }
  const std::string id = join(id_values);
  if (!s.ids.insert(id).second) {
    report.messages.push_back("skipped: duplicate id \"" + id.substr(0, 200) + "\"");
    return report;
  }

  const uint32_t doc = s.doc_count++;
  bool any_text = false;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const FieldSpec& spec = fields[f];
    if (spec.searchable()) {
      s.index_field(doc, static_cast<uint8_t>(f), values[f]);
      any_text = any_text || s.field_length[f].back() > 0;
    }
    if (spec.kept()) {
      s.stored[f].push_back(values[f].empty() ? std::nullopt
                                              : std::optional<std::string>(join(values[f])));
    }
    if (spec.facet) s.add_facet(f, values[f]);
    if (spec.boost && !values[f].empty() && !parse_boost(join(values[f]))) {
      report.messages.push_back("field \"" + spec.name + "\": \"" + join(values[f]).substr(0, 40) +
                                "\" is not a number between 0 and 1000000, boost 1 used");
    }
  }
  if (!any_text) report.messages.push_back("indexed, but it has no searchable text");
  report.indexed = true;
  return report;
}

Index IndexBuilder::finish() {
  State& s = *state_;
  Index index;
  index.schema = s.schema;
  index.doc_count = s.doc_count;

  // Terms sorted by bytes; postings follow their terms.
  std::vector<uint32_t> order(s.terms.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return s.terms[a] < s.terms[b]; });
  index.terms.reserve(order.size());
  index.postings.reserve(order.size());
  for (uint32_t id : order) {
    index.terms.push_back(std::move(s.terms[id]));
    index.postings.push_back(std::move(s.postings[id]));
  }

  // Stems, computed once per distinct term.
  std::vector<std::string> term_stems;
  term_stems.reserve(index.terms.size());
  for (const std::string& t : index.terms)
    term_stems.push_back(text::stem_term(t, index.schema.language));
  index.stems = term_stems;
  std::sort(index.stems.begin(), index.stems.end());
  index.stems.erase(std::unique(index.stems.begin(), index.stems.end()), index.stems.end());
  index.term_stem.reserve(term_stems.size());
  for (const std::string& st : term_stems) {
    index.term_stem.push_back(static_cast<uint32_t>(index.find_stem(st)));
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
  index.finalize();
  *state_ = State();
  return index;
}

}  // namespace osprey
