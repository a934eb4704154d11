#include "text/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

using osprey::text::append_utf8;
using osprey::text::decode_utf8;
using osprey::text::Decoded;
using osprey::text::kReplacement;
using osprey::text::sanitize_utf8;
using osprey::text::utf16_length;

constexpr char32_t R = kReplacement;

// Decodes all of s, one code point per step.
std::u32string decode_all(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();) {
    const Decoded d = decode_utf8(s, pos);
    out.push_back(d.cp);
    pos += d.size;
  }
  return out;
}

// The byte count of each step of decode_all.
std::vector<uint32_t> step_sizes(std::string_view s) {
  std::vector<uint32_t> sizes;
  for (std::size_t pos = 0; pos < s.size();) {
    const Decoded d = decode_utf8(s, pos);
    sizes.push_back(d.size);
    pos += d.size;
  }
  return sizes;
}

std::string encode(char32_t cp) {
  std::string out;
  append_utf8(out, cp);
  return out;
}

}  // namespace

TEST_CASE("decode_utf8 decodes well-formed sequences at the Table 3-7 boundaries") {
  struct Case {
    std::string_view bytes;
    char32_t cp;
  };
  const Case cases[] = {
      {std::string_view("\x00", 1), 0x0},
      {"\x7F", 0x7F},
      {"\xC2\x80", 0x80},
      {"\xDF\xBF", 0x7FF},
      {"\xE0\xA0\x80", 0x800},
      {"\xE0\xBF\xBF", 0xFFF},
      {"\xE1\x80\x80", 0x1000},
      {"\xED\x9F\xBF", 0xD7FF},
      {"\xEE\x80\x80", 0xE000},
      {"\xEF\xBF\xBD", 0xFFFD},
      {"\xEF\xBF\xBF", 0xFFFF},
      {"\xF0\x90\x80\x80", 0x10000},
      {"\xF0\x9F\x98\x80", 0x1F600},  // grinning face emoji
      {"\xF3\xBF\xBF\xBF", 0xFFFFF},
      {"\xF4\x80\x80\x80", 0x100000},
      {"\xF4\x8F\xBF\xBF", 0x10FFFF},
  };
  for (const Case& c : cases) {
    INFO("cp " << static_cast<uint32_t>(c.cp));
    const Decoded d = decode_utf8(c.bytes, 0);
    CHECK(d.cp == c.cp);
    CHECK(d.size == c.bytes.size());
  }
}

TEST_CASE("decode_utf8 decodes at an offset") {
  const std::string_view s = "a\xC3\xA9\xE4\xB8\xAD";  // "aé中"
  CHECK(decode_utf8(s, 0).cp == U'a');
  CHECK(decode_utf8(s, 1).cp == U'é');
  CHECK(decode_utf8(s, 1).size == 2);
  CHECK(decode_utf8(s, 3).cp == U'中');
  CHECK(decode_utf8(s, 3).size == 3);
  CHECK(decode_utf8(s, 2).cp == R);  // inside a sequence: a lone continuation byte
  CHECK(decode_utf8(s, 2).size == 1);
}

TEST_CASE("decode_utf8 replaces each maximal ill-formed subpart with one U+FFFD") {
  SECTION("lone continuation bytes") {
    CHECK(decode_all("\x80") == std::u32string{R});
    CHECK(decode_all("\xBF") == std::u32string{R});
    CHECK(decode_all("a\x80\x80z") == std::u32string{U'a', R, R, U'z'});
    CHECK(step_sizes("a\x80\x80z") == std::vector<uint32_t>{1, 1, 1, 1});
  }
  SECTION("truncated 2-byte sequence at end of string") {
    CHECK(decode_all("a\xC3") == std::u32string{U'a', R});
    CHECK(step_sizes("a\xC3") == std::vector<uint32_t>{1, 1});
  }
  SECTION("truncated 3-byte sequences at end of string") {
    CHECK(decode_all("\xE4") == std::u32string{R});
    CHECK(decode_all("\xE4\xB8") == std::u32string{R});
    CHECK(step_sizes("\xE4\xB8") == std::vector<uint32_t>{2});
  }
  SECTION("truncated 4-byte sequences at end of string") {
    CHECK(decode_all("\xF0") == std::u32string{R});
    CHECK(decode_all("\xF0\x9F") == std::u32string{R});
    CHECK(decode_all("\xF0\x9F\x98") == std::u32string{R});
    CHECK(step_sizes("\xF0\x9F\x98") == std::vector<uint32_t>{3});
  }
  SECTION("a truncated sequence does not swallow the byte that cuts it short") {
    CHECK(decode_all("\xE4\xB8x") == std::u32string{R, U'x'});
    CHECK(decode_all("\xF0\x9F\x98\xC3\xA9") == std::u32string{R, U'é'});
  }
  SECTION("overlong encodings") {
    CHECK(decode_all("\xC0\xAF") == std::u32string{R, R});
    CHECK(decode_all("\xC1\xBF") == std::u32string{R, R});
    CHECK(decode_all("\xE0\x80\xAF") == std::u32string{R, R, R});
    CHECK(decode_all("\xE0\x9F\xBF") == std::u32string{R, R, R});
    CHECK(decode_all("\xF0\x80\x80\xAF") == std::u32string{R, R, R, R});
    CHECK(decode_all("\xF0\x8F\xBF\xBF") == std::u32string{R, R, R, R});
  }
  SECTION("surrogates") {
    CHECK(decode_all("\xED\xA0\x80") == std::u32string{R, R, R});                       // U+D800
    CHECK(decode_all("\xED\xBF\xBF") == std::u32string{R, R, R});                       // U+DFFF
    CHECK(decode_all("\xED\xA0\x80\xED\xB0\x80") == std::u32string{R, R, R, R, R, R});  // CESU-8
  }
  SECTION("above U+10FFFF") {
    CHECK(decode_all("\xF4\x90\x80\x80") == std::u32string{R, R, R, R});
    CHECK(decode_all("\xF5\x80\x80\x80") == std::u32string{R, R, R, R});
    CHECK(decode_all("\xF7\xBF\xBF\xBF") == std::u32string{R, R, R, R});
  }
  SECTION("bytes F5..FF never start a sequence") {
    for (unsigned b = 0xF5; b <= 0xFF; ++b) {
      const std::string s(1, static_cast<char>(b));
      INFO("byte " << b);
      CHECK(decode_all(s) == std::u32string{R});
      CHECK(decode_all(s + "a") == std::u32string{R, U'a'});
    }
  }
  SECTION("the example of Unicode 15 §3.9, Table 3-8") {
    const std::string_view s = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
    CHECK(decode_all(s) == std::u32string{U'a', R, R, R, U'b', R, U'c', R, R, U'd'});
    CHECK(step_sizes(s) == std::vector<uint32_t>{1, 3, 2, 1, 1, 1, 1, 1, 1, 1});
  }
}

