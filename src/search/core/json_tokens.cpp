#include "core/json_tokens.hpp"

#include <utility>

#include "text/utf8.hpp"

namespace osprey::json {

bool Json::parse() {
  // The innermost container not closed yet. While a container is open,
  // its next holds the one around it (kNone for the outermost).
  uint32_t open = kNone;
  const auto close = [&] {
    const uint32_t around = tokens[open].next;
    tokens[open].next = static_cast<uint32_t>(tokens.size());
    open = around;
  };
  for (;;) {
    space();  // a value is due: in an object, its key first
    if (open != kNone && tokens[open].kind == Kind::kObject) {
      if (!scalar() || tokens.back().kind != Kind::kString) return false;
      space();
      if (!take(':')) return false;
      space();
    }
    if (at_ == text_.size()) return false;
    const char c = text_[at_];
    if (c == '{' || c == '[') {
      tokens.push_back({c == '{' ? Kind::kObject : Kind::kArray, at_, 0, open});
      open = static_cast<uint32_t>(tokens.size() - 1);
      ++at_;
      space();
      if (!take(c == '{' ? '}' : ']')) continue;
      close();
    } else if (!scalar()) {
      return false;
    }
    for (;;) {  // after a value: close containers, or on to the next item
      space();
      if (open == kNone) return at_ == text_.size();
      if (take(',')) break;
      if (!take(tokens[open].kind == Kind::kObject ? '}' : ']')) return false;
      close();
    }
  }
}

uint32_t Json::member(uint32_t object, std::string_view key) const {
  uint32_t found = kNone;
  if (object == kNone || tokens[object].kind != Kind::kObject) return found;
  for (uint32_t k = object + 1; k < tokens[object].next; k = tokens[k + 1].next) {
    if (key_is(k, key)) found = k + 1;
  }
  return found;
}

std::string Json::string(uint32_t t) const {
  const std::string_view s = raw(t).substr(1, raw(t).size() - 2);
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    const char e = s[++i];
    if (e != 'u') {
      constexpr std::string_view kFrom = "bfnrt", kTo = "\b\f\n\r\t";
      const std::size_t k = kFrom.find(e);
      out.push_back(k == std::string_view::npos ? e : kTo[k]);  // '"', '\\', '/'
      continue;
    }
    char32_t cp = hex4(s.substr(i + 1));
    i += 4;
    if (cp >= 0xD800 && cp < 0xDC00 && s.substr(i + 1, 2) == "\\u") {
      const char32_t low = hex4(s.substr(i + 3));
      if (low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 6;
      }
    }
    text::append_utf8(out, cp);
  }
  return out;
}

std::string Json::js_string(uint32_t t) const {
  if (t == kNone) return "undefined";
  if (kind(t) != Kind::kArray) return scalar_string(t, "null");
  std::string out;
  for (uint32_t c = t + 1; c < tokens[t].next;) {
    // Every item but the first of its array follows a ",": c is a first
    // item when the token before it is an array that holds it.
    if (kind(c - 1) != Kind::kArray || tokens[c - 1].next == c) out.push_back(',');
    if (kind(c) == Kind::kArray) {
      ++c;
      continue;
    }
    out += scalar_string(c, "");
    c = tokens[c].next;
  }
  return out;
}

bool Json::falsy(uint32_t t) const {
  switch (kind(t)) {
    case Kind::kNull:
    case Kind::kFalse:
      return true;
    case Kind::kNumber:
      for (char c : raw(t)) {
        if (c == 'e' || c == 'E') break;
        if (c >= '1' && c <= '9') return false;
      }
      return true;
    case Kind::kString:
      return raw(t).size() == 2;
    default:
      return false;
  }
}

std::string Json::scalar_string(uint32_t t, const char* null) const {
  switch (kind(t)) {
    case Kind::kString:
      return string(t);
    case Kind::kObject:
      return "[object Object]";
    case Kind::kNull:
      return null;
    default:
      return std::string(raw(t));
  }
}

char32_t Json::hex4(std::string_view s) {
  char32_t v = 0;
  for (char c : s.substr(0, 4)) {
    v = v * 16 + static_cast<char32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

void Json::space() {
  while (at_ < text_.size() &&
         (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
    ++at_;
  }
}

bool Json::take(char c) {
  if (at_ == text_.size() || text_[at_] != c) return false;
  ++at_;
  return true;
}

bool Json::digits() {
  const uint32_t from = at_;
  while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
  return at_ > from;
}

bool Json::hex_digit(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

// A string, number, true, false or null at at_, as one token.
bool Json::scalar() {
  const uint32_t begin = at_;
  Kind kind = Kind::kString;
  if (take('"')) {
    for (;;) {
      if (at_ == text_.size()) return false;
      const auto c = static_cast<unsigned char>(text_[at_++]);
      if (c == '"') break;
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (at_ == text_.size()) return false;
      const char e = text_[at_++];
      if (e == 'u') {
        for (int k = 0; k < 4; ++k, ++at_) {
          if (at_ == text_.size() || !hex_digit(text_[at_])) return false;
        }
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return false;
      }
    }
  } else if (at_ < text_.size() &&
             (text_[at_] == '-' || (text_[at_] >= '0' && text_[at_] <= '9'))) {
    kind = Kind::kNumber;
    take('-');
    if (!take('0') && !digits()) return false;
    if (take('.') && !digits()) return false;
    if (take('e') || take('E')) {
      if (!take('+')) take('-');
      if (!digits()) return false;
    }
  } else {
    constexpr std::pair<std::string_view, Kind> kWords[] = {
        {"true", Kind::kTrue}, {"false", Kind::kFalse}, {"null", Kind::kNull}};
    bool found = false;
    for (const auto& [word, word_kind] : kWords) {
      if (text_.substr(at_, word.size()) == word) {
        at_ += static_cast<uint32_t>(word.size());
        kind = word_kind;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  tokens.push_back({kind, begin, at_, static_cast<uint32_t>(tokens.size() + 1)});
  return true;
}
}  // namespace osprey::json
