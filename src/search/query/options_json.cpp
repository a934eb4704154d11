#include "query/options_json.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/parse_double.hpp"
#include "core/quote.hpp"
#include "index/limits.hpp"
#include "query/bm25.hpp"
#include "text/utf8.hpp"

namespace osprey {
namespace {

enum class Kind : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

struct Token {
  Kind kind;
  uint32_t begin;  // first byte (a string's opening quote)
  uint32_t end;    // one past the last byte (containers: unused)
  uint32_t next;   // the token after this value and all it holds
};

constexpr uint32_t kNone = UINT32_MAX;  // a key that is not there
constexpr uint32_t kMaxCount = 0x7fffffff;

// One JSON value as tokens in document order, read by one loop that links
// the open containers through their tokens: no recursion and no stack, so
// any depth costs a token per value and nothing more. A container's children
// run from its token + 1 to its next; an object's alternate key, value, key,
// value.
class Json {
 public:
  explicit Json(std::string_view text) : text_(text) {}

  /// Reads the text; false at the first byte that is not JSON (error_at).
  bool parse() {
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
  uint32_t error_at() const { return at_; }

  std::vector<Token> tokens;

  /// The value of object's last member named key (JSON.parse keeps the
  /// last), or kNone; kNone too when object is not an object.
  uint32_t member(uint32_t object, std::string_view key) const {
    uint32_t found = kNone;
    if (object == kNone || tokens[object].kind != Kind::kObject) return found;
    for (uint32_t k = object + 1; k < tokens[object].next; k = tokens[k + 1].next) {
      if (key_is(k, key)) found = k + 1;
    }
    return found;
  }
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
  std::string string(uint32_t t) const {
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

  /// What JS String() makes of the value (kNone: "undefined"): a number as
  /// written (JSON.stringify writes String()'s digits), an object
  /// "[object Object]", an array its items' joined by "," (null: "").
  std::string js_string(uint32_t t) const {
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

  /// Whether JS takes the value as false: null, false, 0, "".
  bool falsy(uint32_t t) const {
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

 private:
  std::string scalar_string(uint32_t t, const char* null) const {
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

  static char32_t hex4(std::string_view s) {
    char32_t v = 0;
    for (char c : s.substr(0, 4)) {
      v = v * 16 + static_cast<char32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
  }

  void space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }
  bool take(char c) {
    if (at_ == text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool digits() {
    const uint32_t from = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    return at_ > from;
  }
  static bool hex_digit(char c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  }

  // A string, number, true, false or null at at_, as one token.
  bool scalar() {
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

  std::string_view text_;
  uint32_t at_ = 0;
};

// Whether a JSON number is a non-negative integer, as JS's
// Number.isInteger(x) && x >= 0 sees the double JSON.parse reads (parse_double
// rounds the same way); into: it, capped at kMaxCount.
bool count_value(std::string_view number, uint32_t& into) {
  const double x = parse_double(number).value;
  if (!(x >= 0) || !std::isfinite(x) || x != std::floor(x)) return false;
  into = x < kMaxCount ? static_cast<uint32_t>(x) : kMaxCount;
  return true;
}

// The options object's reader: each step as the page API always checked it,
// in the same order. The first problem is kept, and the steps after it do
// nothing.
class Reader {
 public:
  std::string problem;  // empty while all is well

  explicit Reader(std::string_view text) : j_(text) {
    if (text.size() > kMaxOptionsBytes) {
      problem = "options must be at most 1 MiB of JSON";
    } else if (!j_.parse()) {
      problem =
          "options must be an object (not JSON at byte " + std::to_string(j_.error_at()) + ")";
    } else if (j_.kind(0) != Kind::kObject) {
      problem = "options must be an object";
    }
  }

  void count(const char* key, uint32_t& into) {
    const uint32_t v = get(key);
    if (v == kNone || (j_.kind(v) == Kind::kNumber && count_value(j_.raw(v), into))) return;
    problem = std::string(key) + " must be a non-negative integer (got " + j_.js_string(v) + ")";
  }

  void flag(const char* key, bool& into) {
    const uint32_t v = get(key);
    if (v == kNone) return;
    if (j_.kind(v) != Kind::kTrue && j_.kind(v) != Kind::kFalse) {
      problem = std::string(key) + " must be true or false";
    }
    into = j_.kind(v) == Kind::kTrue;
  }

  void filters(std::vector<FacetFilter>& out) {
    const uint32_t list = get("filters");
    if (list == kNone) return;
    if (j_.kind(list) == Kind::kObject) {  // {field: value | [values]}
      for (uint32_t k = list + 1; k < j_.tokens[list].next; k = j_.tokens[k + 1].next) {
        out.push_back({j_.string(k), values(k + 1), FilterMode::kAny});
      }
      return;
    }
    for (uint32_t f : objects(list, "filters must be an object or an array",
                              "each filter must be {field, values: [strings], mode}")) {
      FacetFilter filter{j_.js_string(j_.member(f, "field")), values(j_.member(f, "values")),
                         FilterMode::kAny};
      const uint32_t mode = j_.member(f, "mode");  // missing or falsy: "any"
      const std::string name = mode == kNone || j_.falsy(mode)  ? "any"
                               : j_.kind(mode) == Kind::kString ? j_.string(mode)
                                                                : "";
      if (name == "all") {
        filter.mode = FilterMode::kAll;
      } else if (name == "none") {
        filter.mode = FilterMode::kNone;
      } else if (name != "any") {
        problem = "filter mode must be \"any\", \"all\" or \"none\"";
        return;
      }
      out.push_back(std::move(filter));
    }
  }

  void ranges(std::vector<RangeFilter>& out) {
    const uint32_t list = get("ranges");
    if (list == kNone) return;
    for (uint32_t r : objects(list, "ranges must be an array",
                              "each range must be {field, from, to} with strings")) {
      out.push_back({j_.js_string(j_.member(r, "field")), bound(j_.member(r, "from")),
                     bound(j_.member(r, "to"))});
    }
  }

  // fields: [names], strings only (JS would not String() them: a typo such as
  // {"fields": "body"} is an error, not ["b","o","d","y"]).
  void names(const char* key, std::vector<std::string>& out) {
    const uint32_t list = get(key);
    if (list == kNone) return;
    bool strings = j_.kind(list) == Kind::kArray;
    for (uint32_t c = list + 1; strings && c < j_.tokens[list].next; c = j_.tokens[c].next) {
      strings = j_.kind(c) == Kind::kString;
    }
    if (!strings) {
      problem = std::string(key) + " must be an array of field names";
      return;
    }
    out.clear();
    for (uint32_t c = list + 1; c < j_.tokens[list].next; c = j_.tokens[c].next) {
      out.push_back(j_.string(c));
    }
  }

  // ranking: {termSaturation, pageLength, fieldWeights: {field: weight}};
  // unlike the top level, an unknown key is an error (a misspelt parameter
  // would otherwise change nothing, silently).
  void ranking(RankingOptions& out) {
    const uint32_t v = get("ranking");
    if (v == kNone) return;
    if (j_.kind(v) != Kind::kObject) {
      problem = "ranking must be an object {termSaturation, pageLength, fieldWeights}";
      return;
    }
    for (uint32_t k = v + 1; problem.empty() && k < j_.tokens[v].next; k = j_.tokens[k + 1].next) {
      if (j_.key_is(k, "termSaturation")) {
        number(k + 1, "ranking.termSaturation", 0, query::kMaxK1, "a number from 0 to 100", out.k1);
      } else if (j_.key_is(k, "pageLength")) {
        number(k + 1, "ranking.pageLength", 0, 1, "a number from 0 to 1", out.b);
      } else if (j_.key_is(k, "fieldWeights")) {
        field_weights(k + 1, out.field_weights);
      } else {
        problem = "ranking: unknown parameter " + quoted(j_.string(k)) +
                  " (termSaturation, pageLength, fieldWeights)";
      }
    }
  }

  void sort(SearchOptions& o) {
    const uint32_t v = get("sort");
    if (v == kNone) return;
    if (j_.kind(v) == Kind::kObject || j_.kind(v) == Kind::kArray) {
      o.sort = j_.js_string(j_.member(v, "field"));
      const uint32_t descending = j_.member(v, "descending");
      o.descending = descending == kNone || j_.kind(descending) != Kind::kFalse;
      return;
    }
    if (j_.kind(v) != Kind::kString) return;  // ignored, as the page API did
    if (!apply_sort_key(j_.string(v), o)) problem = "sort direction must be asc or desc";
  }

 private:
  // The top-level member key, or kNone (also once there is a problem).
  uint32_t get(const char* key) const { return problem.empty() ? j_.member(0, key) : kNone; }

  // A JSON number in [lo, hi] into into; else the problem "NAME must be RULE (got X)".
  void number(uint32_t v, const std::string& name, double lo, double hi, const char* rule,
              double& into) {
    double x = 0;
    if (j_.kind(v) == Kind::kNumber) x = parse_double(j_.raw(v)).value;
    if (j_.kind(v) != Kind::kNumber || !std::isfinite(x) || x < lo || x > hi) {
      problem = name + " must be " + rule + " (got " + j_.js_string(v).substr(0, 64) + ")";
      return;
    }
    into = x;
  }

  // fieldWeights: {field: weight}, each weight as a schema's searchable field
  // takes it (limits.hpp); replaces the list.
  void field_weights(uint32_t v, std::vector<std::pair<std::string, double>>& out) {
    if (j_.kind(v) != Kind::kObject) {
      problem = "ranking.fieldWeights must be an object {field: weight}";
      return;
    }
    out.clear();
    for (uint32_t k = v + 1; problem.empty() && k < j_.tokens[v].next; k = j_.tokens[k + 1].next) {
      double weight = 0;
      number(k + 1, "ranking.fieldWeights." + j_.string(k).substr(0, 64), kMinFieldWeight,
             kMaxFieldWeight, "a number from 1e-6 to 1000", weight);
      out.emplace_back(j_.string(k), weight);
    }
  }

  // The items of the array list, when all are objects; else none, and the
  // problem not_array or not_object.
  std::vector<uint32_t> objects(uint32_t list, const char* not_array, const char* not_object) {
    std::vector<uint32_t> out;
    if (j_.kind(list) != Kind::kArray) problem = not_array;
    for (uint32_t c = list + 1; problem.empty() && c < j_.tokens[list].next;
         c = j_.tokens[c].next) {
      if (j_.kind(c) != Kind::kObject) problem = not_object;
      out.push_back(c);
    }
    if (!problem.empty()) out.clear();
    return out;
  }

  // [].concat(v ?? []).map(String)
  std::vector<std::string> values(uint32_t v) const {
    std::vector<std::string> out;
    if (v == kNone || j_.kind(v) == Kind::kNull) return out;
    if (j_.kind(v) != Kind::kArray) {
      out.push_back(j_.js_string(v));
      return out;
    }
    for (uint32_t c = v + 1; c < j_.tokens[v].next; c = j_.tokens[c].next) {
      out.push_back(j_.kind(c) == Kind::kNull ? "null" : j_.js_string(c));
    }
    return out;
  }
  // String(v ?? '')
  std::string bound(uint32_t v) const {
    return v == kNone || j_.kind(v) == Kind::kNull ? "" : j_.js_string(v);
  }

  Json j_;
};

}  // namespace

bool apply_sort_key(std::string_view key, SearchOptions& o) {
  if (key == "relevance") key = {};
  // As JS's key.split(':'): the field, then the direction (default desc).
  const std::size_t colon = key.find(':');
  const std::string_view direction =
      colon == std::string_view::npos ? std::string_view("desc")
                                      : key.substr(colon + 1, key.find(':', colon + 1) - colon - 1);
  if (direction != "asc" && direction != "desc") return false;
  o.sort = std::string(key.substr(0, colon));
  o.descending = direction == "desc";
  return true;
}

Result<SearchOptions> read_search_options(std::string_view text, SearchOptions o) {
  Reader r(text);
  r.count("offset", o.offset);
  r.count("limit", o.limit);
  r.count("excerptWords", o.excerpt_words);
  r.count("facetLimit", o.facet_limit);
  r.count("sections", o.sections);
  r.flag("prefix", o.prefix);
  r.flag("typos", o.typos);
  r.flag("partial", o.partial);
  r.flag("browse", o.browse);
  r.flag("facets", o.facets);
  r.flag("suggest", o.suggest);
  r.filters(o.filters);
  r.ranges(o.ranges);
  r.sort(o);
  r.names("fields", o.fields);
  r.ranking(o.ranking);
  if (!r.problem.empty()) return invalid(std::move(r.problem));
  return o;
}

Result<std::size_t> read_complete_options(std::string_view text) {
  Reader r(text);
  uint32_t n = 5;
  r.count("n", n);
  if (!r.problem.empty()) return invalid(std::move(r.problem));
  return std::size_t{n};
}

}  // namespace osprey
