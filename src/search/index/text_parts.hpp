// Text parts of the binary format since version 5 (docs/index-format.md "Text
// parts"): the long searchable values an excerpt is cut from, kept apart
// from the display fields of the stored parts and cut in pieces, so that a
// hit's excerpt fetches the part holding its window, not the whole value.
// Writer and reader of the text layout (base item 7b) and of text part
// payloads; binary_codec.cpp frames them.
//
// A piece starts before a token that no earlier token reaches over, at a
// position greater than the previous token's, and tokenizes alone (from its
// first position) into exactly the value's tokens of that range, so an
// excerpt cut from a slice of pieces sees the words and positions it would
// see in the whole value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "index/bytes.hpp"
#include "index/index.hpp"

namespace osprey {

/// A field's values go to text parts when they average more than this many
/// bytes: a page's body, not its title or headings (those stay in stored
/// parts, which a hit always fetches). Measured (docs/index-format.md "Text
/// parts"): on the Debian records, whose bodies average 370 bytes, text
/// parts cost more requests and bytes per page of hits than stored parts
/// holding the bodies; on the Python docs (sections of ~2 KiB on average)
/// they cut the stored bytes of a page of hits by more than half.
inline constexpr std::size_t kTextFieldMeanBytes = 1024;

/// Per schema field, 1 for a text field of a whole index: stored, searchable,
/// not a facet, sort or boost field, not the id or group field, and longer
/// than kTextFieldMeanBytes on average.
std::vector<uint8_t> choose_text_fields(const Index& index);

struct EncodedText {
  std::vector<TextKey> first;         // per part, its first piece's key
  std::vector<std::string> payloads;  // per part, its payload
  std::vector<TextShare> shares;      // section values held in their page's pieces (item 12b)
};

/// The text fields' values cut in pieces and packed in parts that close
/// once they reach about target bytes of text (0: one part for all). With
/// a group field, a section's value that is a slice of its page's value
/// (as a site's section records are) is not written again: a piece of the
/// page's value starts where it starts, and a TextShare says where.
EncodedText encode_text_parts(const Index& index, const std::vector<uint8_t>& text_fields,
                              std::size_t target);

/// Base item 7b: the text fields and each text part's first key.
void write_text_layout(ByteWriter& w, const Schema& schema, const std::vector<uint8_t>& text_fields,
                       const std::vector<TextKey>& first);
/// Reads item 7b into index (text_field, layout.text_first, text_loaded,
/// text_pieces); index.schema and doc_count are read. Failures go to r.
void read_text_layout(ByteReader& r, Index& index);

/// Base item 12b (an index with a group field and text fields): the shared
/// section values.
void write_text_shares(ByteWriter& w, const Index& index, const std::vector<uint8_t>& text_fields,
                       const std::vector<TextShare>& shares);
/// Reads item 12b into index.text_share; index.page_of, section and
/// text_field are read. Failures go to r.
void read_text_shares(ByteReader& r, Index& index);

/// Adds a text part's payload; a value whose pieces are then all loaded is
/// joined into index.stored, and so are the shared section values it holds.
/// Errors: kCorruptIndex.
Result<std::monostate> read_text_part(Index& index, std::string_view payload);

}  // namespace osprey
