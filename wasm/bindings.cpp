// Embind bindings of the engine: conversions only, no search logic.
//
// JS sees one class, Engine:
//   const engine = new Module.Engine();
//   engine.load(bytes) -> {ok: true, docCount, parts} | {ok: false, code, message}
//                         (a binary index: one file, or the base of a sharded one)
//   engine.addParts(bytes) -> {ok: true} | {ok: false, code, message}
//   engine.search(query, options)
//                      -> {ok: true, total, fullTotal, terms: [..], didYouMean,
//                          hits: [{doc, score, full, matched, fields, excerpts}],
//                          facets: {field: [{value, count, selected}]}}
//                       | {ok: true, needs: [file names]}  (add those parts, search again)
//                       | {ok: false, code, message}
//   engine.complete(query, n) -> {ok: true, completions: [{query, term, docs}]}
//                                | {ok: true, needs: [file names]}
//   engine.delete()    -> frees the index; the engine is unusable afterwards.
// and one function, Module.heapSize() -> bytes of wasm memory (for tests).
//
// Ownership: `new Module.Engine()` allocates a C++ object that the JS garbage
// collector never frees. Whoever constructs it calls .delete() exactly once:
// web/osprey-core.js does so in its close(). The returned objects are plain JS
// values copied out of the heap (strings decoded, numbers converted); they hold
// no pointers or views into wasm memory and need no .delete().
//
// Errors are values: nothing here throws into JS (an exception crossing Embind
// leaks the argument buffers). Codes: "corrupt-index", "unsupported",
// "invalid-input", "limit" (the core's ErrorCode), "not-loaded" (search before a
// successful load), "out-of-memory" and "internal" (a C++ exception escaped the
// core; it should not happen, but it must not cross into JS).
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "index/binary_codec.hpp"
#include "query/search.hpp"

namespace {

using emscripten::val;

const char* code_name(osprey::ErrorCode code) {
  switch (code) {
    case osprey::ErrorCode::kInvalidInput:
      return "invalid-input";
    case osprey::ErrorCode::kCorruptIndex:
      return "corrupt-index";
    case osprey::ErrorCode::kUnsupported:
      return "unsupported";
    case osprey::ErrorCode::kLimit:
      return "limit";
  }
  return "internal";
}

val error_value(const char* code, const std::string& message) {
  val out = val::object();
  out.set("ok", false);
  out.set("code", code);
  out.set("message", message);
  return out;
}

// Runs body, turning any C++ exception into an error value. The engine is
// built without exceptions (smaller and faster): the core reports errors as
// values, and running out of memory aborts, which the JS wrapper reports as
// "engine-failed". A build with exceptions catches them here instead.
template <typename Body>
val guarded(Body&& body) {
#if defined(__cpp_exceptions)
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return error_value("out-of-memory", "out of memory");
  } catch (const std::exception& e) {
    return error_value("internal", std::string("internal error: ") + e.what());
  } catch (...) {
    return error_value("internal", "internal error");
  }
#else
  return body();
#endif
}

