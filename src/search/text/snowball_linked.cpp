// snowball_stem with every algorithm linked in: the native build (and the wasm
// unit tests, built from the same target).
#include <array>

#include "text/snowball.hpp"
#include "text/snowball_algorithms.hpp"

#define OSPREY_DECLARE(name, language)               \
  extern "C" SN_env* name##_UTF_8_create_env(void);  \
  extern "C" void name##_UTF_8_close_env(SN_env* z); \
  extern "C" int name##_UTF_8_stem(SN_env* z);
OSPREY_SNOWBALL_ALGORITHMS(OSPREY_DECLARE)
#undef OSPREY_DECLARE

namespace osprey::text {
namespace {

struct Linked {
  std::string_view name;
  SnowballFunctions functions;
};

#define OSPREY_LINKED(name, language) \
  Linked{#name, {name##_UTF_8_create_env, name##_UTF_8_close_env, name##_UTF_8_stem}},
constexpr std::array kLinked{OSPREY_SNOWBALL_ALGORITHMS(OSPREY_LINKED)};
#undef OSPREY_LINKED

}  // namespace

std::optional<std::string> snowball_stem(std::string_view algorithm, std::string_view word) {
  for (const Linked& l : kLinked) {
    if (l.name == algorithm) return snowball_run(l.functions, word);
  }
  return std::nullopt;
}

}  // namespace osprey::text
