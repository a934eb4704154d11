// The base part of the binary index format (docs/index-format.md "Base
// payload"): writer and reader.
#include <algorithm>
#include <cstring>
#include <limits>

#include "core/cold.hpp"
#include "index/limits.hpp"
#include "index/part_codecs.hpp"
#include "text/utf8.hpp"

namespace osprey::codec {
namespace {

// Field flags in the base's schema.
constexpr uint8_t kFlagStored = 1, kFlagFacet = 2, kFlagSortable = 4, kFlagBoost = 8,
                  kFlagGroup = 16;

OSPREY_COLD std::vector<uint32_t> read_ranges(ByteReader& r, uint64_t total, const char* what,
                                              const char* unit) {
  const uint32_t parts = r.u32(std::max<uint64_t>(total, 1), what);
  std::vector<uint32_t> begin{0};
  uint64_t sum = 0;
  for (uint32_t i = 0; i < parts && !r.failed(); ++i) {
    sum += r.varint(total, unit);
    if (sum > total) r.fail(std::string(what) + " cover more than " + std::to_string(total));
    begin.push_back(static_cast<uint32_t>(sum));
  }
  if (!r.failed() && parts == 0) r.fail(std::string(what) + ": no parts");
  if (!r.failed() && sum != total) {
    r.fail(std::string(what) + " cover " + std::to_string(sum) + " of " + std::to_string(total));
  }
  return begin;
}

// The pages of a base whose schema has a group field (docs/index-format.md,
// base item 12), checked against the invariants of index.hpp "Pages".
OSPREY_COLD void read_pages(ByteReader& r, Index& index) {
  const uint32_t docs = index.doc_count;
  index.page_of.resize(docs);
  index.section.assign(docs, 0);
  uint32_t sections = 0;
  for (uint32_t d = 0; d < docs && !r.failed(); ++d) {
    const uint64_t v = r.varint(uint64_t{2} * docs, "page of a document");
    if (v >= uint64_t{2} * docs) r.fail("page of a document out of range");
    index.page_of[d] = static_cast<uint32_t>(v / 2);
    index.section[d] = static_cast<uint8_t>(v % 2);
    sections += index.section[d];
  }
  for (uint32_t d = 0; d < docs && !r.failed(); ++d) {
    if (index.page_of[index.page_of[d]] != index.page_of[d]) r.fail("page of a page is another");
  }
  index.section_count = r.u32(docs, "section count");
  if (!r.failed() && index.section_count != sections) r.fail("section count does not match");
  index.section_total.assign(index.schema.fields.size(), 0);
  for (std::size_t f = 0; f < index.schema.fields.size() && !r.failed(); ++f) {
    if (!index.schema.fields[f].searchable()) continue;
    index.section_total[f] = r.varint(index.field_total[f], "section field total");
  }
}

// The stop words (base item 13): 0 ... kMaxStopWords words, each 1 ...
// kMaxStopWordBytes bytes, strictly ascending (the invariant of Index::stop_words).
OSPREY_COLD void read_stop_words(ByteReader& r, Index& index) {
  const uint64_t n = r.varint(kMaxStopWords, "stop word count");
  for (uint64_t i = 0; i < n && !r.failed(); ++i) {
    const std::string_view word = r.string("stop word");
    if (r.failed()) break;
    if (word.empty() || word.size() > kMaxStopWordBytes) {
      r.fail("stop word of " + std::to_string(word.size()) + " bytes");
    } else if (i > 0 && !(index.stop_words.back() < word)) {
      r.fail("stop words not sorted and unique");
    } else {
      index.stop_words.emplace_back(word);
    }
  }
}

// The completion hints (base item 14), checked against the invariants of
// PrefixHint: each term's text within its dictionary block's bounds (a
// completion's starting with the prefix) becomes known with its df, and a
// dictionary or reverse part loaded later must agree with them.
OSPREY_COLD void read_hint_terms(ByteReader& r, Index& index, PrefixHint& hint,
                                 std::vector<uint32_t>& into, bool completions) {
  const auto nterms = static_cast<uint32_t>(index.terms.size());
  const Layout& layout = index.layout;
  const uint32_t count =
      r.u32(kMaxHintTerms, completions ? "hint completion count" : "hint form count");
  if (count > 0 && nterms == 0) r.fail("hint term out of range");
  for (uint32_t k = 0; k < count && !r.failed(); ++k) {
    const uint32_t t = r.u32(nterms - 1, "hint term");
    const uint32_t df = r.u32(index.doc_count, "hint term df");
    const std::string_view text = r.string("hint term text");
    if (r.failed()) break;
    const auto b = static_cast<std::size_t>(
        std::upper_bound(layout.dict_begin.begin(), layout.dict_begin.end() - 1, t) -
        layout.dict_begin.begin() - 1);
    const bool in_block =
        text >= std::string_view(layout.dict_first[b]) &&
        (b + 1 == layout.dict_first.size() || text < std::string_view(layout.dict_first[b + 1]));
    const auto has = [t](const std::vector<uint32_t>& v) {
      return std::find(v.begin(), v.end(), t) != v.end();
    };
    if (df == 0 || text.empty() || !in_block || (completions && !text.starts_with(hint.prefix))) {
      r.fail("hint term out of range");
    } else if (has(hint.forms) || has(hint.kept)) {
      r.fail("hint term twice");
    } else if ((!index.terms[t].empty() && index.terms[t] != text) ||
               (index.df[t] != 0 && index.df[t] != df)) {
      r.fail("a hint term differs from another");
    } else {
      index.terms[t] = std::string(text);
      index.df[t] = df;
      into.push_back(t);
    }
  }
}

OSPREY_COLD void read_hints(ByteReader& r, Index& index) {
  const uint64_t n = r.varint(r.remaining(), "hint count");
  for (uint64_t i = 0; i < n && !r.failed(); ++i) {
    PrefixHint hint;
    hint.prefix = std::string(r.string("hint prefix"));
    const std::size_t points = text::code_points(hint.prefix);
    if (!r.failed() && (points == 0 || points > kMaxHintCodePoints ||
                        hint.prefix.size() > 4 * kMaxHintCodePoints)) {
      r.fail("hint prefix of " + std::to_string(hint.prefix.size()) + " bytes");
    }
    if (!r.failed() && i > 0 && !(index.prefix_hints.back().prefix < hint.prefix)) {
      r.fail("hints not sorted and unique");
    }
    read_hint_terms(r, index, hint, hint.forms, false);
    read_hint_terms(r, index, hint, hint.kept, true);
    index.prefix_hints.push_back(std::move(hint));
  }
}

}  // namespace

std::string base_payload(const Index& index, std::string_view generator, const BaseLayout& layout) {
  const auto& [postings_parts, stored_parts, lengths_parts, text_fields, text_first, text_shares,
               dict, rev] = layout;
  ByteWriter w;
  w.string(generator);
  const Schema& schema = index.schema;
  w.string(schema.language);
  w.string(schema.id_field);
  w.varint(schema.fields.size());
  for (const FieldSpec& f : schema.fields) {
    w.string(f.name);
    w.string(f.source);
    w.u8(static_cast<uint8_t>(f.transform));
    uint64_t bits;
    std::memcpy(&bits, &f.weight, sizeof bits);
    w.fixed64(bits);
    w.u8((f.stored ? kFlagStored : 0) | (f.facet ? kFlagFacet : 0) |
         (f.sortable ? kFlagSortable : 0) | (f.boost ? kFlagBoost : 0) |
         (f.group ? kFlagGroup : 0));
  }
  w.varint(index.doc_count);
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (schema.fields[f].searchable()) w.varint(index.field_total[f]);
  }
  w.varint(postings_parts.size());
  for (uint32_t n : postings_parts) w.varint(n);
  w.varint(stored_parts.size());
  for (uint32_t n : stored_parts) w.varint(n);
  w.varint(lengths_parts.size());
  for (uint32_t n : lengths_parts) w.varint(n);
  write_text_layout(w, schema, text_fields, text_first);

