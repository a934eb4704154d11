#include "query/result_json.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "text/snowball_algorithms.hpp"
#include "text/utf8.hpp"

namespace osprey {
namespace {

// JSON text into a vector.
class JsonWriter {
 public:
  std::vector<char> text;

  void key(std::string_view k) {
    comma();
    string(k);
    text.push_back(':');
    first_ = true;
  }
  // A key and its value (not inlined: they are called from every object
  // written, and each call is one small value).
  [[gnu::noinline]] void key_str(std::string_view k, std::string_view v) {
    key(k);
    str(v);
  }
  [[gnu::noinline]] void key_int(std::string_view k, uint64_t v) {
    key(k);
    integer(v);
  }
  [[gnu::noinline]] void key_bool(std::string_view k, bool v) {
    key(k);
    boolean(v);
  }
  void str(std::string_view s) {
    comma();
    string(s);
  }
  void integer(uint64_t v) {
    comma();
    put_digits(v);
  }
  void number(double v) {
    comma();
    if (!std::isfinite(v)) {
      put("null");
    } else if (!millionths(v)) {
      if (std::signbit(v)) text.push_back('-');
      exact(std::fabs(v));
    }
  }
  void boolean(bool v) {
    comma();
    put(v ? "true" : "false");
  }
  void open(char c) {
    comma();
    text.push_back(c);
    first_ = true;
  }
  void close(char c) {
    text.push_back(c);
    first_ = false;
  }

 private:
  // Not inlined: the vector's insert is big, and it is called from every
  // value written.
  [[gnu::noinline]] void put(std::string_view s) { text.insert(text.end(), s.begin(), s.end()); }

  void string(std::string_view s) {
    text.push_back('"');
    std::size_t plain = 0;  // start of the run not yet copied
    for (std::size_t i = 0; i < s.size();) {
      if (i + 8 <= s.size() && plain8(s.data() + i)) {
        i += 8;
        continue;
      }
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) {
        // Ill-formed UTF-8 (not in an index built from JSON records, but in a
        // query typed on a command line) becomes U+FFFD, as TextDecoder does.
        const text::Decoded d = text::decode_utf8(s, i);
        if (d.cp == text::kReplacement && s.substr(i, d.size) != "\xEF\xBF\xBD") {
          put(s.substr(plain, i - plain));
          put("\xEF\xBF\xBD");
          plain = i + d.size;
        }
        i += d.size;
        continue;
      }
      if (c >= 0x20 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      put(s.substr(plain, i - plain));
      plain = ++i;
      if (c == '"' || c == '\\') {
        const char escaped[] = {'\\', static_cast<char>(c)};
        put({escaped, 2});
      } else {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        put({escaped, 6});
      }
    }
    put(s.substr(plain));
    text.push_back('"');
  }

  // Whether none of the 8 bytes at p needs a look: no byte JSON escapes
  // (< 0x20, '"', '\\') and none >= 0x80. Exact, by the zero-byte tests of
  // "Bit Twiddling Hacks".
  static bool plain8(const char* p) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    constexpr uint64_t kOnes = 0x0101010101010101;
    constexpr uint64_t kHigh = 0x8080808080808080;
    const auto zero_byte = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
    return !(((x - kOnes * 0x20) & ~x & kHigh) | zero_byte(x ^ (kOnes * '"')) |
             zero_byte(x ^ (kOnes * '\\')) | (x & kHigh));
  }

  /// v as the decimal it was rounded to, n / 10^6 (ranking.cpp rounds every
  /// score so; JSON.parse and strtod of that decimal give the same double,
  /// both being the double nearest n / 10^6). False, writing nothing, for
  /// any other value.
  bool millionths(double v) {
    if (std::signbit(v) || !(v < 1e12)) return false;  // -0, NaN: not as n / 1e6
    const double scaled = std::round(v * 1e6);
    if (scaled / 1e6 != v) return false;
    const auto n = static_cast<uint64_t>(scaled);
    put_digits(n / 1000000);
    uint64_t fraction = n % 1000000;
    if (fraction != 0) {
      char buf[7] = {'.'};
      std::size_t size = 7;
      for (std::size_t k = 6; k >= 1; --k, fraction /= 10)
        buf[k] = static_cast<char>('0' + fraction % 10);
      while (buf[size - 1] == '0') --size;
      put({buf, size});
    }
    return true;
  }

