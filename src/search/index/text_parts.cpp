#include "index/text_parts.hpp"

#include <algorithm>
#include <limits>

#include "index/limits.hpp"
#include "index/text_cuts.hpp"
#include "text/tokenize.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace osprey {
namespace {

constexpr uint32_t kMax32 = std::numeric_limits<uint32_t>::max() - 1;
constexpr uint32_t kEnd = std::numeric_limits<uint32_t>::max();

// Whether field f may be a text field (the writer's rule but for length; the
// reader checks it).
bool may_be_text(const Schema& schema, std::size_t f) {
  const FieldSpec& spec = schema.fields[f];
  return spec.stored && spec.searchable() && !spec.facet && !in_base(spec) && !spec.group &&
         static_cast<int>(f) != schema.find(schema.id_field);
}

// The text fields' numbers, ascending: a piece's field slot indexes this.
std::vector<uint32_t> field_list(const std::vector<uint8_t>& text_fields) {
  std::vector<uint32_t> out;
  for (uint32_t f = 0; f < text_fields.size(); ++f) {
    if (text_fields[f]) out.push_back(f);
  }
  return out;
}

// Pieces packed into part payloads (the layout "Text part payload" states).
class Packer {
 public:
  Packer(const std::vector<uint32_t>& slots, EncodedText& out) : slot_of_(slots), out_(out) {}

  std::size_t bytes() const { return bytes_; }
  bool empty() const { return pieces_.empty(); }

  void add(TextPiece piece) {
    bytes_ += piece.text.size();
    pieces_.push_back(std::move(piece));
  }

  void close() {
    if (pieces_.empty()) return;
    ByteWriter w;
    w.varint(out_.payloads.size());
    w.varint(pieces_.size());
    uint32_t doc = pieces_.front().key.doc;
    for (const TextPiece& p : pieces_) {
      w.varint(p.key.doc - doc);
      doc = p.key.doc;
      w.varint(slot_of_[p.key.field]);
      w.varint(p.key.position);
      w.varint(p.offset);
      w.varint(p.offset16);
      w.varint(p.offset - p.section);
      w.varint(p.offset16 - p.section16);
      w.u8((p.ends ? 1 : 0) | (p.section_end > 0 ? 2 : 0));
      if (p.section_end > 0) w.varint(p.section_end);
      w.string(p.text);
    }
    out_.first.push_back(pieces_.front().key);
    out_.payloads.push_back(w.take());
    pieces_.clear();
    bytes_ = 0;
  }

 private:
  const std::vector<uint32_t>& slot_of_;  // by schema field
  EncodedText& out_;
  std::vector<TextPiece> pieces_;
  std::size_t bytes_ = 0;
};

}  // namespace

std::vector<uint8_t> choose_text_fields(const Index& index) {
  const Schema& schema = index.schema;
  std::vector<uint8_t> out(schema.fields.size(), 0);
  bool any = false;
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (!may_be_text(schema, f)) continue;
    uint64_t bytes = 0, values = 0;
    for (const auto& v : index.stored[f]) {
      if (!v) continue;
      bytes += v->size();
      ++values;
    }
    if (values > 0 && bytes > kTextFieldMeanBytes * values) out[f] = any = true;
  }
  if (!any) out.clear();
  return out;
}

namespace {

// The sections of page doc d whose field f values may be slices of d's
// value, with their offsets in it: each value found after the one before.
struct Candidate {
  uint32_t doc;
  uint32_t offset;
};

std::vector<Candidate> section_candidates(const Index& index, const std::vector<uint32_t>& sections,
                                          uint32_t f, std::string_view page_value) {
  std::vector<Candidate> out;
  std::size_t from = 0;
  for (uint32_t s : sections) {
    const auto& v = index.stored[f][s];
    if (!v || v->empty()) continue;
    const std::size_t at = page_value.find(*v, from);
    if (at == std::string_view::npos || at == 0) continue;
    out.push_back({s, static_cast<uint32_t>(at)});
    from = at + v->size();
  }
  return out;
}

}  // namespace

