// Dictionary and reverse parts of the binary index format
// (docs/index-format.md "Dictionary part payload", "Reverse part payload"):
// writers and readers, and the front coding their terms (and the base's
// first terms of blocks) are written in.
#include <cstring>
#include <string>

#include "core/cold.hpp"
#include "index/limits.hpp"
#include "index/part_codecs.hpp"

namespace osprey::codec {
namespace {

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

}  // namespace

void write_front_coded(ByteWriter& w, std::string_view prev, std::string_view s) {
  std::size_t shared = 0;
  while (shared < prev.size() && shared < s.size() && prev[shared] == s[shared]) ++shared;
  w.varint(shared);
  w.string(s.substr(shared));
}

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
    const uint32_t n = index.stem_term_begin[s + 1] - index.stem_term_begin[s];
    w.varint(n);
    write_ascending_ids(w, std::span(index.stem_terms).subspan(index.stem_term_begin[s], n));
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

OSPREY_COLD Result<std::monostate> read_dict_part(Index& index, std::string_view payload) {
  ByteReader r(payload, "dictionary part");
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
    read_ascending_ids(r, n, nterms, links, "term of a stem", "terms of a stem");
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

OSPREY_COLD Result<std::monostate> read_rev_part(Index& index, std::string_view payload) {
  ByteReader r(payload, "reverse part");
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

}  // namespace osprey::codec
