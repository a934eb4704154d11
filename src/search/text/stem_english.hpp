// The Snowball English ("Porter2") stemmer, from the algorithm description at
// snowballstem.org/algorithms/english/stemmer.html. Checked word for word against
// snowball-data's english voc.txt -> output.txt in tests/unit/stem_english_test.cpp.
#pragma once

#include <string>
#include <string_view>

namespace osprey::text {

/// Stems one lower-case word. Input is UTF-8; words holding anything but a-z and
/// apostrophes are returned unchanged (the algorithm is defined over a-z, 'y', ''').
/// Words of 2 letters or fewer are returned unchanged, as the algorithm says.
std::string stem_english(std::string_view word);

}  // namespace osprey::text
