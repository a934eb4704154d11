// Embind bindings of the engine: conversions only, no search logic.
//
// JS sees one class, Engine:
//   const engine = new Module.Engine();
//   engine.load(text)  -> {ok: true, docCount} | {ok: false, code, message}
//   engine.search(query, offset, limit)
//                      -> {ok: true, total, terms: [..], hits: [{doc, score, fields}]}
//                       | {ok: false, code, message}
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

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <utility>

#include "core/result.hpp"
#include "index/codec.hpp"
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

// Runs body, turning any C++ exception into an error value.
template <typename Body>
val guarded(Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return error_value("out-of-memory", "out of memory");
  } catch (const std::exception& e) {
    return error_value("internal", std::string("internal error: ") + e.what());
  } catch (...) {
    return error_value("internal", "internal error");
  }
}

class Engine {
 public:
  // A failed load leaves the previously loaded index (if any) in place.
  val load(const std::string& text) {
    return guarded([&] {
      osprey::Result<osprey::Index> index = osprey::read_index(text);
      if (!index.ok()) return error_value(code_name(index.error().code), index.error().message);
      index_ = std::move(index).value();
      val out = val::object();
      out.set("ok", true);
      out.set("docCount", index_->doc_count);
      return out;
    });
  }

  // Negative offset or limit count as 0; limit is capped at osprey::kMaxLimit.
  val search(const std::string& query, int offset, int limit) const {
    return guarded([&] {
      if (!index_) return error_value("not-loaded", "no index loaded (call load first)");
      const osprey::Index& ix = *index_;
      const osprey::SearchOptions options{.offset = static_cast<uint32_t>(offset > 0 ? offset : 0),
                                          .limit = static_cast<uint32_t>(limit > 0 ? limit : 0)};
      const osprey::SearchResult result = osprey::search(ix, query, options);

      val terms = val::array();
      for (std::size_t i = 0; i < result.terms.size(); ++i) terms.set(i, result.terms[i]);
      val hits = val::array();
      for (std::size_t i = 0; i < result.hits.size(); ++i) {
        const osprey::Hit& h = result.hits[i];
        val fields = val::object();
        for (const auto& [name, value] : osprey::stored_fields(ix, h.doc)) fields.set(name, value);
        val hit = val::object();
        hit.set("doc", h.doc);
        hit.set("score", h.score);
        hit.set("fields", fields);
        hits.set(i, hit);
      }
      val out = val::object();
      out.set("ok", true);
      out.set("total", static_cast<double>(result.total));
      out.set("terms", terms);
      out.set("hits", hits);
      return out;
    });
  }

 private:
  std::optional<osprey::Index> index_;
};

double heap_size() {
  return static_cast<double>(emscripten_get_heap_size());
}

}  // namespace

EMSCRIPTEN_BINDINGS(osprey) {
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("load", &Engine::load)
      .function("search", &Engine::search);
  emscripten::function("heapSize", &heap_size);
}
