// A bundle's display parts deflated against a dictionary trained on them
// (docs/index-format.md, "Display parts deflated with a dictionary"): a small
// part, one hit's display values, then costs about a third of its own gzip
// member, and a page of hits fetches little.
//
// File of such a part: kDictionaryDeflatedMagic, the part's size (uint32,
// little-endian, at most kMaxFileBytes), then a raw DEFLATE stream (RFC 1951,
// no wrapper) made with the dictionary as its preset dictionary. A reader
// inflates it with the dictionary in the window (zlib's inflateSetDictionary,
// or a stored block holding the dictionary put before the stream) and checks
// that exactly the stated size comes out; the part's own CRC-32 checks its
// bytes. The dictionary is the file kDeflateDictionaryFile in the index's
// parts folder, a gzip member like the other index files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/binary_codec.hpp"

namespace osprey {

/// The first bytes of a dictionary-deflated file: not gzip's 1f 8b, nor an
/// index's "osprey" or "{". web/widget/parts.js holds the same bytes.
inline constexpr std::string_view kDictionaryDeflatedMagic = "OZD\x01";
/// Magic and size.
inline constexpr std::size_t kDictionaryDeflatedHeader = 8;
/// The dictionary's file, in the parts folder (index.LANG.ID/).
inline constexpr std::string_view kDeflateDictionaryFile = "dictionary";

/// Whether a part is a display part: stored or text, the parts a page of hits fetches.
inline bool is_display_part(const WrittenPart& part) {
  return part.kind == PartKind::kStored || part.kind == PartKind::kText;
}

/// A preset dictionary of at most max_bytes (<= kMaxDeflateDictionaryBytes)
/// for deflating parts like the samples: the 48-byte runs of the samples that
/// hold the most 8-byte strings found in other samples, each such string
/// counted once, the most valuable last (nearest to the data, the shortest
/// distances). Deterministic; "" when the samples share nothing.
std::string train_deflate_dictionary(const std::vector<std::string_view>& samples,
                                     std::size_t max_bytes);

/// The file of a part of `size` bytes whose raw DEFLATE stream is `deflated`.
std::string dictionary_deflated_file(uint64_t size, std::string_view deflated);

/// Whether bytes start with kDictionaryDeflatedMagic.
bool is_dictionary_deflated(std::string_view bytes);

}  // namespace osprey
