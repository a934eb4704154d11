#include "build/builder.hpp"

#include <functional>
#include <string_view>

#include "core/quote.hpp"
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
  if (values.size() == 1) return values.front();
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

// Records, for the tokens of value from first on, the marked words of their
// terms (AnalyzedRecord::marked). A token whose source bytes are its term's
// (lowercase, unmarked) has none.
void add_marked_words(std::string_view value, std::size_t first, std::string_view language,
                      AnalyzedRecord& r) {
  const std::vector<text::TokenList::Entry>& entries = r.tokens.entries();
  for (std::size_t k = first; k < entries.size(); ++k) {
    const text::TokenList::Entry& e = entries[k];
    const std::string_view term = r.tokens.term(e);
    const std::string_view word = value.substr(e.begin, e.end - e.begin);
    if (word == term) continue;
    std::string marked = text::marked_word(term, word, language);
    if (!marked.empty()) r.marked.emplace_back(static_cast<uint32_t>(k), std::move(marked));
  }
}

}  // namespace

uint64_t term_hash(std::string_view term) {
  return std::hash<std::string_view>{}(term);
}

AnalyzedRecord analyze_record(const Schema& schema, const json& record) {
  AnalyzedRecord r;
  if (!record.is_object()) {
    r.skip = true;
    r.messages.push_back(std::string("skipped: a record must be a JSON object, not ") +
                         record.type_name());
    return r;
  }
  const std::vector<FieldSpec>& fields = schema.fields;

  std::vector<std::vector<std::string>> values(fields.size());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const FieldSpec& spec = fields[f];
    auto it = record.find(spec.source);
    if (it == record.end()) continue;
    if (!collect_values(*it, values[f])) {
      r.messages.push_back("field \"" + spec.source +
                           "\": objects and nested arrays are not indexed, ignored");
    }
    if (spec.transform == Transform::kYear) {
      std::vector<std::string> years;
      for (const std::string& v : values[f]) {
        if (auto y = iso_year(v)) {
          years.push_back(*y);
        } else {
          r.messages.push_back("field \"" + spec.name + "\": " + quoted(v, 40) +
                               " is not an ISO 8601 date, no year taken");
        }
      }
      values[f] = std::move(years);
    }
  }
  const int id_field = schema.find(schema.id_field);
  const std::vector<std::string>& id_values = values[id_field];
  if (id_values.empty() || id_values.front().empty()) {
    r.skip = true;
    r.messages.push_back("skipped: no \"" + fields[id_field].source + "\" (the id field)");
    return r;
  }
  r.id = join(id_values);

  r.kept.resize(fields.size());
  r.facet_values.resize(fields.size());
  r.field_length.assign(fields.size(), 0);
  r.tokens_end.assign(fields.size(), 0);
  bool any_text = false;
  const text::Folding folding = text::folding_for(schema.language);
  const bool marks = text::stems_marked_words(schema.language);
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const FieldSpec& spec = fields[f];
    if (spec.searchable()) {
      uint32_t next = 0;
      for (const std::string& v : values[f]) {
        // A gap of one position keeps phrases from matching across values.
        const std::size_t first = r.tokens.size();
        const uint32_t end = text::tokenize(v, r.tokens, next, folding);
        if (marks) add_marked_words(v, first, schema.language, r);
        if (end > next) next = end + 1;
      }
      r.field_length[f] = next == 0 ? 0 : next - 1;
      any_text = any_text || r.field_length[f] > 0;
    }
    r.tokens_end[f] = static_cast<uint32_t>(r.tokens.size());
    if (spec.boost && !values[f].empty() && !parse_boost(join(values[f]))) {
      r.late.push_back("field \"" + spec.name + "\": " + quoted(join(values[f]), 40) + " is not " +
                       std::string(kBoostRule) + ", boost 1 used");
    }
    if (spec.kept() && !values[f].empty()) r.kept[f] = join(values[f]);
    if (spec.facet) r.facet_values[f] = std::move(values[f]);
  }
  if (!any_text) r.late.push_back("indexed, but it has no searchable text");
  r.hashes.reserve(r.tokens.size());
  for (const text::TokenList::Entry& e : r.tokens.entries()) {
    r.hashes.push_back(term_hash(r.tokens.term(e)));
  }
  return r;
}

}  // namespace osprey