  // Dictionary and reverse blocks: counts and first items.
  w.varint(index.terms.size());
  w.varint(index.stems.size());
  w.varint(dict.size());
  std::string_view prev;
  for (const DictBlock& b : dict) {
    w.varint(b.terms);
    w.varint(b.stems);
    w.varint(b.links);
    write_front_coded(w, prev, index.terms[b.first_term]);
    prev = index.terms[b.first_term];
  }
  w.varint(rev.size());
  prev = {};
  for (const RevBlock& b : rev) {
    w.varint(b.count);
    write_front_coded(w, prev, index.rev_terms[b.first]);
    prev = index.rev_terms[b.first];
  }

  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (!in_base(schema.fields[f])) continue;
    for (uint32_t d = 0; d < index.doc_count; ++d) write_optional(w, index.stored[f][d]);
  }
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (!schema.fields[f].facet) continue;
    const FacetColumn& col = index.facets[f];
    w.varint(col.values.size());
    for (const std::string& v : col.values) w.string(v);
    for (uint32_t d = 0; d < index.doc_count; ++d) {
      const uint32_t count = col.doc_begin[d + 1] - col.doc_begin[d];
      w.varint(count);
      write_ascending_ids(w, std::span(col.value_ids).subspan(col.doc_begin[d], count));
    }
  }
  if (index.grouped()) {
    // Pages: per document 2 * page + section, then the kind's totals.
    for (uint32_t d = 0; d < index.doc_count; ++d) {
      w.varint(uint64_t{2} * index.page_of[d] + index.section[d]);
    }
    w.varint(index.section_count);
    for (std::size_t f = 0; f < schema.fields.size(); ++f) {
      if (schema.fields[f].searchable()) w.varint(index.section_total[f]);
    }  // Item 12b: the section values their page's text pieces hold.
    if (!text_fields.empty()) write_text_shares(w, index, text_fields, text_shares);
  }
  w.varint(index.stop_words.size());  // item 13
  for (const std::string& word : index.stop_words) w.string(word);
  w.varint(index.prefix_hints.size());  // item 14
  for (const PrefixHint& hint : index.prefix_hints) {
    w.string(hint.prefix);
    for (const std::vector<uint32_t>* terms : {&hint.forms, &hint.kept}) {
      w.varint(terms->size());
      for (const uint32_t t : *terms) {
        w.varint(t);
        w.varint(index.df[t]);
        w.string(index.terms[t]);
      }
    }
  }
  return w.take();
}

