// The one codec of the binary index format, version 6: writer and reader of
// every part share one layout (docs/index-format.md specifies it);
// binary_codec.cpp frames the parts, part_codecs.hpp lists each kind's writer
// and reader and the file that holds them.
//
// An index is a base part (schema, sort and boost values, facets, the layout
// with the first term of every dictionary block) plus dictionary parts (term
// ranges: terms, document frequencies, stems), reverse parts (the terms
// ordered by their reversed code points, for typo lookups by a word's end),
// lengths parts (the field lengths of document ranges), postings parts (term
// ranges: documents, fields, positions), stored parts (document ranges: the
// display values) and text parts (the long searchable values, cut in pieces:
// text_parts.hpp). A single-file index is the base followed by all its parts;
// a sharded one keeps each part in its own file so a reader fetches only the
// parts a query needs (Index::layout, search's `needs`).
//
// The reader trusts nothing: every part carries a CRC-32 and the build id of
// its base, and every count, offset, id and position is checked. Failures are
// Errors naming what is wrong; a part that fails leaves the index unchanged.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "index/index.hpp"

namespace osprey {

inline constexpr std::string_view kBinaryMagic = "osprey";
inline constexpr int kBinaryVersion = 6;

struct PartOptions {
  std::size_t postings_part_bytes = 0;          // split postings near this size; 0: one part
  std::size_t stored_part_bytes = 0;            // split stored values near this size; 0: one part
  std::size_t stored_part_bytes_with_text = 0;  // the same when the index has text fields
                                                // (its stored values are short); 0: as above
  std::size_t lengths_part_bytes = 0;           // split field lengths near this size; 0: one part
  std::size_t text_part_bytes = 0;        // split text fields' values near this size; 0: one part
  std::size_t dictionary_part_bytes = 0;  // split the dictionary and the reverse order near
                                          // this size; 0: blocks of 65,536 terms
  std::string part_prefix;                // file name prefix the base records; "{id}" in it
                                          // becomes the build id (16 hex digits)
};

struct WrittenPart {
  std::string name;   // the base: its build id (16 hex digits); else the part's file name
  std::string bytes;  // one framed part
  std::optional<PartKind> kind;  // a part's; none for the base or a whole index file
};

/// Whether a whole index fits the format's limits (index/limits.hpp) so that
/// the reader will open what the writer writes: its schema passes validation
/// (fields, weights), and its documents, distinct terms and every field's
/// length are within their limits. Errors: kLimit naming the count and the
/// limit, e.g. "too many distinct terms: 4,194,305 (the index format holds at
/// most 4,194,304)"; kInvalidInput for the schema. The writers check it (and
/// the stems of each dictionary block) and write nothing on error.
Result<std::monostate> check_limits(const Index& index);

/// The base first, then dictionary, reverse, lengths, postings and stored parts.
/// Requires a whole index: built, or read with every part loaded. Deterministic: the
/// same index and options give the same bytes (the build id is their hash).
/// Errors: check_limits's; kLimit for a dictionary block with more stems
/// than kMaxBlockItems.
Result<std::vector<WrittenPart>> write_parts(const Index& index, std::string_view generator,
                                             const PartOptions& options);

/// The whole index in one file (the base followed by its parts, the
/// dictionary and reverse order in blocks of 65,536 terms),
/// named for its build id as write_parts names the base: the parts of
/// write_parts(index, generator, {}) framed straight into one buffer.
Result<WrittenPart> write_index_file(const Index& index, std::string_view generator);

/// write_index_file's bytes.
Result<std::string> write_index_binary(const Index& index, std::string_view generator);

/// True when bytes start like a binary index part.
bool is_binary_index(std::string_view bytes);

/// Reads a base part and any parts that follow it; the result is finalized.
/// Errors: kUnsupported (not an Osprey index, another version, not a base),
/// kCorruptIndex (anything that does not check out).
Result<Index> read_index_binary(std::string_view bytes);

/// Adds one or more consecutive parts (not a base) to an index read by
/// read_index_binary. A part already loaded is checked and ignored. On error
/// the index is as it was before the failing part. name: when not empty, the
/// part the bytes were fetched as (Index::part_name, as a search's `needs`
/// names it); they must hold that part and nothing else, else kCorruptIndex
/// "holds part index.en.ID/d3, expected index.en.ID/d4" (a host puts the file
/// or URL in front). Errors: kCorruptIndex.
Result<std::monostate> add_parts(Index& index, std::string_view bytes, std::string_view name = {});

}  // namespace osprey
