#include "index/binary_codec.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <numeric>

#include "core/cold.hpp"
#include "index/bytes.hpp"
#include "index/limits.hpp"
#include "index/text_parts.hpp"

namespace osprey {
namespace {

// Part framing (docs/index-format.md "Parts"):
//   "osprey" | u8 version | u8 kind | fixed64 build_id | varint n | payload[n] | fixed32
//   crc32(payload)
constexpr uint8_t kBase = 'B';
constexpr uint8_t kPostings = 'P';
constexpr uint8_t kStored = 'S';
constexpr uint8_t kDictionary = 'D';
constexpr uint8_t kReverse = 'R';
constexpr uint8_t kLengths = 'L';
constexpr uint8_t kText = 'T';
constexpr std::size_t kHeaderBytes = 6 + 1 + 1 + 8;
// A count stored in 32 bits (format limits are in limits.hpp).
constexpr uint32_t kMax32 = std::numeric_limits<uint32_t>::max() - 1;

// Field flags in the base's schema.
constexpr uint8_t kFlagStored = 1, kFlagFacet = 2, kFlagSortable = 4, kFlagBoost = 8,
                  kFlagGroup = 16;

// Appends one framed part to out.
void append_frame(std::string& out, uint8_t kind, uint64_t build_id, std::string_view payload) {
  ByteWriter w;
  w.bytes(kBinaryMagic);
  w.u8(kBinaryVersion);
  w.u8(kind);
  w.fixed64(build_id);
  w.varint(payload.size());
  out.append(w.buffer());
  out.append(payload);
  w = ByteWriter();
  w.fixed32(crc32(payload));
  out.append(w.buffer());
}

// The bytes of v as a varint.
std::size_t varint_size(uint64_t v) {
  std::size_t n = 1;
  for (; v >= 0x80; v >>= 7) ++n;
  return n;
}

// The bytes of a framed part of payload_size bytes.
std::size_t frame_size(std::size_t payload_size) {
  return kHeaderBytes + varint_size(payload_size) + payload_size + 4;
}

struct Framed {
  uint8_t kind;
  uint64_t build_id;
  std::string_view payload;
};

// Reads the part at the front of in and advances in past it.
OSPREY_COLD Result<Framed> unframe(std::string_view& in, std::size_t offset) {
  const std::string where = "index part at byte " + std::to_string(offset);
  if (in.size() < kHeaderBytes || in.substr(0, 6) != kBinaryMagic) {
    if (offset == 0 && !in.empty() && in.front() == '{') {
      return Error{ErrorCode::kUnsupported,
                   "index is in the JSON format of version 1; this reader reads version " +
                       std::to_string(kBinaryVersion) + " (run osprey index again)"};
    }
    return Error{offset == 0 ? ErrorCode::kUnsupported : ErrorCode::kCorruptIndex,
                 where + ": not an Osprey index (no \"osprey\" signature)"};
  }
  ByteReader r(in, where);
  (void)r.bytes(6, "signature");
  const uint8_t version = r.u8();
  if (version != kBinaryVersion) {
    return Error{ErrorCode::kUnsupported, "index format version " + std::to_string(version) +
                                              " is not supported (this reader reads version " +
                                              std::to_string(kBinaryVersion) + ")"};
  }
  Framed f{};
  f.kind = r.u8();
  f.build_id = r.fixed64();
  const uint64_t n = r.varint(r.remaining(), "payload length");
  f.payload = r.bytes(n, "payload");
  const uint32_t crc = r.fixed32();
  if (r.failed()) return corrupt(r.error() + " (truncated?)");
  if (crc != crc32(f.payload)) return corrupt(where + ": checksum mismatch (corrupted data)");
  if (f.kind != kBase && f.kind != kPostings && f.kind != kStored && f.kind != kDictionary &&
      f.kind != kReverse && f.kind != kLengths && f.kind != kText) {
    return corrupt(where + ": unknown part kind " + std::to_string(f.kind));
  }
  in.remove_prefix(r.position());
  return f;
}

// ---- Writer ----------------------------------------------------------------

void write_optional(ByteWriter& w, const std::optional<std::string>& v) {
  if (!v) {
    w.varint(0);
    return;
  }
  w.varint(v->size() + 1);
  w.bytes(*v);
}

// How the postings of a schema are coded: the searchable fields' ordinals
// (their bit in a document's field mask) and whether the mask shares the
// document's header varint with the doc delta (a delta < 2^32 shifted by at
// most kMaskInHeader bits fits a 64-bit varint).
constexpr uint32_t kMaskInHeader = 8;
struct PostingCoding {
  std::array<uint8_t, kMaxFields> ordinal{};  // per schema field
  std::array<uint8_t, kMaxFields> field{};    // per ordinal: the schema field
  uint32_t searchable = 0;
  bool mask_in_header = false;

  explicit PostingCoding(const Schema& schema) {
    for (std::size_t f = 0; f < schema.fields.size() && f < kMaxFields; ++f) {
      if (!schema.fields[f].searchable()) continue;
      ordinal[f] = static_cast<uint8_t>(searchable);
      field[searchable++] = static_cast<uint8_t>(f);
    }
    mask_in_header = searchable <= kMaskInHeader;
  }
};

// Varints through a small buffer, flushed to a string in blocks: a raw store
// per byte instead of std::string::push_back's size, capacity and terminator
// updates (a posting list is mostly one-byte varints).
class VarintBuffer {
 public:
  explicit VarintBuffer(std::string& out) : out_(out) {}
  ~VarintBuffer() { flush(); }
  VarintBuffer(const VarintBuffer&) = delete;
  VarintBuffer& operator=(const VarintBuffer&) = delete;

