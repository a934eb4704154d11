// The part codecs of the binary index format (binary_codec.hpp): for each
// kind of part, its writer next to its reader, one file per kind or group of
// kinds; binary_codec.cpp frames their payloads and reads parts into an index.
//   base_part.cpp         the base (schema, counts, layout, base values, facets,
//                         pages, stop words)
//   dictionary_parts.cpp  dictionary and reverse blocks, front coding
//   postings_part.cpp     postings parts
//   document_parts.cpp    lengths and stored parts (document ranges), and
//                         the optional values stored parts and the base hold
//   text_parts.cpp        text parts (text_parts.hpp)
// The layouts are docs/index-format.md's; the limits index/limits.hpp's.
// Every reader takes a part's payload (after the frame) and checks all of
// it before it changes the index: on error the index is as it was, and a
// part already loaded is checked and ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "index/bytes.hpp"
#include "index/index.hpp"
#include "index/text_parts.hpp"

namespace osprey::codec {

// A count stored in 32 bits (format limits are in limits.hpp).
inline constexpr uint32_t kMax32 = std::numeric_limits<uint32_t>::max() - 1;

// The bytes of v as a varint.
inline std::size_t varint_size(uint64_t v) {
  std::size_t n = 1;
  for (; v >= 0x80; v >>= 7) ++n;
  return n;
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

// ---- Base (base_part.cpp) ----

struct DictBlock;
struct RevBlock;

// What the base lays out besides the schema: the sizes of the postings, stored
// and lengths parts, the text fields with each text part's first key and the
// shared section values, the dictionary and reverse blocks (docs/index-format.md
// "Base payload" items 6-9 and 12b).
struct BaseLayout {
  const std::vector<uint32_t>& postings_parts;
  const std::vector<uint32_t>& stored_parts;
  const std::vector<uint32_t>& lengths_parts;
  const std::vector<uint8_t>& text_fields;
  const std::vector<TextKey>& text_first;
  const std::vector<TextShare>& text_shares;
  const std::vector<DictBlock>& dict;
  const std::vector<RevBlock>& rev;
};

// The base after its first item, the part prefix (which names the build id,
// so it is written last, in front of this).
std::string base_payload(const Index& index, std::string_view generator, const BaseLayout& layout);

// A base's payload read into an index of that build id, its parts not loaded
// (Index::layout says which there are).
Result<Index> read_base(std::string_view payload, uint64_t build_id);

// ---- Dictionary and reverse parts (dictionary_parts.cpp) ----

// A dictionary block: its first term, and its counts of terms, stems and links.
struct DictBlock {
  uint32_t first_term, terms, first_stem, stems, links;
};
// A reverse block: its first position in the reverse order and its count.
struct RevBlock {
  uint32_t first, count;
};

// Splits the dictionary (terms, and the stems that sort among them) and the
// reverse order into blocks of about target bytes (0: kMaxBlockItems items).
std::vector<DictBlock> dict_blocks(const Index& index, std::size_t target);
std::vector<RevBlock> rev_blocks(const Index& index, std::size_t target);

// The payload of dictionary block k ("Dictionary part" in the format).
std::string dict_payload(const Index& index, uint32_t k, const DictBlock& b);
// The payload of reverse block k ("Reverse part" in the format).
std::string rev_payload(const Index& index, uint32_t k, const RevBlock& b);

Result<std::monostate> read_dict_part(Index& index, std::string_view payload);
Result<std::monostate> read_rev_part(Index& index, std::string_view payload);

// A string as the bytes it shares with prev (varint) and the rest (string).
void write_front_coded(ByteWriter& w, std::string_view prev, std::string_view s);
// Reads a front-coded string (shared bytes with prev, then the rest) and
// appends it to out. The result must be non-empty and above prev (when prev
// is not empty).
void read_front_coded(ByteReader& r, std::string_view prev, std::vector<std::string>& out,
                      const char* what);

// ---- Postings parts (postings_part.cpp) ----

// Every term's postings, in parts of about target bytes (0: one part);
// returns the term count of each part.
std::vector<uint32_t> postings_parts(const Index& index, std::size_t target,
                                     std::vector<std::string>& payloads);

Result<std::monostate> read_postings_part(Index& index, std::string_view payload);

// ---- Lengths and stored parts (document_parts.cpp) ----

// The lengths parts: documents split where their lengths reach about target
// bytes (0: one part), each part a column per searchable field (field order)
// of its documents' lengths, after its part number. Returns the document
// count of each part.
std::vector<uint32_t> lengths_parts(const Index& index, std::size_t target,
                                    std::vector<std::string>& payloads);

// Every document's values of the fields in stored parts (in_stored_parts),
// in parts of about target bytes (0: one part); returns the document count
// of each part.
std::vector<uint32_t> stored_parts(const Index& index, std::size_t target,
                                   const std::vector<uint8_t>& text_fields,
                                   std::vector<std::string>& payloads);

Result<std::monostate> read_lengths_part(Index& index, std::string_view payload);
Result<std::monostate> read_stored_part(Index& index, std::string_view payload);

// An optional value (of a stored part or the base): 0 for none, else its
// size + 1 and its bytes.
void write_optional(ByteWriter& w, const std::optional<std::string>& v);
std::optional<std::string> read_optional(ByteReader& r, const char* what);

}  // namespace osprey::codec