EncodedText encode_text_parts(const Index& index, const std::vector<uint8_t>& text_fields,
                              std::size_t target) {
  EncodedText out;
  const std::vector<uint32_t> fields = field_list(text_fields);
  std::vector<uint32_t> slot_of(text_fields.size(), 0);
  for (uint32_t i = 0; i < fields.size(); ++i) slot_of[fields[i]] = i;
  const text::Folding folding = text::folding_for(index.schema.language);
  text::TokenList tokens, scratch, alone;
  Packer packer(slot_of, out);
  // Per page, its section records after it (a section before its page
  // keeps its own pieces: shares ascend by document and by key).
  std::vector<std::vector<uint32_t>> sections(index.grouped() ? index.doc_count : 0);
  for (uint32_t d = 0; d < sections.size(); ++d) {
    if (index.section[d] && index.page_of[d] < d) sections[index.page_of[d]].push_back(d);
  }
  std::vector<TextShare> found;  // shares found, by (doc, field), not yet reached
  std::vector<uint32_t> forced, made;
  for (uint32_t d = 0; d < index.doc_count; ++d) {
    for (uint32_t f : fields) {
      const auto& value = index.stored[f][d];
      if (!value) continue;
      // A section value its page's pieces hold, kept when keys stay ascending.
      const auto share = std::find_if(found.begin(), found.end(), [&](const TextShare& x) {
        return x.doc == d && x.field == f;
      });
      if (share != found.end()) {
        const TextShare sh = *share;
        found.erase(share);
        const auto key = [&](const TextShare& x) {
          return TextKey{index.page_of[x.doc], x.field, x.position};
        };
        if (out.shares.empty() || key(out.shares.back()) < key(sh)) {
          out.shares.push_back(sh);
          continue;
        }
      }
      std::vector<Candidate> candidates;
      forced.clear();
      if (!sections.empty() && !sections[d].empty()) {
        candidates = section_candidates(index, sections[d], f, *value);
        for (const Candidate& c : candidates) forced.push_back(c.offset);
      }
      const std::vector<Span> spans =
          cut_value(*value, forced, packer.bytes(), target, folding, tokens, scratch, made);
      // A section starting where a piece does is shared when its value
      // tokenizes alone as it does within the page's: its position and
      // byte range in the value.
      struct Range {
        uint32_t position, begin, end;
      };
      std::vector<Range> shared;
      for (const Candidate& c : candidates) {
        if (!std::binary_search(made.begin(), made.end(), c.offset)) continue;
        const auto& e = tokens.entries();
        const auto end = static_cast<uint32_t>(c.offset + index.stored[f][c.doc]->size());
        uint32_t first = 0;
        while (first < e.size() && e[first].begin < c.offset) ++first;
        uint32_t last = first;
        while (last < e.size() && e[last].begin < end) ++last;
        if (first == last ||
            !tokenizes_alone(*value, tokens, c.offset, end, first, last, folding, alone)) {
          continue;
        }
        found.push_back({c.doc, f, e[first].position});
        shared.push_back({e[first].position, c.offset, end});
      }
      // A section's end is in the piece holding its last token: no cut
      // falls between that token and the next section's start.
      uint32_t offset16 = 0, section = 0, section16 = 0, section_end = 0;
      auto next = shared.begin();
      for (const Span& s : spans) {
        if (s.close) packer.close();
        const std::string_view text = std::string_view(*value).substr(s.begin, s.end - s.begin);
        const uint32_t position = s.token == 0 ? 0 : tokens.entries()[s.token].position;
        if (next != shared.end() && next->begin == s.begin) {
          section = s.begin;
          section16 = offset16;
          section_end = next->end;
          ++next;
        }
        uint32_t ends_here = 0;
        if (section_end > s.begin && section_end <= s.end) {
          ends_here = section_end - s.begin;
          section_end = 0;
        }
        packer.add({{d, f, position},
                    s.begin,
                    offset16,
                    section,
                    section16,
                    ends_here,
                    s.end == value->size(),
                    std::string(text)});
        offset16 += static_cast<uint32_t>(text::utf16_length(text));
      }
      if (target > 0 && packer.bytes() >= target) packer.close();
    }
  }
  packer.close();
  return out;
}

