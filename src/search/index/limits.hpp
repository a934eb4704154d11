// The limits of the index format (docs/index-format.md, "Limits"), declared
// once: the reader refuses a part that states more (each kind's reader,
// part_codecs.hpp; schema validation), and the writer refuses to write an
// index beyond them (check_limits in binary_codec.hpp), so `osprey index`
// fails with the limit's message instead of writing an index no reader opens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"

namespace osprey {

/// Fields of a schema (a field number fits the byte PostingList::entry_field).
inline constexpr std::size_t kMaxFields = 64;
/// Documents of an index: doc ids are uint32_t (stored and postings ranges too).
inline constexpr uint32_t kMaxDocs = 0xffff'fffeu;
/// Distinct terms (folded surface forms) of an index.
inline constexpr uint32_t kMaxTerms = 1u << 22;
/// Items of one dictionary block (its terms; its stems) or one reverse block.
inline constexpr uint32_t kMaxBlockItems = 1u << 16;
/// Words of one field of one document, so positions and term frequencies too
/// (0xffffffff is kUnknownLength, the length of a field not loaded yet).
inline constexpr uint32_t kMaxFieldLength = 0xffff'fffeu;
/// A searchable field's weight: 0 (not searchable) or a normal number in
/// [kMinFieldWeight, kMaxFieldWeight]; smaller weights underflow when scored.
inline constexpr double kMinFieldWeight = 1e-6;
inline constexpr double kMaxFieldWeight = 1000;
inline constexpr std::string_view kFieldWeightRule = "0, or a number from 1e-6 to 1000";
/// A boost field's value: 0 or a number in [kMinBoost, kMaxBoost] (parse_boost).
inline constexpr double kMinBoost = 1e-6;
inline constexpr double kMaxBoost = 1e6;
inline constexpr std::string_view kBoostRule = "0 or a number from 1e-6 to 1000000";

/// Stop words an index carries (docs/index-format.md base item 13; the
/// longest list the builder takes, Kazakh's, has 380 words), each a
/// folded term of 1 ... kMaxStopWordBytes bytes (text/tokenize.hpp kMaxTermBytes).
inline constexpr std::size_t kMaxStopWords = 1024;
inline constexpr std::size_t kMaxStopWordBytes = 64;

/// Completion hints (docs/index-format.md base item 14): prefixes of 1 ...
/// kMaxHintCodePoints code points (at most 4 bytes each), each naming at most
/// kMaxHintTerms completions and as many excluded forms.
inline constexpr std::size_t kMaxHintCodePoints = 2;
inline constexpr std::size_t kMaxHintTerms = 16;

/// Bytes of one index file of a bundle (a base or a part) once decompressed:
/// bundle files are gzip members (docs/index-format.md), and a reader that
/// inflates one stops past this ("decompresses past 268,435,456 bytes"), so a
/// gzip bomb costs no more memory than this; the bundle writer refuses a part
/// beyond it. web/widget/parts.js holds the same number (kMaxFileBytes).
inline constexpr uint64_t kMaxFileBytes = uint64_t{1} << 28;  // 256 MiB

/// Bytes of the preset dictionary a bundle's display parts are deflated
/// against (build/deflate_dictionary.hpp): DEFLATE's window, so the whole
/// dictionary is within reach of a part's first byte. web/widget/parts.js
/// holds the same number (kMaxDictionaryBytes).
inline constexpr std::size_t kMaxDeflateDictionaryBytes = 32768;

static_assert(kMaxFields <= 256, "a field number is one byte in PostingList::entry_field");
static_assert(kMaxTerms <= kMaxFieldLength && kMaxBlockItems <= kMaxTerms);

/// n with a comma every three digits: 4194305 -> "4,194,305".
inline std::string with_commas(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

/// kLimit "too many WHAT: COUNT (the index format holds at most MAX)" when
/// count > max.
inline Result<std::monostate> check_limit(uint64_t count, uint64_t max, const char* what) {
  if (count <= max) return std::monostate{};
  return Error{ErrorCode::kLimit, std::string("too many ") + what + ": " + with_commas(count) +
                                      " (the index format holds at most " + with_commas(max) + ")"};
}

inline Result<std::monostate> check_term_count(uint64_t terms) {
  return check_limit(terms, kMaxTerms, "distinct terms");
}
inline Result<std::monostate> check_doc_count(uint64_t docs) {
  return check_limit(docs, kMaxDocs, "documents");
}

}  // namespace osprey