// Reads the options object (web/osprey-core.js builds it) into options;
// returns a one-line problem or "".
std::string read_options(const val& j, osprey::SearchOptions& o) {
  if (j.typeOf().as<std::string>() != "object" || j.isNull()) return "options must be an object";
  const val is_array = val::global("Array")["isArray"];
  auto count = [&](const char* key, uint32_t& into) {
    const val v = j[key];
    if (v.isUndefined()) return std::string();
    if (!v.isNumber()) return std::string(key) + " must be a non-negative integer";
    const double x = v.as<double>();
    if (!(x >= 0) || x != static_cast<double>(static_cast<uint64_t>(x))) {
      return std::string(key) + " must be a non-negative integer";
    }
    into = static_cast<uint32_t>(std::min<double>(x, UINT32_MAX));
    return std::string();
  };
  auto flag = [&](const char* key, bool& into) {
    const val v = j[key];
    if (v.isUndefined()) return std::string();
    if (!v.isTrue() && !v.isFalse()) return std::string(key) + " must be true or false";
    into = v.isTrue();
    return std::string();
  };
  for (const std::string& p :
       {count("offset", o.offset), count("limit", o.limit), count("excerptWords", o.excerpt_words),
        count("facetLimit", o.facet_limit), flag("prefix", o.prefix), flag("typos", o.typos),
        flag("partial", o.partial), flag("browse", o.browse), flag("facets", o.facets),
        flag("suggest", o.suggest)}) {
    if (!p.empty()) return p;
  }
  auto array = [&](const val& v) { return is_array(v).as<bool>(); };
  auto string = [](const val& v, std::string& out) {
    if (!v.isString()) return false;
    out = v.as<std::string>();
    return true;
  };
  auto object = [](const val& v) {
    return v.typeOf().as<std::string>() == "object" && !v.isNull();
  };
  if (const val filters = j["filters"]; !filters.isUndefined()) {
    if (!array(filters)) return "filters must be an array";
    const unsigned n = filters["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
      const val f = filters[i];
      osprey::FacetFilter filter;
      if (!object(f) || !string(f["field"], filter.field)) {
        return "each filter must be {field, values: [strings], mode}";
      }
      const val values = f["values"];
      if (!values.isUndefined()) {
        if (!array(values)) return "each filter must be {field, values: [strings], mode}";
        const unsigned m = values["length"].as<unsigned>();
        for (unsigned k = 0; k < m; ++k) {
          std::string v;
          if (!string(values[k], v)) return "each filter must be {field, values: [strings], mode}";
          filter.values.push_back(std::move(v));
        }
      }
      std::string mode = "any";
      if (!f["mode"].isUndefined() && !string(f["mode"], mode)) mode = "?";
      if (mode != "any" && mode != "all" && mode != "none") {
        return "filter mode must be \"any\", \"all\" or \"none\"";
      }
      filter.mode = mode == "all"    ? osprey::FilterMode::kAll
                    : mode == "none" ? osprey::FilterMode::kNone
                                     : osprey::FilterMode::kAny;
      o.filters.push_back(std::move(filter));
    }
  }
  if (const val ranges = j["ranges"]; !ranges.isUndefined()) {
    if (!array(ranges)) return "ranges must be an array";
    const unsigned n = ranges["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
      const val r = ranges[i];
      osprey::RangeFilter range;
      if (!object(r) || !string(r["field"], range.field) ||
          (!r["from"].isUndefined() && !string(r["from"], range.from)) ||
          (!r["to"].isUndefined() && !string(r["to"], range.to))) {
        return "each range must be {field, from, to} with strings";
      }
      o.ranges.push_back(std::move(range));
    }
  }
  if (const val sort = j["sort"]; !sort.isUndefined() && !sort.isNull()) {
    if (!object(sort) || !string(sort["field"], o.sort)) return "sort must be {field, descending}";
    o.descending = !sort["descending"].isFalse();
  }
  return "";
}

val strings_value(const std::vector<std::string>& list) {
  val out = val::array();
  for (std::size_t i = 0; i < list.size(); ++i) out.set(i, list[i]);
  return out;
}

// {ok: true, needs: [file names]}: the query needs parts not loaded yet.
val needs_value(const std::vector<std::string>& needs) {
  val out = val::object();
  out.set("ok", true);
  out.set("needs", strings_value(needs));
  return out;
}

// The search result as JSON text, parsed by one JSON.parse: building it with
// val::set costs a call into JS per key and value (hundreds per result), and
// passing the text as a std::string costs a JS loop over its bytes; here the
// bytes are decoded from a view of wasm memory by one TextDecoder.decode. The
// value is the one val::set built: keys in the same order, numbers the same
// doubles (see score()), strings the same text
// (invalid UTF-8, which an index built from JSON records never holds, is
// decoded to U+FFFD as TextDecoder does). The buffer is a vector, whose
// members inline (libc++'s std::string ones are calls into the library).
class JsonWriter {
 public:
  std::vector<char> text;

