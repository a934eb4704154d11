// One JSON text as tokens, for the engine's own small readers of JSON
// (query/options_json.cpp): the engine links no JSON library.
//
// Json::parse reads the whole text (RFC 8259: no comments, no trailing
// commas, strings without raw control characters, escapes checked) in one
// loop that links the open containers through their tokens: no recursion and
// no stack, so any nesting depth costs a token per value and nothing more.
// Tokens are in document order; a container's children run from its token + 1
// to its next; an object's alternate key, value, key, value. The accessors
// read the text the Json was made from, which must outlive it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::json {

enum class Kind : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

struct Token {
  Kind kind;
  uint32_t begin;  // first byte (a string's opening quote)
  uint32_t end;    // one past the last byte (containers: unused)
  uint32_t next;   // the token after this value and all it holds
};

inline constexpr uint32_t kNone = UINT32_MAX;  // a key that is not there

class Json {
 public:
  explicit Json(std::string_view text) : text_(text) {}

  /// Reads the text; false at the first byte that is not JSON (error_at).
  bool parse();
  uint32_t error_at() const { return at_; }

  std::vector<Token> tokens;

  /// The value of object's last member named key (JSON.parse keeps the
  /// last), or kNone; kNone too when object is not an object.
  uint32_t member(uint32_t object, std::string_view key) const;
  Kind kind(uint32_t t) const { return tokens[t].kind; }
  /// Whether the string token t is key (compared without a copy when it
  /// holds no escape).
  bool key_is(uint32_t t, std::string_view key) const {
    const std::string_view s = raw(t).substr(1, raw(t).size() - 2);
    return s.find('\\') == std::string_view::npos ? s == key : string(t) == key;
  }
  std::string_view raw(uint32_t t) const {
    return text_.substr(tokens[t].begin, tokens[t].end - tokens[t].begin);
  }

  /// A string token's value, escapes decoded (a lone surrogate as U+FFFD).
  std::string string(uint32_t t) const;

  /// What JS String() makes of the value (kNone: "undefined"): a number as
  /// written (JSON.stringify writes String()'s digits), an object
  /// "[object Object]", an array its items' joined by "," (null: "").
  std::string js_string(uint32_t t) const;

  /// Whether JS takes the value as false: null, false, 0, "".
  bool falsy(uint32_t t) const;

 private:
  std::string scalar_string(uint32_t t, const char* null) const;
  static char32_t hex4(std::string_view s);
  void space();
  bool take(char c);
  bool digits();
  static bool hex_digit(char c);
  bool scalar();

  std::string_view text_;
  uint32_t at_ = 0;
};

}  // namespace osprey::json