OSPREY_COLD Result<Index> read_base(std::string_view payload, uint64_t build_id) {
  ByteReader r(payload, "index base");
  Index index;
  index.layout.part_prefix = std::string(r.string("part prefix"));
  (void)r.string("generator");
  Schema schema;
  schema.language = std::string(r.string("language"));
  schema.id_field = std::string(r.string("id field"));
  const uint32_t nfields = r.u32(kMaxFields, "field count");
  for (uint32_t i = 0; i < nfields && !r.failed(); ++i) {
    FieldSpec f;
    f.name = std::string(r.string("field name"));
    f.source = std::string(r.string("field source"));
    const uint8_t transform = r.u8();
    if (transform > static_cast<uint8_t>(Transform::kYear)) r.fail("unknown field transform");
    f.transform = static_cast<Transform>(transform);
    const uint64_t bits = r.fixed64();
    std::memcpy(&f.weight, &bits, sizeof bits);
    if (!(f.weight >= 0 && f.weight <= kMaxFieldWeight)) r.fail("field weight out of range");
    const uint8_t flags = r.u8();
    if (flags > 31) r.fail("unknown field flags");
    f.stored = flags & kFlagStored;
    f.facet = flags & kFlagFacet;
    f.sortable = flags & kFlagSortable;
    f.boost = flags & kFlagBoost;
    f.group = flags & kFlagGroup;
    schema.fields.push_back(std::move(f));
  }
  if (r.failed()) return corrupt(r.error());
  Result<Schema> valid = Schema::validate(std::move(schema));
  if (!valid.ok()) return corrupt("index base: schema: " + valid.error().message);
  index.schema = std::move(valid.value());
  const std::size_t nf = index.schema.fields.size();

  index.doc_count = r.u32(kMaxDocs, "doc count");
  const uint32_t docs = index.doc_count;
  index.field_total.assign(nf, 0);
  for (std::size_t f = 0; f < nf; ++f) {
    if (index.schema.fields[f].searchable()) {
      index.field_total[f] = r.varint(std::numeric_limits<uint64_t>::max(), "field total");
    }
  }
  index.layout.build_id = build_id;
  // Term count is read below; the postings ranges are checked against it then.
  const uint32_t postings_parts = r.u32(kMax32, "postings part count");
  std::vector<uint32_t> postings_sizes;
  for (uint32_t i = 0; i < postings_parts && !r.failed(); ++i) {
    postings_sizes.push_back(r.u32(kMax32, "postings part size"));
  }
  index.layout.stored_begin = read_ranges(r, docs, "stored parts", "stored part size");
  index.layout.lengths_begin = read_ranges(r, docs, "lengths parts", "lengths part size");
  if (!r.failed()) read_text_layout(r, index);
  if (r.failed()) return corrupt(r.error());

  // Dictionary and reverse layouts (their blocks come as parts).
  const uint32_t nterms = r.u32(kMaxTerms, "term count");
  const uint32_t nstems = r.u32(nterms, "stem count");
  if (!r.failed() && nterms > 0 && nstems == 0) r.fail("terms but no stems");
  const uint32_t max_blocks = static_cast<uint32_t>(std::min<uint64_t>(r.remaining(), nterms));
  Layout& layout = index.layout;
  const uint32_t nblocks = r.u32(max_blocks, "dictionary block count");
  if (!r.failed() && (nblocks == 0) != (nterms == 0))
    r.fail("dictionary blocks do not fit the terms");
  uint64_t terms_sum = 0, stems_sum = 0, links_sum = 0;
  if (nblocks > 0) layout.dict_begin = layout.stem_begin = layout.link_begin = {0};
  for (uint32_t b = 0; b < nblocks && !r.failed(); ++b) {
    terms_sum += r.u32(kMaxBlockItems, "terms of a block");
    stems_sum += r.u32(kMaxBlockItems, "stems of a block");
    links_sum += r.u32(nterms, "links of a block");
    read_front_coded(r, b == 0 ? std::string_view() : layout.dict_first.back(), layout.dict_first,
                     "first term of a block");
    if (!r.failed() && terms_sum == layout.dict_begin.back())
      r.fail("a dictionary block without terms");
    if (!r.failed() && (terms_sum > nterms || stems_sum > nstems || links_sum > nterms)) {
      r.fail("dictionary blocks hold more than the dictionary");
    }
    layout.dict_begin.push_back(static_cast<uint32_t>(terms_sum));
    layout.stem_begin.push_back(static_cast<uint32_t>(stems_sum));
    layout.link_begin.push_back(static_cast<uint32_t>(links_sum));
  }
  if (!r.failed() && (terms_sum != nterms || stems_sum != nstems || links_sum != nterms)) {
    r.fail("dictionary blocks do not cover the dictionary");
  }
  const uint32_t nrev = r.u32(max_blocks, "reverse block count");
  if (!r.failed() && (nrev == 0) != (nterms == 0)) r.fail("reverse blocks do not fit the terms");
  uint64_t rev_sum = 0;
  if (nrev > 0) layout.rev_begin = {0};
  for (uint32_t b = 0; b < nrev && !r.failed(); ++b) {
    const uint32_t n = r.u32(kMaxBlockItems, "terms of a reverse block");
    read_front_coded(r, b == 0 ? std::string_view() : layout.rev_first.back(), layout.rev_first,
                     "first reversed term of a block");
    rev_sum += n;
    if (!r.failed() && n == 0) r.fail("a reverse block without terms");
    if (!r.failed() && rev_sum > nterms) r.fail("reverse blocks hold more than the dictionary");
    layout.rev_begin.push_back(static_cast<uint32_t>(rev_sum));
  }
  if (!r.failed() && rev_sum != nterms) r.fail("reverse blocks do not cover the dictionary");
  {
    uint64_t sum = 0;
    index.layout.postings_begin = {0};
    for (uint32_t n : postings_sizes) {
      sum += n;
      index.layout.postings_begin.push_back(static_cast<uint32_t>(std::min<uint64_t>(sum, kMax32)));
    }
    if (!r.failed() && (postings_sizes.empty() || sum != nterms)) {
      r.fail("postings parts cover " + std::to_string(sum) + " of " + std::to_string(nterms) +
             " terms");
    }
  }
  if (r.failed()) return corrupt(r.error());
  index.terms.resize(nterms);
  index.df.assign(nterms, 0);
  index.term_stem.assign(nterms, 0);
  index.stems.resize(nstems);
  index.stem_terms.assign(nterms, 0);
  index.stem_term_begin.assign(nstems + 1, 0);
  for (uint32_t b = 0; b < nblocks; ++b) {
    index.stem_term_begin[layout.stem_begin[b]] = layout.link_begin[b];
  }
  index.stem_term_begin[nstems] = nterms;
  index.rev_terms.resize(nterms);
  index.rev_term.assign(nterms, 0);
  layout.dict_loaded.assign(nblocks, 0);
  layout.rev_loaded.assign(nrev, 0);

  index.stored.resize(nf);
  index.field_length.resize(nf);
  index.facets.resize(nf);
  for (std::size_t f = 0; f < nf && !r.failed(); ++f) {
    const FieldSpec& spec = index.schema.fields[f];
    if (spec.searchable()) index.field_length[f].assign(docs, kUnknownLength);
    if (!spec.kept()) continue;
    if (!in_base(spec)) {
      index.stored[f].resize(docs);
      continue;
    }
    index.stored[f].reserve(docs);
    for (uint32_t d = 0; d < docs && !r.failed(); ++d) {
      index.stored[f].push_back(read_optional(r, "base value"));
    }
  }
  for (std::size_t f = 0; f < nf && !r.failed(); ++f) {
    if (!index.schema.fields[f].facet) continue;
    FacetColumn& col = index.facets[f];
    const uint32_t nvalues = r.u32(
        static_cast<uint32_t>(std::min<std::size_t>(r.remaining(), kMax32)), "facet value count");
    for (uint32_t v = 0; v < nvalues && !r.failed(); ++v) {
      col.values.emplace_back(r.string("facet value"));
      if (v > 0 && !(col.values[v - 1] < col.values[v]))
        r.fail("facet values not sorted and unique");
    }
    col.doc_begin.push_back(0);
    for (uint32_t d = 0; d < docs && !r.failed(); ++d) {
      const uint32_t count = r.u32(nvalues, "facet values of a document");
      read_ascending_ids(r, count, nvalues, col.value_ids, "facet value id", "facet value ids");
      col.doc_begin.push_back(static_cast<uint32_t>(col.value_ids.size()));
    }
  }
  if (index.schema.group_field() >= 0) {
    read_pages(r, index);
    if (!r.failed() && !index.text_field.empty()) read_text_shares(r, index);
  }
  read_stop_words(r, index);
  read_hints(r, index);
  if (!r.failed() && !r.at_end()) r.fail("unexpected bytes after the base");
  if (r.failed()) return corrupt(r.error());

  index.postings.resize(nterms);  // no lists: they come with the postings parts
  index.layout.postings_loaded.assign(index.layout.postings_begin.size() - 1, 0);
  index.layout.stored_loaded.assign(index.layout.stored_begin.size() - 1, 0);
  index.layout.lengths_loaded.assign(index.layout.lengths_begin.size() - 1, 0);
  index.finalize();
  return index;
}

}  // namespace osprey::codec
