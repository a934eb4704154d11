// What the postings parts of a bundle are made of: splits an index into parts
// as `osprey index --bundle` does (16 KiB postings, 8 KiB dictionary and
// reverse blocks, 64 KiB lengths), then counts the raw bytes of each
// component of the postings (doc deltas, entry counts, fields, field lengths,
// tf, positions) and gzip -9 of whole payloads written as alternative
// layouts on the same term ranges, so a format change is measured on the
// bytes a bundle holds before it is made.
// Layouts are this file's own encoders, not the codec's: "v3 (as written)" is
// format version 3's postings (a field length in every entry), "rows, no
// lengths" version 4's (lengths in lengths parts); the codec's own parts are
// printed by kind first. Measured on the 63k Debian corpus
// (docs/index-format.md "Lengths part payload").
// usage: index_anatomy INDEX
// INDEX: one whole index file as `osprey index ... -o FILE` writes it.
//   g++ -std=c++20 -O2 -I src/search bench/index_anatomy.cpp \
//       build/native/src/search/libosprey_search.a -lz -o index_anatomy
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "index/binary_codec.hpp"
#include "index/bytes.hpp"

using namespace osprey;

namespace {

std::size_t varint_size(uint64_t v) {
  std::size_t n = 1;
  for (; v >= 0x80; v >>= 7) ++n;
  return n;
}

// gzip -9 of bytes as a bundle file holds them (a member: 18 bytes of header and trailer).
std::size_t gzip_size(const std::string& bytes) {
  uLongf n = compressBound(bytes.size());
  std::string out(n, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(bytes.data()),
            bytes.size(), 9);
  return n - 6 + 18;  // zlib's 2-byte header and adler32 → gzip's 10 + 8
}

struct Tally {
  std::map<std::string, uint64_t> raw;    // component → bytes
  std::map<std::string, uint64_t> gzip;   // layout → gzip bytes summed over parts
  std::map<std::string, uint64_t> bytes;  // layout → raw bytes summed over parts
  void layout(const std::string& name, const std::string& payload) {
    gzip[name] += gzip_size(payload) + 16 + 3 + 4;  // frame: header, length, CRC
    bytes[name] += payload.size();
  }
};

// The searchable ordinal of each field (-1 for others).
std::vector<int> searchable_ordinals(const Index& index) {
  std::vector<int> ord;
  int n = 0;
  for (const FieldSpec& f : index.schema.fields) ord.push_back(f.searchable() ? n++ : -1);
  return ord;
}

// One postings part [first, last) in several layouts.
void postings_part(const Index& index, uint32_t k, uint32_t first, uint32_t last, Tally& t) {
  const std::vector<int> ord = searchable_ordinals(index);
  ByteWriter w3, wn, wt, wm, wf;
  for (ByteWriter* w : {&w3, &wn, &wt, &wm, &wf}) w->varint(k);
  // The part's distinct (doc, field) lengths, once: docs ascending, each a
  // delta, a searchable-field mask and the masked fields' lengths.
  std::map<uint32_t, std::map<uint32_t, uint32_t>> lengths;
  for (uint32_t term = first; term < last; ++term) {
    const PostingList& p = index.postings[term];
    for (ByteWriter* w : {&w3, &wn, &wt, &wm, &wf}) w->varint(p.docs.size());
    t.raw["df"] += varint_size(p.docs.size());
    uint32_t prev = 0;
    for (std::size_t i = 0; i < p.docs.size(); ++i) {
      const uint32_t doc = p.docs[i], delta = i == 0 ? doc : doc - prev;
      prev = doc;
      const uint32_t entries = p.entry_begin[i + 1] - p.entry_begin[i];
      uint64_t fields = 0;
      for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e)
        fields |= uint64_t{1} << ord[p.entry_field[e]];
      t.raw["doc delta"] += varint_size(delta);
      t.raw["entry count"] += varint_size(entries);
      for (ByteWriter* w : {&w3, &wn, &wt}) {
        w->varint(delta);
        w->varint(entries);
      }
      for (ByteWriter* w : {&wm, &wf}) w->varint((uint64_t{delta} << 3) | (fields - 1));
      for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
        const uint32_t f = p.entry_field[e], len = index.field_length[f][doc], tf = p.tf(e);
        lengths[doc][f] = len;
        t.raw["field"] += varint_size(f);
        t.raw["field length"] += varint_size(len);
        t.raw["tf"] += varint_size(tf);
        w3.varint(f);
        w3.varint(len);
        for (ByteWriter* w : {&w3, &wn, &wt, &wm}) w->varint(tf);
        for (ByteWriter* w : {&wn, &wt}) w->varint(f);
        uint32_t last_pos = 0;
        for (uint32_t q = p.pos_begin[e]; q < p.pos_begin[e + 1]; ++q) {
          const uint32_t d = q == p.pos_begin[e] ? p.positions[q] : p.positions[q] - last_pos;
          last_pos = p.positions[q];
          t.raw["positions"] += varint_size(d);
          for (ByteWriter* w : {&w3, &wn, &wt, &wm}) w->varint(d);
          // tf folded into the first position: 2 * pos + (tf > 1), then tf - 1.
          if (q == p.pos_begin[e]) {
            wf.varint(uint64_t{d} * 2 + (tf > 1));
            if (tf > 1) wf.varint(tf - 1);
          } else {
            wf.varint(d);
          }
        }
      }
    }
  }
  ByteWriter lt;
  uint32_t prev = 0;
  for (const auto& [doc, fields] : lengths) {
    lt.varint(doc - prev);
    prev = doc;
    uint64_t m = 0;
    for (const auto& [f, len] : fields) m |= uint64_t{1} << ord[f];
    lt.varint(m);
    for (const auto& [f, len] : fields) lt.varint(len);
  }
  t.raw["length table (once per part)"] += lt.buffer().size();
  t.layout("v3 (as written)", w3.buffer());
  t.layout("no field lengths at all (bound)", wn.buffer());
  t.layout("lengths in a table per part", lt.buffer() + wt.buffer());
  t.layout("+ doc delta and field mask in one varint", lt.buffer() + wm.buffer());
  t.layout("+ tf folded into the first position", lt.buffer() + wf.buffer());
}

