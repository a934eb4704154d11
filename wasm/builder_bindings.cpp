// Embind bindings of the builder (osprey-builder.js/.wasm, for Node only:
// web/node/indexer.js loads it; pages never fetch it): conversions only. The
// work is src/build/records_bundle.hpp, the same code `osprey index` runs.
//
// JS sees two functions (strings as JS strings, bytes as Uint8Array):
//   Module.selectAssets(listing: string[]) -> {ok: true, assets: [{path, source}]}
//                                           | {ok: false, code, message}
//       which files of the assets folder a bundle copies (build/bundle_files.hpp
//       select_assets; listing: every file under the folder, relative paths)
//   Module.buildBundle(configJson, sets: [[language, Uint8Array]], assets: [[path, Uint8Array]],
//                      compress: (Uint8Array, dictionary?: Uint8Array) => Uint8Array)
//       -> {ok: true, files: [{path, bytes: Uint8Array}], records, skipped,
//           documents, terms, warnings: [{set, line, message}]}
//        | {ok: false, code, message}
//       a set: the records of one language ("": the config's) as JSON Lines;
//       one index each, the first set's language the bundle's default
//       compress makes one index file a gzip member as tools/gzip.hpp gzip does
//       or, given a dictionary, a raw DEFLATE stream as its deflate_raw does
//       (build/bundle_files.hpp CompressJob); it is called once per index
//       file, synchronously, and gets copies (of one dictionary, one copy).
//
// Ownership: no C++ object reaches JS. Every returned value is a plain JS
// object; its Uint8Arrays are copies, never views into wasm memory.
//
// Errors are values: nothing here throws into JS (an exception crossing Embind
// leaks the argument buffers). Codes: the core's ("invalid-input", "limit",
// ...), "out-of-memory", and "internal" (a C++ exception escaped the core).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "build/records_bundle.hpp"

#ifndef OSPREY_VERSION
#error "OSPREY_VERSION must be defined (wasm/CMakeLists.txt)"
#endif

namespace {

using emscripten::val;

val error_value(const char* code, const std::string& message) {
  val out = val::object();
  out.set("ok", false);
  out.set("code", code);
  out.set("message", message);
  return out;
}

// A copy of bytes as a new Uint8Array.
val bytes_value(std::string_view bytes) {
  return val::global("Uint8Array")
      .new_(emscripten::typed_memory_view(bytes.size(),
                                          reinterpret_cast<const unsigned char*>(bytes.data())));
}

// Runs f, turning an escaped exception into an error value.
template <typename F>
val guarded(F&& f) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return error_value("out-of-memory", "out of memory");
  } catch (const std::exception& e) {
    return error_value("internal", std::string("internal error: ") + e.what());
  }
}

val select_assets(val listing) {
  return guarded([&] {
    osprey::Result<std::vector<osprey::AssetFile>> chosen =
        osprey::select_assets(emscripten::vecFromJSArray<std::string>(listing));
    if (!chosen.ok()) {
      return error_value(code_name(chosen.error().code), chosen.error().message);
    }
    val assets = val::array();
    for (const osprey::AssetFile& f : chosen.value()) {
      val a = val::object();
      a.set("path", f.bundle_path);
      a.set("source", f.source);
      assets.call<void>("push", a);
    }
    val out = val::object();
    out.set("ok", true);
    out.set("assets", assets);
    return out;
  });
}

val build_bundle(std::string config_json, val sets, val assets, val compress_one) {
  return guarded([&] {
    osprey::Result<osprey::RecordsConfig> config = osprey::records_config_from_json(config_json);
    if (!config.ok()) return error_value(code_name(config.error().code), config.error().message);
    // The sets' texts are kept here; RecordSet views them.
    const unsigned count = sets["length"].as<unsigned>();
    std::vector<std::string> texts;
    std::vector<osprey::RecordSet> record_sets;
    for (unsigned i = 0; i < count; ++i) texts.push_back(sets[i][1].as<std::string>());
    for (unsigned i = 0; i < count; ++i) {
      record_sets.push_back(
          {sets[i][0].as<std::string>(), texts[i], osprey::RecordFormat::kJsonLines});
    }
    std::vector<std::pair<std::string, std::string>> files;
    const unsigned n = assets["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
      files.emplace_back(assets[i][0].as<std::string>(), assets[i][1].as<std::string>());
    }
    auto compress = [&](const std::vector<osprey::CompressJob>& jobs) {
      std::vector<std::string> out;
      // An index's display parts share one dictionary: copied to JS once.
      std::string_view copied;
      val dictionary = val::undefined();
      for (const osprey::CompressJob& job : jobs) {
        if (job.dictionary.data() != copied.data() || job.dictionary.size() != copied.size()) {
          copied = job.dictionary;
          dictionary = copied.empty() ? val::undefined() : bytes_value(copied);
        }
        out.push_back(compress_one(bytes_value(job.bytes), dictionary).as<std::string>());
      }
      return out;
    };
    osprey::Result<osprey::RecordsBundle> built = osprey::records_bundle(
        config.value(), record_sets, std::move(files), compress, "osprey " OSPREY_VERSION);
    if (!built.ok()) return error_value(code_name(built.error().code), built.error().message);
    const osprey::RecordsBundle& b = built.value();
    val list = val::array();
    for (const osprey::BundleFile& f : b.files) {
      val file = val::object();
      file.set("path", f.path);
      file.set("bytes", bytes_value(f.bytes));
      list.call<void>("push", file);
    }
    val warnings = val::array();
    for (const osprey::RecordWarning& w : b.warnings) {
      val item = val::object();
      item.set("set", static_cast<double>(w.set));
      item.set("line", static_cast<double>(w.line));
      item.set("message", w.message);
      warnings.call<void>("push", item);
    }
    val out = val::object();
    out.set("ok", true);
    out.set("files", list);
    out.set("records", static_cast<double>(b.records));
    out.set("skipped", static_cast<double>(b.skipped));
    out.set("documents", b.documents);
    out.set("terms", static_cast<double>(b.terms));
    out.set("warnings", warnings);
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(osprey_builder) {
  emscripten::function("selectAssets", &select_assets);
  emscripten::function("buildBundle", &build_bundle);
}