  void varint(uint64_t v) {
    if (n_ > sizeof buf_ - 10) flush();
    while (v >= 0x80) {
      buf_[n_++] = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    buf_[n_++] = static_cast<char>(v);
  }
  void flush() {
    out_.append(buf_, n_);
    n_ = 0;
  }

 private:
  std::string& out_;
  std::size_t n_ = 0;
  char buf_[4096];
};

// One term's posting list (the layout "Postings part" documents): per
// document its header (doc delta and the mask of its fields, one varint when
// the schema has at most kMaskInHeader searchable fields), then per field of
// the mask the first position with the flag tf > 1, tf - 1 when set, and the
// other positions as deltas.
void write_postings(ByteWriter& writer, const PostingCoding& c, const PostingList& p) {
  VarintBuffer w(writer.buffer());
  w.varint(p.docs.size());
  uint32_t prev = 0;
  for (std::size_t i = 0; i < p.docs.size(); ++i) {
    const uint32_t doc = p.docs[i];
    const uint64_t delta = i == 0 ? doc : doc - prev;
    prev = doc;
    uint64_t mask = 0;
    for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
      mask |= uint64_t{1} << c.ordinal[p.entry_field[e]];
    }
    if (c.mask_in_header) {
      w.varint((delta << c.searchable) | (mask - 1));
    } else {
      w.varint(delta);
      w.varint(mask - 1);
    }
    for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
      const uint32_t tf = p.tf(e);
      const uint32_t first = p.positions[p.pos_begin[e]];
      w.varint(uint64_t{first} * 2 + (tf > 1));
      if (tf > 1) w.varint(tf - 1);
      for (uint32_t k = p.pos_begin[e] + 1; k < p.pos_begin[e + 1]; ++k) {
        w.varint(p.positions[k] - p.positions[k - 1]);
      }
    }
  }
}

// Whether field f's values are in stored parts: kept, not in the base, not
// a text field (text_fields as Index::text_field: per field, or empty).
bool in_stored_parts(const FieldSpec& spec, std::size_t f,
                     const std::vector<uint8_t>& text_fields) {
  return spec.kept() && !in_base(spec) && !(f < text_fields.size() && text_fields[f]);
}

// The lengths parts: documents split where their lengths reach about target
// bytes (0: one part), each part a column per searchable field (field order)
// of its documents' lengths, after its part number. Returns the document
// count of each part.
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

void write_stored_doc(ByteWriter& w, const Index& index, uint32_t doc,
                      const std::vector<uint8_t>& text_fields) {
  for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
    if (in_stored_parts(index.schema.fields[f], f, text_fields)) {
      write_optional(w, index.stored[f][doc]);
    }
  }
}

// Fills payloads of parts of about target bytes each (0: one part), each
// starting with its part number: write(i, w) appends item i to w and
// returns the size it counts for (a part closes once its items reach
// target). Returns the item count of each part; always at least one part.
template <typename Write>
std::vector<uint32_t> fill_parts(uint32_t count, std::size_t target,
                                 std::vector<std::string>& payloads, Write write) {
  std::vector<uint32_t> parts;
  ByteWriter w;
  uint32_t in_part = 0;
  std::size_t bytes = 0;
  auto close = [&] {
    payloads.push_back(w.take());
    parts.push_back(in_part);
    in_part = 0;
    bytes = 0;
  };
  for (uint32_t i = 0; i < count; ++i) {
    if (in_part == 0) {
      w = ByteWriter();
      w.varint(parts.size());
    }
    bytes += write(i, w);
    ++in_part;
    if (target > 0 && bytes >= target) close();
  }
  if (in_part > 0 || parts.empty()) {
    if (in_part == 0) {
      w = ByteWriter();
      w.varint(parts.size());
    }
    close();
  }
  return parts;
}

// A string as the bytes it shares with prev (varint) and the rest (string).
void write_front_coded(ByteWriter& w, std::string_view prev, std::string_view s) {
  std::size_t shared = 0;
  while (shared < prev.size() && shared < s.size() && prev[shared] == s[shared]) ++shared;
  w.varint(shared);
  w.string(s.substr(shared));
}

// A dictionary block: its first term, and its counts of terms, stems and links.
struct DictBlock {
  uint32_t first_term, terms, first_stem, stems, links;
};
// A reverse block: its first position in the reverse order and its count.
struct RevBlock {
  uint32_t first, count;
};

// Splits count items into blocks of about target bytes (item i counting
// size(i)) and at most kMaxBlockItems items; 0: blocks of kMaxBlockItems.
template <typename Size>
std::vector<uint32_t> block_counts(uint32_t count, std::size_t target, Size size) {
  std::vector<uint32_t> counts;
  uint32_t n = 0;
  std::size_t bytes = 0;
  for (uint32_t i = 0; i < count; ++i) {
    bytes += size(i);
    if (++n == kMaxBlockItems || (target > 0 && bytes >= target)) {
      counts.push_back(n);
      n = 0;
      bytes = 0;
    }
  }
  if (n > 0) counts.push_back(n);
  return counts;
}