// A length as a code of `exact` exact values, then `bits` significant bits
// per octave (the value's top bits; the rest dropped).
uint32_t quantize(uint32_t len, uint32_t exact, int bits) {
  if (len < exact || bits == 0) return len;
  int top = 31 - __builtin_clz(len);
  const int drop = top + 1 - bits;
  return drop <= 0 ? len : (len >> drop) << drop;
}

// Row layout with the doc header as delta << 3 | mask - 1 (the Debian
// schema's three searchable fields), tf folded into the
// first position, the length (quantised) after each entry's tf; or columns:
// the part's doc headers, then its tf/positions, then its lengths, each a
// stream of its own.
std::string variant(const Index& index, uint32_t k, uint32_t first, uint32_t last, uint32_t exact,
                    int bits, bool columns, bool lengths_on = true, bool positions_on = true) {
  const std::vector<int> ord = searchable_ordinals(index);
  ByteWriter head, pos, len;
  head.varint(k);
  for (uint32_t term = first; term < last; ++term) {
    const PostingList& p = index.postings[term];
    head.varint(p.docs.size());
    uint32_t prev = 0;
    for (std::size_t i = 0; i < p.docs.size(); ++i) {
      const uint32_t doc = p.docs[i], delta = i == 0 ? doc : doc - prev;
      prev = doc;
      uint64_t fields = 0;
      for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e)
        fields |= uint64_t{1} << ord[p.entry_field[e]];
      head.varint((uint64_t{delta} << 3) | (fields - 1));
      ByteWriter& pw = columns ? pos : head;
      ByteWriter& lw = columns ? len : head;
      for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
        const uint32_t f = p.entry_field[e], tf = p.tf(e);
        if (lengths_on) lw.varint(quantize(index.field_length[f][doc], exact, bits));
        uint32_t last_pos = 0;
        for (uint32_t q = p.pos_begin[e]; q < p.pos_begin[e + 1]; ++q) {
          const uint32_t d = q == p.pos_begin[e] ? p.positions[q] : p.positions[q] - last_pos;
          last_pos = p.positions[q];
          if (!positions_on) {
            if (q == p.pos_begin[e]) pw.varint(tf);
          } else if (q == p.pos_begin[e]) {
            pw.varint(uint64_t{d} * 2 + (tf > 1));
            if (tf > 1) pw.varint(tf - 1);
          } else {
            pw.varint(d);
          }
        }
      }
    }
  }
  return head.buffer() + pos.buffer() + len.buffer();
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void print(const char* title, const Tally& t) {
  std::printf("\n%s\n", title);
  uint64_t sum = 0;
  for (const auto& [k, v] : t.raw) sum += v;
  for (const auto& [k, v] : t.raw)
    std::printf("  raw %-34s %12llu B  %5.1f%%\n", k.c_str(), (unsigned long long)v,
                100.0 * v / sum);
  for (const auto& [k, v] : t.gzip)
    std::printf("  layout %-42s raw %12llu B  gzip %12llu B (%.2f MiB)\n", k.c_str(),
                (unsigned long long)t.bytes.at(k), (unsigned long long)v, v / 1048576.0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: index_anatomy INDEX\n");
    return 2;
  }
  const std::string bytes = read_file(argv[1]);
  Result<Index> read = read_index_binary(bytes);
  if (!read.ok()) {
    std::fprintf(stderr, "%s\n", read.error().message.c_str());
    return 1;
  }
  const Index& index = read.value();
  const PartOptions options{.postings_part_bytes = 16 << 10,
                            .stored_part_bytes = 4 << 10,
                            .lengths_part_bytes = 64 << 10,
                            .dictionary_part_bytes = 8 << 10,
                            .part_prefix = "p/"};
  Result<std::vector<WrittenPart>> parts = write_parts(index, "anatomy", options);
  if (!parts.ok()) return 1;
  // The codec's own parts, gzip per file, by kind (the file name's letter).
  std::map<char, std::pair<uint64_t, uint64_t>> codec;  // kind → (files, gzip bytes)
  std::string all;
  for (const WrittenPart& p : parts.value()) {
    const char kind = p.name.size() > 2 && p.name[1] == '/' ? p.name[2] : 'B';
    codec[kind].first++;
    codec[kind].second += gzip_size(p.bytes);
    all += p.bytes;
  }
  std::printf("codec's parts (gzip -9 each):\n");
  for (const auto& [k, v] : codec)
    std::printf("  %c %6llu files %12llu B (%.2f MiB)\n", k, (unsigned long long)v.first,
                (unsigned long long)v.second, v.second / 1048576.0);
  Result<Index> split = read_index_binary(all);
  if (!split.ok()) {
    std::fprintf(stderr, "%s\n", split.error().message.c_str());
    return 1;
  }
  const Layout& layout = split.value().layout;
  Tally postings;
  for (uint32_t k = 0; k + 1 < layout.postings_begin.size(); ++k)
    postings_part(index, k, layout.postings_begin[k], layout.postings_begin[k + 1], postings);
  std::printf(
      "\nterms %zu, documents %u, entries %llu\n", index.terms.size(), index.doc_count,
      (unsigned long long)[&] {
        uint64_t n = 0;
        for (std::size_t t = 0; t < index.terms.size(); ++t) n += index.postings[t].entry_count();
        return n;
      }());
  print("postings parts", postings);
  struct V {
    const char* name;
    uint32_t exact;
    int bits;
    bool columns, lengths, positions = true;
  };
  const V variants[] = {{"rows, exact", 0, 0, false, true},
                        {"rows, no lengths", 0, 0, false, false},
                        {"rows, no lengths, tf without positions", 0, 0, false, false, false},
                        {"rows, <64 exact, 5 bits", 64, 5, false, true},
                        {"rows, <64 exact, 4 bits", 64, 4, false, true},
                        {"rows, <32 exact, 3 bits", 32, 3, false, true},
                        {"rows, <128 exact, 4 bits", 128, 4, false, true},
                        {"columns, exact", 0, 0, true, true},
                        {"columns, no lengths", 0, 0, true, false},
                        {"columns, <64 exact, 4 bits", 64, 4, true, true},
                        {"columns, <32 exact, 3 bits", 32, 3, true, true}};
  Tally v;
  for (uint32_t k = 0; k + 1 < layout.postings_begin.size(); ++k) {
    for (const V& x : variants) {
      v.layout(x.name, variant(index, k, layout.postings_begin[k], layout.postings_begin[k + 1],
                               x.exact, x.bits, x.columns, x.lengths, x.positions));
    }
  }
  print("postings layouts (same term ranges)", v);
  // Every (doc, field) length once, by field (what a table of them would cost).
  for (const V& x : variants) {
    if (x.columns || !x.lengths) continue;
    ByteWriter w;
    for (std::size_t f = 0; f < index.field_length.size(); ++f)
      for (uint32_t len : index.field_length[f]) w.varint(quantize(len, x.exact, x.bits));
    std::printf("  all lengths once (%s): raw %zu B gzip %zu B\n", x.name, w.buffer().size(),
                gzip_size(w.buffer()));
  }
  return 0;
}