  void string(std::string_view s) {
    text.push_back('"');
    std::size_t plain = 0;  // start of the run not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      while (i + 8 <= s.size() && !escapes_in8(s.data() + i)) i += 8;
      if (i == s.size()) break;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      put(s.substr(plain, i - plain));
      plain = i + 1;
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
  void key(std::string_view k) {
    comma();
    string(k);
    text.push_back(':');
    first_ = true;
  }
  /// A score as the decimal it was rounded to (search.cpp rounds every score
  /// to n / 1e6, and JSON.parse of that decimal gives the same double, both
  /// being the double nearest n / 10^6). False, writing nothing, for any other
  /// value. No printf: its floating-point formatting would grow the engine.
  bool score(double v) {
    if (std::signbit(v) || !(v < 1e12)) return false;  // -0, NaN: not as n / 1e6
    const double scaled = std::round(v * 1e6);
    if (scaled / 1e6 != v) return false;
    comma();
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
  void integer(uint64_t v) {
    comma();
    put_digits(v);
  }
  void boolean(bool v) {
    comma();
    put(v ? "true" : "false");
  }
  void str(std::string_view s) {
    comma();
    string(s);
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
  /// The JS value of the text.
  val parse() const {
    static const val decoder = val::global("TextDecoder").new_();
    static const val json = val::global("JSON");
    const val decoded = decoder.call<val>(
        "decode", val(emscripten::typed_memory_view(
                      text.size(), reinterpret_cast<const uint8_t*>(text.data()))));
    return json.call<val>("parse", decoded);
  }

 private:
  void put(std::string_view s) { text.insert(text.end(), s.begin(), s.end()); }
  // Whether any of the 8 bytes at p is one JSON escapes (< 0x20, '"', '\\'):
  // exact, by the zero-byte tests of "Bit Twiddling Hacks".
  static bool escapes_in8(const char* p) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    constexpr uint64_t kOnes = 0x0101010101010101;
    constexpr uint64_t kHigh = 0x8080808080808080;
    const auto zero_byte = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
    return ((x - kOnes * 0x20) & ~x & kHigh) | zero_byte(x ^ (kOnes * '"')) |
           zero_byte(x ^ (kOnes * '\\'));
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

void write_excerpt(JsonWriter& w, const osprey::query::Excerpt& e) {
  w.open('{');
  w.key("segments");
  w.open('[');
  for (const auto& seg : e.segments) {
    w.open('{');
    w.key("text");
    w.str(seg.text);
    w.key("match");
    w.boolean(seg.match);
    w.close('}');
  }
  w.close(']');
  w.key("cutStart");
  w.boolean(e.cut_start);
  w.key("cutEnd");
  w.boolean(e.cut_end);
  w.close('}');
}

val result_value(const osprey::Index& ix, const osprey::SearchResult& result) {
  JsonWriter w;
  w.open('{');
  w.key("ok");
  w.boolean(true);
  w.key("total");
  w.integer(result.total);
  w.key("fullTotal");
  w.integer(result.full_total);
  w.key("terms");
  w.open('[');
  for (const auto& t : result.terms) w.str(t);
  w.close(']');
  w.key("hits");
  w.open('[');
  std::vector<std::size_t> odd_scores;  // hits whose score score() cannot write
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    const osprey::Hit& h = result.hits[i];
    w.open('{');
    w.key("doc");
    w.integer(h.doc);
    w.key("score");
    if (!w.score(h.score)) {
      w.integer(0);  // set below, from the double itself
      odd_scores.push_back(i);
    }
    w.key("full");
    w.boolean(h.full);
    w.key("matched");
    w.open('[');
    for (uint32_t m : h.matched) w.integer(m);
    w.close(']');
    w.key("fields");
    w.open('{');
    for (const auto& [name, value] : osprey::stored_fields(ix, h.doc)) {
      w.key(name);
      w.str(value);
    }
    w.close('}');
    w.key("excerpts");
    w.open('{');
    for (const auto& e : h.excerpts) {
      w.key(ix.schema.fields[e.field].name);
      write_excerpt(w, e.excerpt);
    }
    w.close('}');
    w.close('}');
  }
  w.close(']');
  w.key("facets");
  w.open('{');
  for (const auto& f : result.facets) {
    w.key(f.field);
    w.open('[');
    for (const auto& c : f.values) {
      w.open('{');
      w.key("value");
      w.str(c.value);
      w.key("count");
      w.integer(c.count);
      w.key("selected");
      w.boolean(c.selected);
      w.close('}');
    }
    w.close(']');
  }
  w.close('}');
  w.key("didYouMean");
  w.str(result.did_you_mean);
  w.close('}');
  val out = w.parse();
  if (!odd_scores.empty()) {
    val hits = out["hits"];
    for (std::size_t i : odd_scores) hits[i].set("score", result.hits[i].score);
  }
  return out;
}

class Engine {
 public:
  // A failed load leaves the previously loaded index (if any) in place.
  val load(const std::string& text) {
    return guarded([&] {
      osprey::Result<osprey::Index> index = osprey::read_index_binary(text);
      if (!index.ok()) return error_value(code_name(index.error().code), index.error().message);
      searcher_.reset();
      index_ = std::move(index).value();
      searcher_.emplace(*index_);
      val out = val::object();
      out.set("ok", true);
      out.set("docCount", index_->doc_count);
      out.set("parts", static_cast<double>(index_->part_count()));
      return out;
    });
  }

  // Adds parts of a sharded index (files named by a search's `needs`).
  val addParts(const std::string& bytes) {
    return guarded([&] {
      if (!index_) return error_value("not-loaded", "no index loaded (call load first)");
      osprey::Result<std::monostate> added = osprey::add_parts(*index_, bytes);
      if (!added.ok()) return error_value(code_name(added.error().code), added.error().message);
      val out = val::object();
      out.set("ok", true);
      return out;
    });
  }

  // options: the JSON text of a SearchOptions object (see web/osprey-core.js,
  // which builds it): {"offset", "limit", "prefix", "typos", "partial",
  // "browse", "facets", "suggest", "excerptWords", "filters": [{"field",
  // "values", "mode": "any"|"all"|"none"}], "ranges": [{"field", "from", "to"}],
  // "sort": {"field", "descending"}}. Missing keys keep the defaults.
  val search(const std::string& query, const val& options_value) {
    return guarded([&] {
      if (!index_) return error_value("not-loaded", "no index loaded (call load first)");
      osprey::SearchOptions options;
      if (std::string problem = read_options(options_value, options); !problem.empty()) {
        return error_value("invalid-argument", problem);
      }
      const osprey::Index& ix = *index_;
      osprey::Result<osprey::SearchResult> searched = searcher_->search(query, options);
      if (!searched.ok()) return error_value("invalid-argument", searched.error().message);
      if (!searched.value().needs.empty())
        return needs_value(ix.part_names(searched.value().needs));
      return result_value(ix, searched.value());
    });
  }

  // Up to n completions of the query's last word: [{query, term, docs}].
  val complete(const std::string& query, int n) const {
    return guarded([&] {
      if (!index_) return error_value("not-loaded", "no index loaded (call load first)");
      val list = val::array();
      osprey::Needs needs;
      const auto found =
          osprey::complete(*index_, query, n > 0 ? static_cast<std::size_t>(n) : 0, &needs);
      if (!needs.empty()) return needs_value(index_->part_names(needs));
      for (std::size_t i = 0; i < found.size(); ++i) {
        val c = val::object();
        c.set("query", found[i].query);
        c.set("term", found[i].term);
        c.set("docs", static_cast<double>(found[i].docs));
        list.set(i, c);
      }
      val out = val::object();
      out.set("ok", true);
      out.set("completions", list);
      return out;
    });
  }

 private:
  std::optional<osprey::Index> index_;
  std::optional<osprey::Searcher> searcher_;  // of *index_: reuses per-query buffers
};

double heap_size() {
  return static_cast<double>(emscripten_get_heap_size());
}

}  // namespace

EMSCRIPTEN_BINDINGS(osprey) {
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("load", &Engine::load)
      .function("addParts", &Engine::addParts)
      .function("search", &Engine::search)
      .function("complete", &Engine::complete);
  emscripten::function("heapSize", &heap_size);
}