std::vector<DictBlock> dict_blocks(const Index& index, std::size_t target) {
  std::vector<DictBlock> blocks;
  uint32_t t = 0;
  for (uint32_t n : block_counts(static_cast<uint32_t>(index.terms.size()), target,
                                 [&](uint32_t i) { return index.terms[i].size() + 3; })) {
    blocks.push_back({t, n, 0, 0, 0});
    t += n;
  }
  // A stem goes with the last block whose first term is <= it (or block 0).
  std::size_t b = 0;
  for (uint32_t s = 0; s < index.stems.size(); ++s) {
    while (b + 1 < blocks.size() && index.terms[blocks[b + 1].first_term] <= index.stems[s]) {
      blocks[b + 1].first_stem = s;
      ++b;
    }
    blocks[b].stems++;
    blocks[b].links += index.stem_term_begin[s + 1] - index.stem_term_begin[s];
  }
  for (++b; b < blocks.size(); ++b)
    blocks[b].first_stem = static_cast<uint32_t>(index.stems.size());
  return blocks;
}

std::vector<RevBlock> rev_blocks(const Index& index, std::size_t target) {
  std::vector<RevBlock> blocks;
  uint32_t at = 0;
  for (uint32_t n : block_counts(static_cast<uint32_t>(index.rev_terms.size()), target,
                                 [&](uint32_t i) { return index.rev_terms[i].size() + 5; })) {
    blocks.push_back({at, n});
    at += n;
  }
  return blocks;
}

// The payload of dictionary block k ("Dictionary part" in the format).
std::string dict_payload(const Index& index, uint32_t k, const DictBlock& b) {
  ByteWriter w;
  w.varint(k);
  std::string_view prev;
  for (uint32_t t = b.first_term; t < b.first_term + b.terms; ++t) {
    write_front_coded(w, prev, index.terms[t]);
    prev = index.terms[t];
  }
  for (uint32_t t = b.first_term; t < b.first_term + b.terms; ++t) w.varint(index.df[t]);
  prev = {};
  for (uint32_t s = b.first_stem; s < b.first_stem + b.stems; ++s) {
    write_front_coded(w, prev, index.stems[s]);
    prev = index.stems[s];
    w.varint(index.stem_term_begin[s + 1] - index.stem_term_begin[s]);
    uint32_t last = 0;
    for (uint32_t l = index.stem_term_begin[s]; l < index.stem_term_begin[s + 1]; ++l) {
      const uint32_t t = index.stem_terms[l];
      w.varint(l == index.stem_term_begin[s] ? t : t - last);
      last = t;
    }
  }
  return w.take();
}

// The payload of reverse block k ("Reverse part" in the format).
std::string rev_payload(const Index& index, uint32_t k, const RevBlock& b) {
  ByteWriter w;
  w.varint(k);
  std::string_view prev;
  for (uint32_t at = b.first; at < b.first + b.count; ++at) {
    write_front_coded(w, prev, index.rev_terms[at]);
    prev = index.rev_terms[at];
    w.varint(index.rev_term[at]);
    w.varint(index.df[index.rev_term[at]]);
  }
  return w.take();
}

// The base after its first item, the part prefix (which names the build id,
// so it is written last, in front of this).
std::string base_payload(const Index& index, std::string_view generator,
                         const std::vector<uint32_t>& postings_parts,
                         const std::vector<uint32_t>& stored_parts,
                         const std::vector<uint32_t>& lengths_parts,
                         const std::vector<uint8_t>& text_fields,
                         const std::vector<TextKey>& text_first,
                         const std::vector<TextShare>& text_shares,
                         const std::vector<DictBlock>& dict, const std::vector<RevBlock>& rev) {
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
      w.varint(col.doc_begin[d + 1] - col.doc_begin[d]);
      uint32_t last = 0;
      for (uint32_t k = col.doc_begin[d]; k < col.doc_begin[d + 1]; ++k) {
        w.varint(k == col.doc_begin[d] ? col.value_ids[k] : col.value_ids[k] - last);
        last = col.value_ids[k];
      }
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
  // Item 13, only when there are stop words: without them the base is byte
  // for byte what it was before the item existed.
  if (!index.stop_words.empty()) {
    w.varint(index.stop_words.size());
    for (const std::string& word : index.stop_words) w.string(word);
  }
  return w.take();
}

// ---- Reader ----------------------------------------------------------------

OSPREY_COLD std::optional<std::string> read_optional(ByteReader& r, const char* what) {
  const uint64_t n = r.varint(r.remaining() + 1, what);
  if (n == 0 || r.failed()) return std::nullopt;
  return std::string(r.bytes(n - 1, what));
}

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

