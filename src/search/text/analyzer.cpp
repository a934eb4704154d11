#include "text/analyzer.hpp"

#include "text/stem_english.hpp"

namespace osprey::text {

std::string stem_term(std::string_view folded_term, std::string_view language) {
  if (language != "en") return std::string(folded_term);
  for (char c : folded_term) {
    if (c < 'a' || c > 'z') return std::string(folded_term);
  }
  return stem_english(folded_term);
}

}  // namespace osprey::text