void write_text_layout(ByteWriter& w, const Schema& schema, const std::vector<uint8_t>& text_fields,
                       const std::vector<TextKey>& first) {
  (void)schema;
  const std::vector<uint32_t> fields = field_list(text_fields);
  std::vector<uint32_t> slot_of(text_fields.size(), 0);
  for (uint32_t i = 0; i < fields.size(); ++i) slot_of[fields[i]] = i;
  w.varint(fields.size());
  for (uint32_t f : fields) w.varint(f);
  w.varint(first.size());
  uint32_t doc = 0;
  for (const TextKey& key : first) {
    w.varint(key.doc - doc);
    doc = key.doc;
    w.varint(slot_of[key.field]);
    w.varint(key.position);
  }
}

// Not inlined into the -O2 reader of the wasm (its size budget).
[[gnu::noinline]] void read_text_layout(ByteReader& r, Index& index) {
  const Schema& schema = index.schema;
  const std::size_t nf = schema.fields.size();
  const uint32_t count = r.u32(static_cast<uint32_t>(nf), "text field count");
  std::vector<uint32_t> fields;
  for (uint32_t i = 0; i < count && !r.failed(); ++i) {
    const uint32_t f = r.u32(static_cast<uint32_t>(nf - 1), "text field");
    if (r.failed()) break;
    if (!fields.empty() && f <= fields.back()) r.fail("text fields not ascending");
    if (!may_be_text(schema, f)) r.fail("text field is not a stored searchable text");
    fields.push_back(f);
  }
  const auto max_parts = static_cast<uint32_t>(std::min<std::size_t>(r.remaining(), kMax32));
  const uint32_t parts = r.u32(max_parts, "text part count");
  if (!r.failed() && count == 0 && parts > 0) r.fail("text parts without text fields");
  if (r.failed()) return;
  Layout& layout = index.layout;
  layout.text_first.clear();
  uint64_t doc = 0;
  for (uint32_t k = 0; k < parts && !r.failed(); ++k) {
    doc += r.varint(index.doc_count, "text part document");
    const uint32_t slot = r.u32(count - 1, "text part field");
    const uint32_t position = r.u32(kMax32, "text part position");
    if (r.failed()) break;
    if (doc >= index.doc_count) r.fail("text part document out of range");
    const TextKey key{static_cast<uint32_t>(doc), fields[slot], position};
    if (k > 0 && !(layout.text_first.back() < key)) r.fail("text parts not ascending");
    layout.text_first.push_back(key);
  }
  if (r.failed()) return;
  index.text_field.assign(count > 0 ? nf : 0, 0);
  for (uint32_t f : fields) index.text_field[f] = 1;
  layout.text_loaded.assign(parts, 0);
  index.text_pieces.assign(parts, {});
}

void write_text_shares(ByteWriter& w, const Index& index, const std::vector<uint8_t>& text_fields,
                       const std::vector<TextShare>& shares) {
  const std::vector<uint32_t> fields = field_list(text_fields);
  std::vector<uint32_t> slot_of(text_fields.size(), 0);
  for (uint32_t i = 0; i < fields.size(); ++i) slot_of[fields[i]] = i;
  // Columns: documents, field slots (with two or more text fields), positions.
  w.varint(shares.size());
  for (std::size_t i = 0; i < shares.size(); ++i) {
    w.varint(shares[i].doc - (i > 0 ? shares[i - 1].doc : 0));
  }
  if (fields.size() > 1) {
    for (const TextShare& s : shares) w.varint(slot_of[s.field]);
  }
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const TextShare& s = shares[i];
    const TextShare* prev = i > 0 ? &shares[i - 1] : nullptr;
    const bool same =
        prev && index.page_of[prev->doc] == index.page_of[s.doc] && prev->field == s.field;
    w.varint(s.position - (same ? prev->position : 0));
  }
}