// Reads a front-coded string (shared bytes with prev, then the rest) and
// appends it to out. The result must be non-empty and above prev (when prev
// is not empty).
void read_front_coded(ByteReader& r, std::string_view prev, std::vector<std::string>& out,
                      const char* what) {
  const std::size_t shared = r.varint(prev.size(), "shared prefix");
  const std::string_view rest = r.string(what);
  if (r.failed()) return;
  // Built before it joins out: prev may be an item of out.
  std::string s(shared + rest.size(), '\0');
  if (shared > 0) std::memcpy(s.data(), prev.data(), shared);
  if (!rest.empty()) std::memcpy(s.data() + shared, rest.data(), rest.size());
  if (s.empty() || (!prev.empty() && !(prev < std::string_view(s)))) {
    r.fail(std::string(what) + ": not sorted and unique");
  }
  out.push_back(std::move(s));
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

// The stop words (base item 13), when bytes follow the base's other items:
// 1 ... kMaxStopWords words, each 1 ... kMaxStopWordBytes bytes, strictly
// ascending (the invariant of Index::stop_words).
OSPREY_COLD void read_stop_words(ByteReader& r, Index& index) {
  const uint64_t n = r.varint(kMaxStopWords, "stop word count");
  if (!r.failed() && n == 0) r.fail("stop word count is 0");
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

OSPREY_COLD Result<Index> read_base(const Framed& part) {
  ByteReader r(part.payload, "index base");
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
  index.layout.build_id = part.build_id;
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
      uint64_t id = 0;
      for (uint32_t k = 0; k < count && !r.failed(); ++k) {
        const uint64_t raw = r.varint(nvalues, "facet value id");
        if (k > 0 && raw == 0) r.fail("facet value ids not ascending");
        id = k == 0 ? raw : id + raw;
        if (id >= nvalues) r.fail("facet value id out of range");
        col.value_ids.push_back(static_cast<uint32_t>(id));
      }
      col.doc_begin.push_back(static_cast<uint32_t>(col.value_ids.size()));
    }
  }
  if (index.schema.group_field() >= 0) {
    read_pages(r, index);
    if (!r.failed() && !index.text_field.empty()) read_text_shares(r, index);
  }
  if (!r.failed() && !r.at_end()) read_stop_words(r, index);
  if (!r.failed() && !r.at_end()) r.fail("unexpected bytes after the base");
  if (r.failed()) return corrupt(r.error());

  index.postings.resize(nterms);  // no lists: they come with the postings parts
  index.layout.postings_loaded.assign(index.layout.postings_begin.size() - 1, 0);
  index.layout.stored_loaded.assign(index.layout.stored_begin.size() - 1, 0);
  index.layout.lengths_loaded.assign(index.layout.lengths_begin.size() - 1, 0);
  index.finalize();
  return index;
}

// A decoded postings part, committed to the index only when all of it checks out.
struct PostingsPart {
  std::vector<PostingList> lists;
  // Triples (field, doc, last position + 1) of every entry whose document's
  // lengths are not loaded: checked when they load (Layout::implied_length).
  std::vector<uint32_t> implied;
};

Result<std::monostate> read_postings_part(Index& index, const Framed& part) {
  ByteReader r(part.payload, "postings part");
  Layout& layout = index.layout;
  const uint32_t k = r.u32(static_cast<uint32_t>(layout.postings_loaded.size() - 1), "part number");
  if (r.failed()) return corrupt(r.error());
  const PostingCoding c(index.schema);
  // The header's largest value: the last doc as a delta, with every mask bit.
  const uint64_t full_mask = c.searchable >= 64 ? ~uint64_t{0} : (uint64_t{1} << c.searchable) - 1;
  const uint64_t max_header =
      c.mask_in_header ? (uint64_t{index.doc_count} << c.searchable) | full_mask : index.doc_count;
  PostingsPart out;
  const uint32_t first = layout.postings_begin[k], last = layout.postings_begin[k + 1];
  out.lists.resize(last - first);
  for (uint32_t t = first; t < last && !r.failed(); ++t) {
    PostingList& p = out.lists[t - first];
    p.entry_begin.push_back(0);
    p.pos_begin.push_back(0);
    const uint32_t df = r.u32(index.doc_count, "document frequency");
    if (!r.failed() && (df == 0 || (index.df[t] != 0 && index.df[t] != df))) {
      r.fail("document frequency of term " + std::to_string(t) + " is wrong");
    }
    uint64_t doc = 0;
    for (uint32_t i = 0; i < df && !r.failed(); ++i) {
      uint64_t delta = 0, mask_less_one = 0;
      if (c.mask_in_header) {
        const uint64_t header = r.varint(max_header, "document");
        delta = header >> c.searchable;
        mask_less_one = header & full_mask;
      } else {
        delta = r.varint(index.doc_count, "document");
        mask_less_one = r.varint(full_mask - 1, "fields of a document");
      }
      if (!r.failed() && mask_less_one >= full_mask) r.fail("field mask out of range");
      if (i > 0 && delta == 0) r.fail("documents not ascending");
      doc = i == 0 ? delta : doc + delta;
      if (doc >= index.doc_count) r.fail("document out of range");
      if (r.failed()) break;
      p.docs.push_back(static_cast<uint32_t>(doc));
      const uint32_t known = layout.lengths_loaded[index.lengths_part(static_cast<uint32_t>(doc))];
      for (uint64_t mask = mask_less_one + 1; mask != 0 && !r.failed(); mask &= mask - 1) {
        const uint8_t field = c.field[std::countr_zero(mask)];
        const uint64_t head = r.varint(2 * uint64_t{kMaxFieldLength} - 1, "position");
        uint64_t pos = head / 2;
        const uint64_t tf = head % 2 ? 1 + r.varint(kMaxFieldLength - 1, "term frequency") : 1;
        if (!r.failed() && tf == 1 && head % 2) r.fail("term frequency 1 marked as more");
        p.positions.push_back(static_cast<uint32_t>(pos));
        for (uint64_t q = 1; q < tf && !r.failed(); ++q) {
          const uint64_t d = r.varint(kMaxFieldLength, "position");
          if (d == 0) r.fail("positions not ascending");
          pos += d;
          p.positions.push_back(static_cast<uint32_t>(pos));
        }
        if (!r.failed() && pos >= kMaxFieldLength) r.fail("position out of range");
        if (r.failed()) break;
        const uint32_t end = static_cast<uint32_t>(pos + 1);
        if (known) {
          if (end > index.field_length[field][doc]) r.fail("position out of range");
        } else {
          out.implied.push_back(field);
          out.implied.push_back(static_cast<uint32_t>(doc));
          out.implied.push_back(end);
        }
        p.entry_field.push_back(field);
        p.pos_begin.push_back(static_cast<uint32_t>(p.positions.size()));
      }
      p.entry_begin.push_back(static_cast<uint32_t>(p.entry_field.size()));
    }
  }
  if (!r.failed() && !r.at_end()) r.fail("unexpected bytes after the last term");
  if (r.failed()) return corrupt(r.error());
  if (layout.postings_loaded[k]) return std::monostate{};
  // Positions of documents whose lengths come later: the least length each
  // (field, doc) may have, checked by read_lengths_part.
  if (!out.implied.empty() && layout.implied_length.empty()) {
    layout.implied_length.assign(index.schema.fields.size() * std::size_t{index.doc_count}, 0);
  }
  for (std::size_t i = 0; i < out.implied.size(); i += 3) {
    uint32_t& least =
        layout.implied_length[out.implied[i] * std::size_t{index.doc_count} + out.implied[i + 1]];
    least = std::max(least, out.implied[i + 2]);
  }
  for (uint32_t t = first; t < last; ++t) index.postings.set(t, std::move(out.lists[t - first]));
  layout.postings_loaded[k] = 1;
  return std::monostate{};
}

