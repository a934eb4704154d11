// English stop words. They are indexed with their positions (phrases stay
// exact) but carry little weight and are optional in an AND query that has
// other terms.
#pragma once

#include <string_view>

namespace osprey::text {

/// True if the folded term is an English stop word.
bool is_stop_word(std::string_view folded_term);

}  // namespace osprey::text
