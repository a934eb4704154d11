// Lengths and stored parts of the binary index format (docs/index-format.md
// "Lengths part payload", "Stored part payload"): the parts of document
// ranges, writers and readers; and the optional values stored parts and the
// base hold.
#include <algorithm>

#include "core/cold.hpp"
#include "index/limits.hpp"
#include "index/part_codecs.hpp"

namespace osprey::codec {
namespace {

// Whether field f's values are in stored parts: kept, not in the base, not
// a text field (text_fields as Index::text_field: per field, or empty).
bool in_stored_parts(const FieldSpec& spec, std::size_t f,
                     const std::vector<uint8_t>& text_fields) {
  return spec.kept() && !in_base(spec) && !(f < text_fields.size() && text_fields[f]);
}

void write_stored_doc(ByteWriter& w, const Index& index, uint32_t doc,
                      const std::vector<uint8_t>& text_fields) {
  for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
    if (in_stored_parts(index.schema.fields[f], f, text_fields)) {
      write_optional(w, index.stored[f][doc]);
    }
  }
}

}  // namespace

void write_optional(ByteWriter& w, const std::optional<std::string>& v) {
  if (!v) {
    w.varint(0);
    return;
  }
  w.varint(v->size() + 1);
  w.bytes(*v);
}

OSPREY_COLD std::optional<std::string> read_optional(ByteReader& r, const char* what) {
  const uint64_t n = r.varint(r.remaining() + 1, what);
  if (n == 0 || r.failed()) return std::nullopt;
  return std::string(r.bytes(n - 1, what));
}

std::vector<uint32_t> lengths_parts(const Index& index, std::size_t target,
                                    std::vector<std::string>& payloads) {
  std::vector<uint32_t> counts{0};
  std::size_t bytes = 0;
  for (uint32_t d = 0; d < index.doc_count; ++d) {
    if (target > 0 && bytes >= target) {
      counts.push_back(0);
      bytes = 0;
    }
    ++counts.back();
    for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
      if (index.schema.fields[f].searchable()) bytes += varint_size(index.field_length[f][d]);
    }
  }
  uint32_t first = 0;
  for (uint32_t k = 0; k < counts.size(); ++k) {
    ByteWriter w;
    w.varint(k);
    for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
      if (!index.schema.fields[f].searchable()) continue;
      for (uint32_t d = first; d < first + counts[k]; ++d) w.varint(index.field_length[f][d]);
    }
    payloads.push_back(w.take());
    first += counts[k];
  }
  return counts;
}

std::vector<uint32_t> stored_parts(const Index& index, std::size_t target,
                                   const std::vector<uint8_t>& text_fields,
                                   std::vector<std::string>& payloads) {
  return fill_parts(index.doc_count, target, payloads, [&](uint32_t d, ByteWriter& w) {
    const std::size_t before = w.buffer().size();
    write_stored_doc(w, index, d, text_fields);
    return w.buffer().size() - before;
  });
}

// Lengths part k: per searchable field, the length of that field in each
// document of the part's range; a field the loaded postings place a word in at position p
// must be longer than p.
OSPREY_COLD Result<std::monostate> read_lengths_part(Index& index, std::string_view payload) {
  ByteReader r(payload, "lengths part");
  Layout& layout = index.layout;
  const uint32_t k = r.u32(static_cast<uint32_t>(layout.lengths_loaded.size() - 1), "part number");
  if (r.failed()) return corrupt(r.error());
  const uint32_t first = layout.lengths_begin[k], last = layout.lengths_begin[k + 1];
  const std::size_t nf = index.schema.fields.size();
  std::vector<uint32_t> lengths;
  lengths.reserve(static_cast<std::size_t>(last - first) * nf);
  for (std::size_t f = 0; f < nf && !r.failed(); ++f) {
    if (!index.schema.fields[f].searchable()) continue;
    for (uint32_t d = first; d < last && !r.failed(); ++d) {
      const uint32_t len = r.u32(kMaxFieldLength, "field length");
      const bool placed = !layout.implied_length.empty() &&
                          layout.implied_length[f * std::size_t{index.doc_count} + d] > len;
      if (!r.failed() && placed) r.fail("field length below a position of the postings");
      lengths.push_back(len);
    }
  }
  if (!r.failed() && !r.at_end()) r.fail("unexpected bytes after the last field");
  if (r.failed()) return corrupt(r.error());
  if (layout.lengths_loaded[k]) return std::monostate{};
  std::size_t i = 0;
  for (std::size_t f = 0; f < nf; ++f) {
    if (!index.schema.fields[f].searchable()) continue;
    for (uint32_t d = first; d < last; ++d) index.field_length[f][d] = lengths[i++];
  }
  layout.lengths_loaded[k] = 1;
  return std::monostate{};
}

Result<std::monostate> read_stored_part(Index& index, std::string_view payload) {
  ByteReader r(payload, "stored part");
  const Layout& layout = index.layout;
  const uint32_t k = r.u32(static_cast<uint32_t>(layout.stored_loaded.size() - 1), "part number");
  if (r.failed()) return corrupt(r.error());
  const uint32_t first = layout.stored_begin[k], last = layout.stored_begin[k + 1];
  const std::size_t nf = index.schema.fields.size();
  std::vector<std::vector<std::optional<std::string>>> values(nf);
  for (uint32_t d = first; d < last && !r.failed(); ++d) {
    for (std::size_t f = 0; f < nf; ++f) {
      if (in_stored_parts(index.schema.fields[f], f, index.text_field)) {
        values[f].push_back(read_optional(r, "stored value"));
      }
    }
  }
  if (!r.failed() && !r.at_end()) r.fail("unexpected bytes after the last document");
  if (r.failed()) return corrupt(r.error());
  if (index.layout.stored_loaded[k]) return std::monostate{};
  for (std::size_t f = 0; f < nf; ++f) {
    for (std::size_t i = 0; i < values[f].size(); ++i) {
      index.stored[f][first + i] = std::move(values[f][i]);
    }
  }
  index.layout.stored_loaded[k] = 1;
  return std::monostate{};
}

}  // namespace osprey::codec
