// The framing of parts and the index as a whole: the writers encode every
// part through the part codecs (part_codecs.hpp) and frame them; the readers
// unframe parts and hand each payload to its kind's reader.
#include "index/binary_codec.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/cold.hpp"
#include "index/bytes.hpp"
#include "index/limits.hpp"
#include "index/part_codecs.hpp"
#include "index/text_parts.hpp"

namespace osprey {
namespace {

using codec::kMax32;

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

// The bytes of a framed part of payload_size bytes.
std::size_t frame_size(std::size_t payload_size) {
  return kHeaderBytes + codec::varint_size(payload_size) + payload_size + 4;
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

Result<std::monostate> add_one(Index& index, const Framed& part) {
  if (part.build_id != index.layout.build_id) {
    return corrupt("index part belongs to another build of the index (build id differs)");
  }
  if (part.kind == kPostings) return codec::read_postings_part(index, part.payload);
  if (part.kind == kStored) return codec::read_stored_part(index, part.payload);
  if (part.kind == kDictionary) return codec::read_dict_part(index, part.payload);
  if (part.kind == kReverse) return codec::read_rev_part(index, part.payload);
  if (part.kind == kLengths) return codec::read_lengths_part(index, part.payload);
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
  auto& [dict_parts, rev_parts, length_payloads, postings_payloads, stored_payloads, text_parts] =
      p.parts;
  // Long searchable values go to text parts, cut in pieces (text_parts.hpp).
  const std::vector<uint8_t> text_fields = choose_text_fields(index);
  EncodedText text = encode_text_parts(index, text_fields, options.text_part_bytes);
  text_parts = std::move(text.payloads);
  const auto postings_sizes =
      codec::postings_parts(index, options.postings_part_bytes, postings_payloads);
  const auto lengths_sizes =
      codec::lengths_parts(index, options.lengths_part_bytes, length_payloads);
  // Beside text parts a document's stored values are its display fields only.
  const std::size_t stored_bytes = text_parts.empty() || options.stored_part_bytes_with_text == 0
                                       ? options.stored_part_bytes
                                       : options.stored_part_bytes_with_text;
  const auto stored_sizes = codec::stored_parts(index, stored_bytes, text_fields, stored_payloads);
  const std::vector<codec::DictBlock> dict =
      codec::dict_blocks(index, options.dictionary_part_bytes);
  const std::vector<codec::RevBlock> rev = codec::rev_blocks(index, options.dictionary_part_bytes);
  // A block's terms are at most kMaxBlockItems; the stems that sort among them
  // (of terms there or in other blocks) are counted here.
  for (const codec::DictBlock& b : dict) {
    Result<std::monostate> fits =
        check_limit(b.stems, kMaxBlockItems, "stems in one dictionary block");
    if (!fits.ok()) return fits.error();
  }
  for (uint32_t k = 0; k < dict.size(); ++k)
    dict_parts.push_back(codec::dict_payload(index, k, dict[k]));
  for (uint32_t k = 0; k < rev.size(); ++k)
    rev_parts.push_back(codec::rev_payload(index, k, rev[k]));
  const std::string base_rest =
      codec::base_payload(index, generator,
                          {postings_sizes, stored_sizes, lengths_sizes, text_fields, text.first,
                           text.shares, dict, rev});

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
  for (const PrefixHint& hint : index.prefix_hints) {
    const std::size_t most = std::max(hint.kept.size(), hint.forms.size());
    if (Result<std::monostate> fits =
            check_limit(most, kMaxHintTerms, "terms of a completion hint");
        !fits.ok()) {
      return fits;
    }
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
  auto add = [&](std::string name, uint8_t frame, std::string& payload,
                 std::optional<PartKind> kind) {
    std::string bytes;
    bytes.reserve(frame_size(payload.size()));
    append_frame(bytes, frame, p.build_id, payload);
    payload = std::string();
    out.push_back({std::move(name), std::move(bytes), kind});
  };
  add(p.id, kBase, p.base, std::nullopt);
  for (std::size_t i = 0; i < p.parts.size(); ++i) {
    const PartKind kind = kPartFrames[i].part;
    for (uint32_t k = 0; k < p.parts[i].size(); ++k) {
      add(part_file_name(p.prefix, {kind, k}), kPartFrames[i].frame, p.parts[i][k], kind);
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
  Result<Index> index = codec::read_base(first.value().payload, first.value().build_id);
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
