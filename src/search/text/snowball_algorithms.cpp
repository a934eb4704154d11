#include "text/snowball_algorithms.hpp"

#include <array>

namespace osprey::text {
namespace {

#define OSPREY_ALGORITHM_ENTRY(name, language) SnowballAlgorithm{#name, language},
constexpr std::array kAlgorithms{OSPREY_SNOWBALL_ALGORITHMS(OSPREY_ALGORITHM_ENTRY)};
#undef OSPREY_ALGORITHM_ENTRY

}  // namespace

std::span<const SnowballAlgorithm> snowball_algorithms() {
  return kAlgorithms;
}

const SnowballAlgorithm* stemmer_for_language(std::string_view language) {
  if (language.empty()) return nullptr;
  for (const SnowballAlgorithm& a : kAlgorithms) {
    if (a.language == language) return &a;
  }
  return nullptr;
}

}  // namespace osprey::text
