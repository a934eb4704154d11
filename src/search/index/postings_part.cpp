// Postings parts of the binary index format (docs/index-format.md
// "Postings part payload"): writer and reader.
#include <array>
#include <bit>

#include "index/limits.hpp"
#include "index/part_codecs.hpp"

namespace osprey::codec {
namespace {

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

// A decoded postings part, committed to the index only when all of it checks out.
struct PostingsPart {
  std::vector<PostingList> lists;
  // Triples (field, doc, last position + 1) of every entry whose document's
  // lengths are not loaded: checked when they load (Layout::implied_length).
  std::vector<uint32_t> implied;
};

}  // namespace

std::vector<uint32_t> postings_parts(const Index& index, std::size_t target,
                                     std::vector<std::string>& payloads) {
  const PostingCoding coding(index.schema);
  return fill_parts(static_cast<uint32_t>(index.terms.size()), target, payloads,
                    [&](uint32_t t, ByteWriter& w) {
                      const std::size_t before = w.buffer().size();
                      write_postings(w, coding, index.postings[t]);
                      return w.buffer().size() - before + index.terms[t].size();
                    });
}

Result<std::monostate> read_postings_part(Index& index, std::string_view payload) {
  ByteReader r(payload, "postings part");
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

}  // namespace osprey::codec