TEST_CASE("append_utf8 encodes scalar values and replaces the rest") {
  CHECK(encode(0x41) == "A");
  CHECK(encode(0x7F) == "\x7F");
  CHECK(encode(0x80) == "\xC2\x80");
  CHECK(encode(0x7FF) == "\xDF\xBF");
  CHECK(encode(0x800) == "\xE0\xA0\x80");
  CHECK(encode(0xD7FF) == "\xED\x9F\xBF");
  CHECK(encode(0xE000) == "\xEE\x80\x80");
  CHECK(encode(0xFFFF) == "\xEF\xBF\xBF");
  CHECK(encode(0x10000) == "\xF0\x90\x80\x80");
  CHECK(encode(0x1F600) == "\xF0\x9F\x98\x80");
  CHECK(encode(0x10FFFF) == "\xF4\x8F\xBF\xBF");
  CHECK(encode(0xD800) == "\xEF\xBF\xBD");
  CHECK(encode(0xDFFF) == "\xEF\xBF\xBD");
  CHECK(encode(0x110000) == "\xEF\xBF\xBD");
  CHECK(encode(0xFFFFFFFF) == "\xEF\xBF\xBD");
  std::string out = "x";
  append_utf8(out, U'é');
  CHECK(out == "x\xC3\xA9");
}

TEST_CASE("every scalar value round-trips through append_utf8 and decode_utf8") {
  std::size_t failures = 0;
  char32_t first_failure = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string bytes = encode(cp);
    const std::size_t expected_size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const Decoded d = decode_utf8(bytes, 0);
    if (bytes.size() != expected_size || d.cp != cp || d.size != expected_size ||
        sanitize_utf8(bytes) != bytes || utf16_length(bytes) != (cp < 0x10000 ? 1u : 2u)) {
      if (failures++ == 0) first_failure = cp;
    }
  }
  INFO("first failure at " << static_cast<uint32_t>(first_failure));
  CHECK(failures == 0);
}

TEST_CASE("sanitize_utf8 keeps well-formed text and replaces ill-formed subparts") {
  CHECK(sanitize_utf8("") == "");
  CHECK(sanitize_utf8("plain ascii") == "plain ascii");
  const std::string_view valid =
      "Stra\xC3\x9F"
      "e \xE4\xB8\xAD \xF0\x9F\x98\x80 \xEF\xBF\xBD";
  CHECK(sanitize_utf8(valid) == valid);
  CHECK(sanitize_utf8("a\xC0\xAF"
                      "b") ==
        "a\xEF\xBF\xBD\xEF\xBF\xBD"
        "b");
  CHECK(sanitize_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(sanitize_utf8("end\xF0\x9F\x98") == "end\xEF\xBF\xBD");
  CHECK(sanitize_utf8(std::string_view("a\0b", 3)) == std::string("a\0b", 3));
  const std::string_view messy = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
  const std::string clean = sanitize_utf8(messy);
  CHECK(clean ==
        "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
        "b\xEF\xBF\xBD"
        "c\xEF\xBF\xBD\xEF\xBF\xBD"
        "d");
  CHECK(sanitize_utf8(clean) == clean);
}

TEST_CASE("utf16_length counts UTF-16 code units") {
  CHECK(utf16_length("") == 0);
  CHECK(utf16_length("abc") == 3);
  CHECK(utf16_length("\xC3\xA9") == 1);                  // é
  CHECK(utf16_length("\xE4\xB8\xAD\xE6\x96\x87") == 2);  // 中文
  CHECK(utf16_length("\xF0\x9F\x98\x80") == 2);          // one emoji, a surrogate pair
  CHECK(utf16_length("a\xF0\x9F\x98\x80"
                     "b\xC3\xA9") == 5);  // a, pair, b, é
  CHECK(utf16_length("\xC0\xAF") == 2);   // as after sanitize_utf8
}
