#include "text/analyzer.hpp"

#include "text/snowball.hpp"
#include "text/snowball_algorithms.hpp"

namespace osprey::text {

std::string stem_term(std::string_view folded_term, std::string_view language) {
  const SnowballAlgorithm* algorithm = stemmer_for_language(language);
  if (algorithm == nullptr) return std::string(folded_term);
  // Numbers, versions and codes ("3.11", "h264", "runs2") are not words.
  for (char c : folded_term) {
    if (c >= '0' && c <= '9') return std::string(folded_term);
  }
  std::optional<std::string> stem = snowball_stem(algorithm->name, folded_term);
  if (!stem || stem->empty()) return std::string(folded_term);
  return std::move(*stem);
}

}  // namespace osprey::text
