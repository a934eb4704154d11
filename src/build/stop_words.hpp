// The stop words the builder puts into an index (Index::stop_words,
// docs/languages.md): Snowball's list of the index language
// (stop_word_lists.hpp), each word analyzed as indexed text is, kept when it
// gives exactly one term; for English, trimmed by the rule below. The query
// side reads them from the loaded index, so the engine carries no list.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace osprey {

/// The folded stop words of language, sorted by bytes and unique; empty for a
/// language without a list.
std::vector<std::string> stop_words_for(std::string_view language);

}  // namespace osprey