  /// The exact decimal expansion of a finite v >= 0. A double is m * 2^e
  /// with an integer m < 2^53: for e >= 0 an integer, for e < 0 the decimal
  /// m * 5^-e / 10^-e. Computed a decimal digit at a time: slow, small, and
  /// only for values that are not n / 10^6.
  [[gnu::cold]] void exact(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    const int biased = static_cast<int>(bits >> 52 & 0x7ff);
    uint64_t m = bits & ((uint64_t{1} << 52) - 1);
    int e = -1074;  // subnormal
    if (biased != 0) {
      m |= uint64_t{1} << 52;
      e = biased - 1075;
    }
    if (m == 0) e = 0;
    for (; m != 0 && (m & 1) == 0; m >>= 1) ++e;  // m odd: no zeros to trim below
    // Least significant first, as values 0-9: m * 5^1074 has 768 digits at
    // most, m * 2^971 309, and a fraction is padded to 1075.
    char digits[1100];
    std::size_t n = 0;
    do {
      digits[n++] = static_cast<char>(m % 10);
      m /= 10;
    } while (m != 0);
    const int base = e >= 0 ? 2 : 5;
    for (int k = e >= 0 ? e : -e; k > 0; --k) {
      int carry = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const int x = digits[i] * base + carry;
        digits[i] = static_cast<char>(x % 10);
        carry = x / 10;
      }
      if (carry != 0) digits[n++] = static_cast<char>(carry);
    }
    // At least one digit before the point; m * 5^k (m odd) ends in 5.
    const std::size_t fraction = e >= 0 ? 0 : static_cast<std::size_t>(-e);
    while (n <= fraction) digits[n++] = 0;
    while (n-- > 0) {
      text.push_back(static_cast<char>('0' + digits[n]));
      if (n == fraction && n != 0) text.push_back('.');
    }
  }

  void put_digits(uint64_t v) {
    char buf[20];
    std::size_t n = 0;
    do {
      buf[sizeof buf - ++n] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    put({buf + sizeof buf - n, n});
  }
  // A value or key follows another in its object or array: separate them.
  void comma() {
    if (!first_) text.push_back(',');
    first_ = false;
  }
  bool first_ = true;
};

// value: the text the excerpt was cut from.
void write_excerpt(JsonWriter& w, const query::Excerpt& e) {
  w.open('{');
  w.key("segments");
  w.open('[');
  for (const query::Segment& seg : e.segments) {
    w.open('{');
    w.key_str("text", seg.text);
    w.key_bool("match", seg.match);
    w.close('}');
  }
  w.close(']');
  w.key_bool("cutStart", e.cut_start);
  w.key_bool("cutEnd", e.cut_end);
  w.key_int("offset", e.begin16);
  w.close('}');
}

// {"ok":true, then the caller's keys.
JsonWriter ok_object() {
  JsonWriter w;
  w.open('{');
  w.key_bool("ok", true);
  return w;
}

std::vector<char> closed(JsonWriter& w) {
  w.close('}');
  return std::move(w.text);
}

// {"ok":true,"key":[each item]}
template <typename T, typename Write>
std::vector<char> ok_list(std::string_view key, const std::vector<T>& items, Write write) {
  JsonWriter w = ok_object();
  w.key(key);
  w.open('[');
  for (const T& item : items) write(w, item);
  w.close(']');
  return closed(w);
}

// "matched", "fields" and "excerpts" of a hit or a section: the terms it
// matched, the stored fields it carries whole (hit_fields.hpp) and its excerpts.
void write_record(JsonWriter& w, const Index& index, uint32_t doc,
                  const std::vector<uint32_t>& matched, const std::vector<uint32_t>& fields,
                  const std::vector<FieldExcerpt>& excerpts) {
  w.key("matched");
  w.open('[');
  for (uint32_t m : matched) w.integer(m);
  w.close(']');
  w.key("fields");
  w.open('{');
  for (uint32_t f : fields) w.key_str(index.schema.fields[f].name, *index.stored[f][doc]);
  w.close('}');
  w.key("excerpts");
  w.open('{');
  for (const FieldExcerpt& e : excerpts) {
    w.key(index.schema.fields[e.field].name);
    write_excerpt(w, e.excerpt);
  }
  w.close('}');
}

// "sections": [{doc, score, matched, fields, excerpts}, ...] of a page hit
// (docs/ranking.md "Pages"), best first.
void write_sections(JsonWriter& w, const Index& index, const Hit& h) {
  w.key("sections");
  w.open('[');
  for (const SectionHit& s : h.sections) {
    w.open('{');
    w.key_int("doc", s.doc);
    w.key("score");
    w.number(s.score);
    write_record(w, index, s.doc, s.matched, s.fields, s.excerpts);
    w.close('}');
  }
  w.close(']');
}

}  // namespace

