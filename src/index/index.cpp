#include "index/index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace osprey {
namespace {

int64_t find_sorted(const std::vector<std::string>& v, std::string_view s) {
  auto it = std::lower_bound(v.begin(), v.end(), s);
  return it != v.end() && *it == s ? it - v.begin() : -1;
}

}  // namespace

std::optional<float> parse_boost(const std::optional<std::string>& value) {
  if (!value || value->empty()) return std::nullopt;
  char* end = nullptr;
  const double x = std::strtod(value->c_str(), &end);
  if (*end != 0 || !std::isfinite(x) || x < 0 || x > 1e6) return std::nullopt;
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
  stem_term_begin.assign(stems.size() + 1, 0);
  for (uint32_t s : term_stem) ++stem_term_begin[s + 1];
  for (std::size_t i = 1; i < stem_term_begin.size(); ++i) {
    stem_term_begin[i] += stem_term_begin[i - 1];
  }
  stem_terms.assign(terms.size(), 0);
  std::vector<uint32_t> fill(stem_term_begin.begin(), stem_term_begin.end() - 1);
  for (uint32_t t = 0; t < term_stem.size(); ++t) stem_terms[fill[term_stem[t]]++] = t;

  // Boost values that are missing or not a finite number >= 0 count as 1 (the
  // builder reports them).
  boost.assign(doc_count, 1.0f);
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (!schema.fields[f].boost) continue;
    for (uint32_t d = 0; d < doc_count && d < stored[f].size(); ++d) {
      if (auto b = parse_boost(stored[f][d])) boost[d] *= *b;
    }
  }

  if (df.empty()) {
    df.reserve(postings.size());
    for (std::size_t t = 0; t < postings.size(); ++t) {
      df.push_back(static_cast<uint32_t>(postings[t].docs.size()));
    }
  }
  if (field_total.empty()) {
    field_total.assign(schema.fields.size(), 0);
    for (std::size_t f = 0; f < field_length.size(); ++f) {
      for (uint32_t len : field_length[f]) field_total[f] += len;
    }
  }
  avg_field_length.assign(schema.fields.size(), 0.0);
  for (std::size_t f = 0; f < field_total.size(); ++f) {
    if (doc_count > 0) avg_field_length[f] = double(field_total[f]) / double(doc_count);
  }
  if (layout.postings_begin.empty()) {
    layout.postings_begin = {0, static_cast<uint32_t>(terms.size())};
    layout.postings_loaded = {1};
    layout.stored_begin = {0, doc_count};
    layout.stored_loaded = {1};
  }
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
std::string Index::postings_part_name(uint32_t part) const {
  return layout.part_prefix + "p" + std::to_string(part);
}
std::string Index::stored_part_name(uint32_t part) const {
  return layout.part_prefix + "s" + std::to_string(part);
}

int64_t Index::find_term(std::string_view term) const {
  return find_sorted(terms, term);
}
int64_t Index::find_stem(std::string_view stem) const {
  return find_sorted(stems, stem);
}

}  // namespace osprey
