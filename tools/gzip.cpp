#include "gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <new>

#include "build/deflate_dictionary.hpp"
#include "file_io.hpp"

namespace osprey::cli {
namespace {

// zlib's windowBits for a gzip wrapper (15 + 16): the header and the CRC-32
// and length trailer, which inflate checks.
constexpr int kWindowBits = 15;
constexpr int kGzipWindowBits = kWindowBits + 16;
// zlib takes at most uInt (32 bits) per call.
constexpr std::size_t kStep = std::size_t{1} << 30;

Error truncated_or_corrupt() {
  return corrupt("gzip data is truncated or corrupt");
}

// bytes deflated in one pass at level 9, memory level 8: window_bits picks the
// wrapper (kGzipWindowBits: a gzip member with a fixed header, mtime 0, no name
// or comment, OS byte 255, zlib setting XFL from the level; -kWindowBits: raw
// DEFLATE), dictionary (if any, at most kMaxDeflateDictionaryBytes) its preset
// dictionary. deflateInit2 fails only when out of memory.
std::string deflate_all(std::string_view bytes, int window_bits, std::string_view dictionary) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::bad_alloc();
  }
  gz_header header{};  // read by deflate() until the end: it outlives the calls
  header.os = 255;
  if (window_bits == kGzipWindowBits) deflateSetHeader(&z, &header);
  if (!dictionary.empty()) {
    deflateSetDictionary(
        &z, reinterpret_cast<const Bytef*>(dictionary.data()),
        static_cast<uInt>(std::min(dictionary.size(), kMaxDeflateDictionaryBytes)));
  }
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  std::size_t in_left = bytes.size(), out_left = out.size();
  int rc = Z_OK;
  while (rc == Z_OK) {
    const std::size_t in = std::min(in_left, kStep), room = std::min(out_left, kStep);
    z.avail_in = static_cast<uInt>(in);
    z.avail_out = static_cast<uInt>(room);
    rc = deflate(&z, in == in_left ? Z_FINISH : Z_NO_FLUSH);
    in_left -= in - z.avail_in;
    out_left -= room - z.avail_out;
  }
  // deflateBound leaves room for the whole stream: Z_FINISH ends it in one pass.
  out.resize(out.size() - out_left);
  deflateEnd(&z);
  return out;
}

}  // namespace

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gzip(std::string_view bytes) {
  return deflate_all(bytes, kGzipWindowBits, {});
}

Result<std::string> gunzip(std::string_view member, uint64_t max_bytes) {
  // The trailer's last 4 bytes: the length mod 2^32, which inflate checks.
  // Output past it means a corrupt or truncated member (whose last bytes are
  // no trailer), so memory stays within min(stated, max_bytes).
  uint64_t stated = 0;
  if (member.size() >= 18) {
    const auto* t = reinterpret_cast<const unsigned char*>(member.data() + member.size() - 4);
    stated = t[0] | t[1] << 8 | t[2] << 16 | uint64_t{t[3]} << 24;
  }
  const uint64_t bound = std::min(stated, max_bytes);

  z_stream z{};
  if (inflateInit2(&z, kGzipWindowBits) != Z_OK) throw std::bad_alloc();
  std::string out;
  out.reserve(static_cast<std::size_t>(bound));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(member.data()));
  std::size_t in_left = member.size();
  char chunk[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    const std::size_t in = std::min(in_left, kStep);
    z.avail_in = static_cast<uInt>(in);
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    in_left -= in - z.avail_in;
    const std::size_t got = sizeof chunk - z.avail_out;
    if (out.size() + got > bound) {
      inflateEnd(&z);
      if (out.size() + got > max_bytes)
        return corrupt("decompresses past " + with_commas(max_bytes) + " bytes");
      return truncated_or_corrupt();
    }
    out.append(chunk, got);
  }  // Z_BUF_ERROR: no progress possible, the input ended inside the member
  inflateEnd(&z);
  // The member must end (its CRC and length checked) exactly where the file does.
  if (rc != Z_STREAM_END || in_left != 0) return truncated_or_corrupt();
  return out;
}

std::string deflate_raw(std::string_view bytes, std::string_view dictionary) {
  return deflate_all(bytes, -kWindowBits, dictionary);
}

Result<std::string> inflate_with_dictionary(std::string_view file, std::string_view dictionary,
                                            uint64_t max_bytes) {
  const Error bad = corrupt("dictionary-deflated data is truncated or corrupt");
  if (!is_dictionary_deflated(file)) return bad;
  uint64_t size = 0;
  for (int i = 0; i < 4; ++i) size |= uint64_t{static_cast<unsigned char>(file[4 + i])} << (8 * i);
  if (size > max_bytes) return corrupt("decompresses past " + with_commas(max_bytes) + " bytes");
  file.remove_prefix(kDictionaryDeflatedHeader);
  z_stream z{};
  if (inflateInit2(&z, -kWindowBits) != Z_OK) throw std::bad_alloc();
  inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()),
                       static_cast<uInt>(std::min(dictionary.size(), kMaxDeflateDictionaryBytes)));
  // One byte of room past the size: output beyond it shows a corrupt stream.
  std::string out(static_cast<std::size_t>(size) + 1, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(file.data()));
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  std::size_t in_left = file.size(), out_left = out.size();
  int rc = Z_OK;
  while (rc == Z_OK && out_left > 0) {
    const std::size_t in = std::min(in_left, kStep), room = std::min(out_left, kStep);
    z.avail_in = static_cast<uInt>(in);
    z.avail_out = static_cast<uInt>(room);
    rc = inflate(&z, Z_NO_FLUSH);
    in_left -= in - z.avail_in;
    out_left -= room - z.avail_out;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END || in_left != 0 || out_left != 1) return bad;
  out.resize(static_cast<std::size_t>(size));
  return out;
}

Result<std::string> read_index_file(const std::string& path, std::string* dictionary) {
  Result<std::string> bytes = read_file(path);
  if (!bytes.ok()) return bytes;
  auto named = [&](const Error& e) { return Error{e.code, path + ": " + e.message}; };
  if (is_dictionary_deflated(bytes.value())) {
    std::string own;
    std::string& dict = dictionary ? *dictionary : own;
    if (dict.empty()) {
      const std::string file =
          (std::filesystem::path(path).parent_path() / kDeflateDictionaryFile).string();
      // A gzip member (read_index_file's reading would loop on a deflated one).
      Result<std::string> read = read_file(file);
      if (read.ok()) read = gunzip(read.value(), kMaxDeflateDictionaryBytes);
      if (!read.ok())
        return named(Error{read.error().code, "its dictionary: " + read.error().message});
      dict = std::move(read.value());
    }
    Result<std::string> inflated = inflate_with_dictionary(bytes.value(), dict);
    if (!inflated.ok()) return named(inflated.error());
    return inflated;
  }
  if (!is_gzip(bytes.value())) return bytes;
  Result<std::string> inflated = gunzip(bytes.value());
  if (!inflated.ok()) return named(inflated.error());
  return inflated;
}

}  // namespace osprey::cli
