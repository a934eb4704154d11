// Embind bindings of the engine: conversions only, no search logic. What the
// engine answers is JSON text written by src/search/query/result_json.hpp (the same
// text `osprey search --json` prints), turned into a JS value here by one
// TextDecoder.decode and one JSON.parse; what a caller asks for comes in as
// JSON text read by src/search/query/options_json.hpp.
//
// JS sees one class, Engine (strings and JSON text as UTF-8 bytes):
//   const engine = new Module.Engine();
//   engine.load(bytes) -> {ok: true, docCount, parts, language,
//                          fields: [{name, searchable, stored, facet, sortable, boost, weight}],
//                          idField}
//                       | {ok: false, code, message}
//                         (a binary index: one file, or the base of a sharded one)
//   engine.addParts(bytes, name) -> {ok: true} | {ok: false, code, message}
//                       (name: the part fetched, from `needs`, or "" for any)
//   engine.search(query, optionsJson)
//                      -> {ok: true, total, fullTotal, terms: [..],
//                          hits: [{doc, score, full, matched, fields, excerpts}],
//                          facets: {field: [{value, count, selected}]}, didYouMean}
//                       | {ok: true, needs: [file names]}  (add those parts, search again)
//                       | {ok: false, code, message}
//   engine.complete(query, optionsJson)  (options: {n}, default 5)
//                      -> {ok: true, completions: [{query, term, docs}]}
//                       | {ok: true, needs: [file names]} | {ok: false, code, message}
//   engine.delete()    -> frees the index; the engine is unusable afterwards.
// and one function, Module.heapSize() -> bytes of wasm memory (for tests).
//
// Ownership: `new Module.Engine()` allocates a C++ object that the JS garbage
// collector never frees. Whoever constructs it calls .delete() exactly once:
// web/osprey-core.js does so in its close(). The returned objects are plain JS
// values parsed from text copied out of the heap; they hold no pointers or
// views into wasm memory and need no .delete().
//
// Errors are values: nothing here throws into JS (an exception crossing Embind
// leaks the argument buffers). Codes: "corrupt-index", "unsupported",
// "invalid-input", "limit" (the core's ErrorCode), "invalid-argument" (bad
// options, or options naming unknown or unsuitable fields), "not-loaded"
// (search before a successful load), "out-of-memory" and "internal" (a C++
// exception escaped the core; it should not happen, but it must not cross
// into JS).
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "index/binary_codec.hpp"
#include "query/options_json.hpp"
#include "query/result_json.hpp"
#include "query/search.hpp"

namespace {

using emscripten::val;

// The JS value of JSON text: bytes decoded from a view of wasm memory by one
// TextDecoder.decode (passing a std::string would cost a JS loop over its
// bytes), then one JSON.parse (building the value with val::set would cost a
// call into JS per key and value, hundreds per result).
val js_value(const std::vector<char>& text) {
  static const val decoder = val::global("TextDecoder").new_();
  static const val json = val::global("JSON");
  const val decoded =
      decoder.call<val>("decode", val(emscripten::typed_memory_view(
                                      text.size(), reinterpret_cast<const uint8_t*>(text.data()))));
  return json.call<val>("parse", decoded);
}

val error_value(const char* code, const std::string& message) {
  return js_value(osprey::error_json(code, message));
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
      return js_value(osprey::load_json(*index_));
    });
  }

  // Adds parts of a sharded index (files named by a search's `needs`); with a
  // name, the bytes must hold that part (osprey::add_parts).
  val addParts(const std::string& bytes, const std::string& name) {
    return guarded([&] {
      if (!index_) return error_value("not-loaded", "no index loaded (call load first)");
      osprey::Result<std::monostate> added = osprey::add_parts(*index_, bytes, name);
      if (!added.ok()) return error_value(code_name(added.error().code), added.error().message);
      return js_value(osprey::ok_json());
    });
  }

  // options: the JSON text of the options object (query/options_json.hpp).
  val search(const std::string& query, const std::string& options) {
    return guarded([&] {
      if (!index_) return error_value("not-loaded", "no index loaded (call load first)");
      osprey::Result<osprey::SearchOptions> read = osprey::read_search_options(options);
      if (!read.ok()) return error_value("invalid-argument", read.error().message);
      osprey::Result<osprey::SearchResult> searched = searcher_->search(query, read.value());
      if (!searched.ok()) return error_value("invalid-argument", searched.error().message);
      if (!searched.value().needs.empty())
        return js_value(osprey::needs_json(index_->part_names(searched.value().needs)));
      return js_value(osprey::result_json(*index_, searched.value()));
    });
  }

  // Up to n completions of the query's last word; options: {"n"}. n arrives
  // as JSON, not as an Embind int: a conversion that throws (1.5, NaN) would
  // cross into JS and leave the engine marked failed.
  val complete(const std::string& query, const std::string& options) const {
    return guarded([&] {
      if (!index_) return error_value("not-loaded", "no index loaded (call load first)");
      osprey::Result<std::size_t> n = osprey::read_complete_options(options);
      if (!n.ok()) return error_value("invalid-argument", n.error().message);
      osprey::Needs needs;
      const auto found = osprey::complete(*index_, query, n.value(), &needs);
      if (!needs.empty()) return js_value(osprey::needs_json(index_->part_names(needs)));
      return js_value(osprey::completions_json(found));
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