// Not inlined into the -O2 reader of the wasm (its size budget).
[[gnu::noinline]] void read_text_shares(ByteReader& r, Index& index) {
  const std::vector<uint32_t> fields = field_list(index.text_field);
  const auto max = static_cast<uint32_t>(
      std::min<uint64_t>(uint64_t{index.section_count} * fields.size(), r.remaining()));
  const uint32_t count = r.u32(max, "shared section count");
  std::vector<TextShare>& shares = index.text_share;
  shares.assign(r.failed() ? 0 : count, {});
  uint64_t doc = 0;
  for (TextShare& s : shares) {
    doc += r.varint(index.doc_count, "shared section");
    if (r.failed()) return;
    if (doc >= index.doc_count) return r.fail("shared section out of range");
    s.doc = static_cast<uint32_t>(doc);
    if (!index.section[s.doc]) return r.fail("shared section is not a section");
    s.field = fields.front();
  }
  if (fields.size() > 1) {
    for (TextShare& s : shares) {
      s.field = fields[r.u32(static_cast<uint32_t>(fields.size() - 1), "shared section field")];
    }
  }
  for (std::size_t i = 0; i < shares.size() && !r.failed(); ++i) {
    TextShare& s = shares[i];
    const TextShare* prev = i > 0 ? &shares[i - 1] : nullptr;
    const uint32_t delta = r.u32(kMax32, "shared section position");
    const bool same =
        prev && index.page_of[prev->doc] == index.page_of[s.doc] && prev->field == s.field;
    const uint64_t position = uint64_t{delta} + (same ? prev->position : 0);
    if (position > kMax32) return r.fail("shared section position out of range");
    s.position = static_cast<uint32_t>(position);
    if (prev && !(std::pair(prev->doc, prev->field) < std::pair(s.doc, s.field) &&
                  TextKey{index.page_of[prev->doc], prev->field, prev->position} <
                      TextKey{index.page_of[s.doc], s.field, s.position})) {
      return r.fail("shared sections not ascending");
    }
  }
}