// Lengths part k: per searchable field, the length of that field in each
// document of the part's range; a field the loaded postings place a word in at position p
// must be longer than p.
OSPREY_COLD Result<std::monostate> read_lengths_part(Index& index, const Framed& part) {
  ByteReader r(part.payload, "lengths part");
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

Result<std::monostate> read_stored_part(Index& index, const Framed& part) {
  ByteReader r(part.payload, "stored part");
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

// Whether a term's text or df read from a part agrees with what parts loaded
// before say (nothing yet: empty / 0).
bool agrees(const Index& index, uint32_t t, std::string_view text, uint32_t df) {
  return (index.terms[t].empty() || index.terms[t] == text) &&
         (index.df[t] == 0 || index.df[t] == df);
}

// Which block a dictionary or reverse part holds (its first varint), and
// that block's range [first, last) and the first item of the next block
// (empty for the last), from the base's layout of blocks of that kind.
struct Block {
  uint32_t k, first, last;
  std::string_view next;
};

Result<Block> read_block(ByteReader& r, const std::vector<uint32_t>& begin,
                         const std::vector<std::string>& firsts) {
  const auto blocks = static_cast<uint32_t>(firsts.size());
  if (blocks == 0) r.fail("the index has no blocks of this kind");
  const uint32_t k = blocks == 0 ? 0 : r.u32(blocks - 1, "part number");
  if (r.failed()) return corrupt(r.error());
  return Block{k, begin[k], begin[k + 1], k + 1 < blocks ? firsts[k + 1] : std::string_view()};
}

OSPREY_COLD Result<std::monostate> read_dict_part(Index& index, const Framed& part) {
  ByteReader r(part.payload, "dictionary part");
  const Layout& layout = index.layout;
  const Result<Block> block = read_block(r, layout.dict_begin, layout.dict_first);
  if (!block.ok()) return block.error();
  const auto [k, first, last, next] = block.value();
  std::vector<std::string> terms;
  terms.reserve(last - first);
  for (uint32_t t = first; t < last && !r.failed(); ++t) {
    read_front_coded(r, terms.empty() ? std::string_view() : terms.back(), terms, "term");
    if (r.failed()) break;
    if (t == first && terms.back() != layout.dict_first[k])
      r.fail("first term differs from the base's");
    if (!next.empty() && !(std::string_view(terms.back()) < next)) r.fail("term beyond the block");
  }
  std::vector<uint32_t> df(last - first, 0);
  for (uint32_t i = 0; i < df.size() && !r.failed(); ++i) {
    df[i] = r.u32(index.doc_count, "document frequency");
    if (!r.failed() && df[i] == 0) r.fail("document frequency 0");
    if (!r.failed() && !agrees(index, first + i, terms[i], df[i])) {
      r.fail("a term differs from another part");
    }
  }
  const uint32_t stem0 = layout.stem_begin[k], stem1 = layout.stem_begin[k + 1];
  const uint32_t nterms = static_cast<uint32_t>(index.terms.size());
  std::vector<std::string> stems;
  std::vector<uint32_t> link_end, links;  // per stem: end of its links
  const std::size_t nlinks = layout.link_begin[k + 1] - layout.link_begin[k];
  links.reserve(nlinks);
  for (uint32_t s = stem0; s < stem1 && !r.failed(); ++s) {
    read_front_coded(r, stems.empty() ? std::string_view() : stems.back(), stems, "stem");
    if (r.failed()) break;
    if ((k > 0 && stems.back() < layout.dict_first[k]) ||
        (!next.empty() && !(std::string_view(stems.back()) < next))) {
      r.fail("stem beyond the block");
    }
    const uint32_t n = r.u32(nterms, "terms of a stem");
    if (!r.failed() && n == 0) r.fail("a stem of no term");
    if (!r.failed() && links.size() + n > nlinks) r.fail("more links than the base says");
    uint64_t t = 0;
    for (uint32_t i = 0; i < n && !r.failed(); ++i) {
      const uint64_t raw = r.varint(nterms, "term of a stem");
      if (i > 0 && raw == 0) r.fail("terms of a stem not ascending");
      t = i == 0 ? raw : t + raw;
      if (t >= nterms) r.fail("term of a stem out of range");
      links.push_back(static_cast<uint32_t>(t));
    }
    link_end.push_back(static_cast<uint32_t>(links.size()));
  }
  if (!r.failed() && links.size() != nlinks) r.fail("fewer links than the base says");
  if (!r.failed() && !r.at_end()) r.fail("unexpected bytes after the last stem");
  if (r.failed()) return corrupt(r.error());
  if (layout.dict_loaded[k]) return std::monostate{};
  for (uint32_t i = 0; i < terms.size(); ++i) {
    index.terms[first + i] = std::move(terms[i]);
    index.df[first + i] = df[i];
  }
  const uint32_t link0 = layout.link_begin[k];
  for (uint32_t i = 0; i < stems.size(); ++i) {
    const uint32_t s = stem0 + i;
    index.stems[s] = std::move(stems[i]);
    index.stem_term_begin[s + 1] = link0 + link_end[i];
    for (uint32_t l = i == 0 ? 0 : link_end[i - 1]; l < link_end[i]; ++l) {
      index.stem_terms[link0 + l] = links[l];
      index.term_stem[links[l]] = s;
    }
  }
  index.layout.dict_loaded[k] = 1;
  return std::monostate{};
}

OSPREY_COLD Result<std::monostate> read_rev_part(Index& index, const Framed& part) {
  ByteReader r(part.payload, "reverse part");
  const Layout& layout = index.layout;
  const Result<Block> block = read_block(r, layout.rev_begin, layout.rev_first);
  if (!block.ok()) return block.error();
  const auto [k, first, last, next] = block.value();
  const uint32_t nterms = static_cast<uint32_t>(index.terms.size());
  std::vector<std::string> reversed;
  std::vector<std::string> texts;
  std::vector<uint32_t> ids, dfs;
  reversed.reserve(last - first);
  for (uint32_t at = first; at < last && !r.failed(); ++at) {
    read_front_coded(r, reversed.empty() ? std::string_view() : reversed.back(), reversed,
                     "reversed term");
    const uint32_t t = r.u32(nterms - 1, "term id");
    const uint32_t df = r.u32(index.doc_count, "document frequency");
    if (r.failed()) break;
    if (at == first && reversed.back() != layout.rev_first[k]) {
      r.fail("first reversed term differs from the base's");
    }
    if (!next.empty() && !(std::string_view(reversed.back()) < next))
      r.fail("term beyond the block");
    if (df == 0) r.fail("document frequency 0");
    std::string text = reverse_code_points(reversed.back());
    if (reverse_code_points(text) != reversed.back()) r.fail("reversed term is not UTF-8");
    if (!r.failed() && !agrees(index, t, text, df)) {
      r.fail("a term differs from another part");
    }
    texts.push_back(std::move(text));
    ids.push_back(t);
    dfs.push_back(df);
  }
  if (!r.failed() && !r.at_end()) r.fail("unexpected bytes after the last term");
  if (r.failed()) return corrupt(r.error());
  if (layout.rev_loaded[k]) return std::monostate{};
  for (uint32_t i = 0; i < ids.size(); ++i) {
    index.rev_terms[first + i] = std::move(reversed[i]);
    index.rev_term[first + i] = ids[i];
    index.terms[ids[i]] = std::move(texts[i]);
    index.df[ids[i]] = dfs[i];
  }
  index.layout.rev_loaded[k] = 1;
  return std::monostate{};
}

Result<std::monostate> add_one(Index& index, const Framed& part) {
  if (part.build_id != index.layout.build_id) {
    return corrupt("index part belongs to another build of the index (build id differs)");
  }
  if (part.kind == kPostings) return read_postings_part(index, part);
  if (part.kind == kStored) return read_stored_part(index, part);
  if (part.kind == kDictionary) return read_dict_part(index, part);
  if (part.kind == kReverse) return read_rev_part(index, part);
  if (part.kind == kLengths) return read_lengths_part(index, part);
  if (part.kind == kText) return read_text_part(index, part.payload);
  return corrupt("a second index base where a part was expected");
}

}  // namespace

namespace {

// Slicing by 8 (Intel's "slice-by-8"): table k maps a byte to its CRC
// contribution k bytes further on, so 8 bytes take 8 independent lookups.
// Not constexpr, so that it runs once at first use: as a constant expression
// the compiler stored the 8 KiB table in the wasm, where gzip cannot shrink it.
std::array<std::array<uint32_t, 256>, 8> crc32_tables() {
  std::array<std::array<uint32_t, 256>, 8> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (std::size_t k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
  }
  return t;
}

}  // namespace

// Out of line: inlined into unframe (OSPREY_COLD) it would be compiled for
// size, and it reads every byte loaded.
[[gnu::noinline]] uint32_t crc32(std::string_view bytes) {
  static const std::array<std::array<uint32_t, 256>, 8> table = crc32_tables();
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  std::size_t n = bytes.size();
  uint32_t c = 0xffffffffu;
  for (; n >= 8; p += 8, n -= 8) {
    const uint32_t lo =
        c ^ (uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24);
    c = table[7][lo & 0xff] ^ table[6][(lo >> 8) & 0xff] ^ table[5][(lo >> 16) & 0xff] ^
        table[4][lo >> 24] ^ table[3][p[4]] ^ table[2][p[5]] ^ table[1][p[6]] ^ table[0][p[7]];
  }
  for (; n > 0; ++p, --n) c = table[0][(c ^ *p) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

namespace {

// The kinds of part after the base, in file order, and their frame kind bytes.
struct PartFrame {
  PartKind part;
  uint8_t frame;
};
constexpr PartFrame kPartFrames[] = {
    {PartKind::kDictionary, kDictionary}, {PartKind::kReverse, kReverse},
    {PartKind::kLengths, kLengths},       {PartKind::kPostings, kPostings},
    {PartKind::kStored, kStored},         {PartKind::kText, kText}};

// Every payload of an index, encoded once, and the build id they give.
struct Payloads {
  std::string base;  // the base payload, part prefix first
  // Per entry of kPartFrames, the payloads of its parts in order.
  std::array<std::vector<std::string>, std::size(kPartFrames)> parts;
  uint64_t build_id = 0;
  std::string id;      // build_id as 16 hex digits
  std::string prefix;  // the part prefix, "{id}" replaced
};

Result<Payloads> encode(const Index& index, std::string_view generator,
                        const PartOptions& options) {
  if (Result<std::monostate> fits = check_limits(index); !fits.ok()) return fits.error();
  // Every term's postings and every document's stored values are encoded
  // once, straight into the payload of the part they fall in.
  Payloads p;
  auto& [dict_parts, rev_parts, length_payloads, postings_parts, stored_parts, text_parts] =
      p.parts;
  const PostingCoding coding(index.schema);
  // Long searchable values go to text parts, cut in pieces (text_parts.hpp).
  const std::vector<uint8_t> text_fields = choose_text_fields(index);
  EncodedText text = encode_text_parts(index, text_fields, options.text_part_bytes);
  text_parts = std::move(text.payloads);
  const auto postings_sizes =
      fill_parts(static_cast<uint32_t>(index.terms.size()), options.postings_part_bytes,
                 postings_parts, [&](uint32_t t, ByteWriter& w) {
                   const std::size_t before = w.buffer().size();
                   write_postings(w, coding, index.postings[t]);
                   return w.buffer().size() - before + index.terms[t].size();
                 });
  const auto lengths_sizes = lengths_parts(index, options.lengths_part_bytes, length_payloads);
  // Beside text parts a document's stored values are its display fields only.
  const std::size_t stored_bytes = text_parts.empty() || options.stored_part_bytes_with_text == 0
                                       ? options.stored_part_bytes
                                       : options.stored_part_bytes_with_text;
  const auto stored_sizes =
      fill_parts(index.doc_count, stored_bytes, stored_parts, [&](uint32_t d, ByteWriter& w) {
        const std::size_t before = w.buffer().size();
        write_stored_doc(w, index, d, text_fields);
        return w.buffer().size() - before;
      });
  const std::vector<DictBlock> dict = dict_blocks(index, options.dictionary_part_bytes);
  const std::vector<RevBlock> rev = rev_blocks(index, options.dictionary_part_bytes);
  // A block's terms are at most kMaxBlockItems; the stems that sort among them
  // (of terms there or in other blocks) are counted here.
  for (const DictBlock& b : dict) {
    Result<std::monostate> fits =
        check_limit(b.stems, kMaxBlockItems, "stems in one dictionary block");
    if (!fits.ok()) return fits.error();
  }
  for (uint32_t k = 0; k < dict.size(); ++k) dict_parts.push_back(dict_payload(index, k, dict[k]));
  for (uint32_t k = 0; k < rev.size(); ++k) rev_parts.push_back(rev_payload(index, k, rev[k]));
  const std::string base_rest =
      base_payload(index, generator, postings_sizes, stored_sizes, lengths_sizes, text_fields,
                   text.first, text.shares, dict, rev);

  p.build_id = fnv1a(base_rest);
  for (const auto& payloads : p.parts) {
    for (const std::string& part : payloads) p.build_id = fnv1a(part, p.build_id);
  }
  p.id = hex64(p.build_id);
  p.prefix = options.part_prefix;
  if (const std::size_t id_at = p.prefix.find("{id}"); id_at != std::string::npos) {
    p.prefix.replace(id_at, 4, p.id);
  }
  ByteWriter base;
  base.buffer().reserve(p.prefix.size() + 10 + base_rest.size());
  base.string(p.prefix);
  base.bytes(base_rest);
  p.base = base.take();
  return p;
}

}  // namespace

Result<std::monostate> check_limits(const Index& index) {
  // The reader validates the schema of a base the same way.
  if (Result<Schema> valid = Schema::validate(index.schema); !valid.ok()) return valid.error();
  if (Result<std::monostate> fits = check_doc_count(index.doc_count); !fits.ok()) return fits;
  if (Result<std::monostate> fits = check_term_count(index.terms.size()); !fits.ok()) return fits;
  if (Result<std::monostate> fits =
          check_limit(index.stop_words.size(), kMaxStopWords, "stop words");
      !fits.ok()) {
    return fits;
  }
  for (std::size_t f = 0; f < index.field_length.size(); ++f) {
    for (uint32_t len : index.field_length[f]) {
      if (len > kMaxFieldLength) {
        return check_limit(
            len, kMaxFieldLength,
            ("words in one document's field \"" + index.schema.fields[f].name + "\"").c_str());
      }
    }
  }
  return std::monostate{};
}

Result<std::vector<WrittenPart>> write_parts(const Index& index, std::string_view generator,
                                             const PartOptions& options) {
  Result<Payloads> encoded = encode(index, generator, options);
  if (!encoded.ok()) return encoded.error();
  Payloads& p = encoded.value();
  std::vector<WrittenPart> out;
  std::size_t count = 1;
  for (const auto& payloads : p.parts) count += payloads.size();
  out.reserve(count);
  auto add = [&](std::string name, uint8_t kind, std::string& payload) {
    std::string bytes;
    bytes.reserve(frame_size(payload.size()));
    append_frame(bytes, kind, p.build_id, payload);
    payload = std::string();
    out.push_back({std::move(name), std::move(bytes)});
  };
  add(p.id, kBase, p.base);
  for (std::size_t i = 0; i < p.parts.size(); ++i) {
    for (uint32_t k = 0; k < p.parts[i].size(); ++k) {
      add(part_file_name(p.prefix, {kPartFrames[i].part, k}), kPartFrames[i].frame, p.parts[i][k]);
    }
  }
  return out;
}

Result<WrittenPart> write_index_file(const Index& index, std::string_view generator) {
  Result<Payloads> encoded = encode(index, generator, {});
  if (!encoded.ok()) return encoded.error();
  Payloads& p = encoded.value();
  std::size_t total = frame_size(p.base.size());
  for (const auto& payloads : p.parts) {
    for (const std::string& part : payloads) total += frame_size(part.size());
  }
  WrittenPart out{p.id, {}};
  out.bytes.reserve(total);
  append_frame(out.bytes, kBase, p.build_id, p.base);
  for (std::size_t i = 0; i < p.parts.size(); ++i) {
    for (std::string& part : p.parts[i]) {
      append_frame(out.bytes, kPartFrames[i].frame, p.build_id, part);
      part = std::string();
    }
  }
  return out;
}

Result<std::string> write_index_binary(const Index& index, std::string_view generator) {
  Result<WrittenPart> file = write_index_file(index, generator);
  if (!file.ok()) return file.error();
  return std::move(file.value().bytes);
}

bool is_binary_index(std::string_view bytes) {
  return bytes.substr(0, kBinaryMagic.size()) == kBinaryMagic;
}

OSPREY_COLD Result<Index> read_index_binary(std::string_view bytes) {
  const std::size_t total = bytes.size();
  Result<Framed> first = unframe(bytes, 0);
  if (!first.ok()) return first.error();
  if (first.value().kind != kBase) {
    return Error{ErrorCode::kUnsupported, "not an index base (a part of a sharded index?)"};
  }
  Result<Index> index = read_base(first.value());
  if (!index.ok()) return index;
  while (!bytes.empty()) {
    const std::size_t offset = total - bytes.size();
    Result<Framed> part = unframe(bytes, offset);
    if (!part.ok()) return part.error();
    Result<std::monostate> added = add_one(index.value(), part.value());
    if (!added.ok()) return added.error();
  }
  // A base without a part prefix is a single file: every part must be in it.
  const Layout& layout = index.value().layout;
  const auto all = [](const std::vector<uint8_t>& v) {
    return std::all_of(v.begin(), v.end(), [](uint8_t x) { return x != 0; });
  };
  if (layout.part_prefix.empty() &&
      !(all(layout.postings_loaded) && all(layout.stored_loaded) && all(layout.dict_loaded) &&
        all(layout.rev_loaded) && all(layout.lengths_loaded) && all(layout.text_loaded))) {
    return corrupt("index file ends before its last part (truncated?)");
  }
  return index;
}

namespace {

// The name of the part framed in f (its kind and its number, the payload's
// first varint), as Index::part_name gives it; empty for a base or a payload
// without a number.
OSPREY_COLD std::string framed_part_name(const Index& index, const Framed& f) {
  const auto* kind = std::find_if(std::begin(kPartFrames), std::end(kPartFrames),
                                  [&](const PartFrame& p) { return p.frame == f.kind; });
  if (kind == std::end(kPartFrames)) return {};
  ByteReader r(f.payload, "");
  const uint64_t k = r.varint(kMax32, "part number");
  return r.failed() ? std::string() : index.part_name({kind->part, static_cast<uint32_t>(k)});
}

}  // namespace

OSPREY_COLD Result<std::monostate> add_parts(Index& index, std::string_view bytes,
                                             std::string_view name) {
  const std::size_t total = bytes.size();
  if (bytes.empty()) return corrupt("empty index part");
  while (!bytes.empty()) {
    Result<Framed> part = unframe(bytes, total - bytes.size());
    if (!part.ok()) {
      Error e = part.error();
      e.code = ErrorCode::kCorruptIndex;
      return e;
    }
    // A file fetched by name holds that part alone (a part of another build
    // is reported as such by add_one).
    if (!name.empty() && part.value().build_id == index.layout.build_id) {
      const std::string held = framed_part_name(index, part.value());
      if (held != name) {
        return corrupt("holds " + (held.empty() ? std::string("an index base") : "part " + held) +
                       ", expected " + std::string(name));
      }
      if (!bytes.empty()) return corrupt("holds more than part " + std::string(name));
    }
    Result<std::monostate> added = add_one(index, part.value());
    if (!added.ok()) return added;
  }
  return std::monostate{};
}

}  // namespace osprey
