// text::snowball_stem of the wasm engine. Snowball English is linked in (the
// default language). Every other algorithm is its own stemmer module
// (stem_module.c, web/engine/stem/<algorithm>.wasm), so a page fetches only the
// stemmer of its index's language: JS instantiates it beside the engine and
// sets Module.ospreyStem (web/widget/stemmer.js), which this file calls
// synchronously. Without that module, stemming in its language returns nullopt
// (web/osprey-core.js does not search such an index before the module is set).
#include <emscripten/emscripten.h>

#include <climits>

#include "text/snowball.hpp"

extern "C" {
SN_env* english_UTF_8_create_env(void);
void english_UTF_8_close_env(SN_env* z);
int english_UTF_8_stem(SN_env* z);
}

// The stem of word[0, size) by the module of algorithm (a C string): its length
// in bytes, copied to out when it fits in cap; -1 when no module of that
// algorithm is set or it failed.
// clang-format off
EM_JS(int, osprey_stem_with_module,
      (const char* algorithm, const char* word, int size, char* out, int cap), {
  const stem = Module["ospreyStem"];
  const got = stem ? stem(UTF8ToString(algorithm), HEAPU8.slice(word, word + size)) : null;
  if (!got) return -1;
  if (got.length <= cap) HEAPU8.set(got, out);
  return got.length;
});
// clang-format on

namespace osprey::text {

std::optional<std::string> snowball_stem(std::string_view algorithm, std::string_view word) {
  if (algorithm == "english") {
    return snowball_run({english_UTF_8_create_env, english_UTF_8_close_env, english_UTF_8_stem},
                        word);
  }
  if (word.size() > static_cast<std::size_t>(INT_MAX) / 2) return std::nullopt;
  const std::string name(algorithm);
  const int size = static_cast<int>(word.size());
  std::string out(word.size() + 8, '\0');  // stems are rarely longer than their word
  int got = osprey_stem_with_module(name.c_str(), word.data(), size, out.data(),
                                    static_cast<int>(out.size()));
  if (got < 0) return std::nullopt;
  if (static_cast<std::size_t>(got) > out.size()) {
    out.resize(static_cast<std::size_t>(got));
    got = osprey_stem_with_module(name.c_str(), word.data(), size, out.data(), got);
    if (got < 0 || static_cast<std::size_t>(got) > out.size()) return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(got));
  return out;
}

}  // namespace osprey::text