[[gnu::noinline]] Result<std::monostate> read_text_part(Index& index, std::string_view payload) {
  ByteReader r(payload, "text part");
  const Layout& layout = index.layout;
  if (layout.text_loaded.empty()) return corrupt("text part: the index has no text parts");
  const auto nparts = static_cast<uint32_t>(layout.text_loaded.size());
  const uint32_t k = r.u32(nparts - 1, "part number");
  const auto max_pieces = static_cast<uint32_t>(std::min<std::size_t>(r.remaining(), kMax32));
  const uint32_t n = r.u32(max_pieces, "piece count");
  if (!r.failed() && n == 0) r.fail("a text part without pieces");
  if (r.failed()) return corrupt(r.error());
  const std::vector<uint32_t> fields = field_list(index.text_field);
  std::vector<TextPiece> pieces;
  uint64_t doc = layout.text_first[k].doc;
  for (uint32_t i = 0; i < n && !r.failed(); ++i) {
    TextPiece p;
    doc += r.varint(index.doc_count, "document");
    const uint32_t slot = r.u32(static_cast<uint32_t>(fields.size() - 1), "field");
    p.key.position = r.u32(kMax32, "position");
    p.offset = r.u32(kMax32, "offset");
    p.offset16 = r.u32(kMax32, "UTF-16 offset");
    const uint32_t into = r.u32(kMax32, "offset in its section");
    const uint32_t into16 = r.u32(kMax32, "UTF-16 offset in its section");
    const uint8_t ends = r.u8();
    if (ends & 2) p.section_end = r.u32(kMax32, "section end");
    p.text = std::string(r.string("piece"));
    if (r.failed()) break;
    if (doc >= index.doc_count) r.fail("document out of range");
    if (ends > 3) r.fail("piece end flags are not 0 to 3");
    if ((ends & 2) && (p.section_end == 0 || p.section_end > p.text.size() || into == p.offset)) {
      r.fail("section end out of range");
    }
    p.key.doc = static_cast<uint32_t>(doc);
    p.key.field = fields[slot];
    p.ends = (ends & 1) != 0;
    if ((p.offset == 0) != (p.key.position == 0) || (p.offset == 0) != (p.offset16 == 0)) {
      r.fail("piece offsets and position disagree");
    }
    if (into > p.offset || into16 > p.offset16 || (into == 0) != (into16 == 0)) {
      r.fail("piece offsets in its section out of range");
    }
    p.section = p.offset - into;
    p.section16 = p.offset16 - into16;
    if (i == 0 && p.key != layout.text_first[k]) r.fail("first piece differs from the base's");
    if (i > 0) {
      const TextPiece& q = pieces.back();
      const bool same = q.key.doc == p.key.doc && q.key.field == p.key.field;
      if (!(q.key < p.key)) r.fail("pieces not ascending");
      if (same && (q.ends || p.offset != q.offset + q.text.size() ||
                   p.offset16 != q.offset16 + text::utf16_length(q.text))) {
        r.fail("a piece does not continue its value");
      }
      // A piece is in the section of the one before, or starts one.
      if (same && into > 0 && (p.section != q.section || p.section16 != q.section16)) {
        r.fail("a piece's section differs from the piece's before");
      }
      if (!same && (!q.ends || p.offset != 0)) r.fail("a value starts before the last one ends");
    }
    pieces.push_back(std::move(p));
  }
  if (!r.failed() && !r.at_end()) r.fail("unexpected bytes after the last piece");
  if (!r.failed() && k + 1 < nparts) {
    const TextPiece& last = pieces.back();
    const TextKey& next = layout.text_first[k + 1];
    const bool continues = next.doc == last.key.doc && next.field == last.key.field;
    if (!(last.key < next) || continues == last.ends)
      r.fail("last piece does not meet the next part");
  }
  if (!r.failed() && k + 1 == nparts && !pieces.back().ends) r.fail("the last value does not end");
  // A shared section value (item 12b) whose key is in this part starts a piece.
  const auto share_key = [&](const TextShare& s) {
    return TextKey{index.page_of[s.doc], s.field, s.position};
  };
  const std::vector<TextShare>& shares = index.text_share;
  const auto first_share = [&](const TextKey& key) {
    return std::lower_bound(shares.begin(), shares.end(), key,
                            [&](const TextShare& s, const TextKey& x) { return share_key(s) < x; });
  };
  for (auto it = first_share(layout.text_first[k]);
       !r.failed() && it != shares.end() &&
       (k + 1 == nparts || share_key(*it) < layout.text_first[k + 1]);
       ++it) {
    const TextKey key = share_key(*it);
    if (std::none_of(pieces.begin(), pieces.end(),
                     [&](const TextPiece& p) { return p.key == key && p.section == p.offset; }))
      r.fail("a shared section does not start a piece");
  }
  if (r.failed()) return corrupt(r.error());
  if (index.layout.text_loaded[k]) return std::monostate{};
  index.text_pieces[k] = std::move(pieces);
  index.layout.text_loaded[k] = 1;
  // Values now whole move to stored, and the shared section values they
  // hold; their pieces keep only their keys (and offsets).
  for (const TextPiece& p : index.text_pieces[k]) {
    const uint32_t d = p.key.doc, f = p.key.field;
    if (index.stored[f][d] || !index.text_ready(d, f, 0, kEnd, nullptr)) continue;
    std::optional<TextSlice> whole = index.text_slice(d, f, 0, kEnd);
    if (!whole || !whole->starts || !whole->ends) continue;
    index.stored[f][d] = std::move(whole->text);
    const std::string& value = *index.stored[f][d];
    const auto [begin, end] = index.text_parts(d, f, 0, kEnd);
    for (auto it = first_share({d, f, 0});
         it != shares.end() && share_key(*it) < TextKey{d, f + 1, 0}; ++it) {
      // From the piece starting the section to the first of its pieces
      // stating its end.
      const TextPiece* start = nullptr;
      for (uint32_t j = begin; j < end && !index.stored[f][it->doc]; ++j) {
        for (const TextPiece& q : index.text_pieces[j]) {
          if (q.key.doc != d || q.key.field != f) continue;
          if (q.key == share_key(*it)) start = &q;
          if (!start || q.section != start->offset || q.section_end == 0) continue;
          index.stored[f][it->doc] =
              value.substr(start->offset, q.offset + q.section_end - start->offset);
          break;
        }
      }
      if (!index.stored[f][it->doc]) return corrupt("text part: a shared section has no end");
    }
    for (uint32_t j = begin; j < end; ++j) {
      for (TextPiece& q : index.text_pieces[j]) {
        if (q.key.doc == d && q.key.field == f) q.text = std::string();
      }
    }
  }
  return std::monostate{};
}

}  // namespace osprey
