// Test entry points, linked only into osprey-engine-test (wasm/CMakeLists.txt),
// never into a shipped engine: the same core library and flags as
// osprey-engine, plus
//   Module.snowballStem(algorithm, word bytes) -> the stem (a string) by the
//     engine's Snowball stemmer (text::snowball_stem: English linked in, every
//     other algorithm through Module.ospreyStem), or null without one.
// tests/node/stemmers.test.mjs runs snowball-data through it.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <optional>
#include <string>

#include "text/snowball.hpp"

namespace {

emscripten::val snowball_stem(const std::string& algorithm, const std::string& word) {
  std::optional<std::string> stem = osprey::text::snowball_stem(algorithm, word);
  return stem ? emscripten::val(*stem) : emscripten::val::null();
}

}  // namespace

EMSCRIPTEN_BINDINGS(osprey_test) {
  emscripten::function("snowballStem", &snowball_stem);
}