std::vector<char> load_json(const Index& index) {
  JsonWriter w = ok_object();
  w.key_int("docCount", index.doc_count);
  w.key_int("parts", index.part_count());
  w.key_str("language", index.schema.language);
  if (const text::SnowballAlgorithm* stemmer = text::stemmer_for_language(index.schema.language)) {
    w.key_str("stemmer", stemmer->name);
  }
  w.key("fields");
  w.open('[');
  for (const FieldSpec& f : index.schema.fields) {
    w.open('{');
    w.key_str("name", f.name);
    for (const auto& [name, on] : {std::pair{"searchable", f.searchable()},
                                   {"stored", f.stored},
                                   {"facet", f.facet},
                                   {"sortable", f.sortable},
                                   {"boost", f.boost}}) {
      w.key_bool(name, on);
    }
    w.key("weight");
    w.number(f.weight);
    w.close('}');
  }
  w.close(']');
  w.key_str("idField", index.schema.id_field);
  return closed(w);
}

std::vector<char> result_json(const Index& index, const SearchResult& result) {
  JsonWriter w = ok_object();
  w.key_int("total", result.total);
  w.key_int("fullTotal", result.full_total);
  w.key("terms");
  w.open('[');
  for (const std::string& t : result.terms) w.str(t);
  w.close(']');
  w.key("hits");
  w.open('[');
  for (const Hit& h : result.hits) {
    w.open('{');
    w.key_int("doc", h.doc);
    w.key("score");
    w.number(h.score);
    w.key_bool("full", h.full);
    write_record(w, index, h.doc, h.matched, h.fields, h.excerpts);
    if (index.grouped()) write_sections(w, index, h);
    w.close('}');
  }
  w.close(']');
  w.key("facets");
  w.open('{');
  for (const FacetResult& f : result.facets) {
    w.key(f.field);
    w.open('[');
    for (const FacetCount& c : f.values) {
      w.open('{');
      w.key_str("value", c.value);
      w.key_int("count", c.count);
      w.key_bool("selected", c.selected);
      w.close('}');
    }
    w.close(']');
  }
  w.close('}');
  w.key_str("didYouMean", result.did_you_mean);
  return closed(w);
}

std::vector<char> completions_json(const std::vector<Completion>& completions) {
  return ok_list("completions", completions, [](JsonWriter& w, const Completion& c) {
    w.open('{');
    w.key_str("query", c.query);
    w.key_str("term", c.term);
    w.key_int("docs", c.docs);
    w.close('}');
  });
}

std::vector<char> needs_json(const std::vector<std::string>& needs) {
  return ok_list("needs", needs, [](JsonWriter& w, const std::string& name) { w.str(name); });
}

std::vector<char> ok_json() {
  constexpr std::string_view kOk = R"({"ok":true})";
  return {kOk.begin(), kOk.end()};
}

std::vector<char> error_json(std::string_view code, std::string_view message) {
  JsonWriter w;
  w.open('{');
  w.key_bool("ok", false);
  w.key_str("code", code);
  w.key_str("message", message);
  return closed(w);
}

}  // namespace osprey
