#include "build/stop_words.hpp"

#include <algorithm>
#include <array>

#include "build/stop_word_lists.hpp"
#include "text/tokenize.hpp"

namespace osprey {
namespace {

// English: Snowball's list less the words that carry meaning in a query
// (direction, order, quantity, time: "against", "before", "more", "up"), so
// they stay required in an AND query, and less the contraction fragments
// ("don", "t", "ll") Snowball lists for tokenizers that split at apostrophes:
// ours joins them ("don't" gives "dont"), so a lone "t" or "won" is a word.
constexpr std::array<std::string_view, 51> kEnglishDropped = {
    "above",  "again", "against", "ain",     "aren",   "because", "before", "below",  "between",
    "couldn", "d",     "didn",    "doesn",   "don",    "down",    "during", "few",    "further",
    "hadn",   "hasn",  "haven",   "isn",     "ll",     "m",       "ma",     "mightn", "more",
    "most",   "mustn", "needn",   "now",     "o",      "off",     "other",  "out",    "over",
    "re",     "s",     "shan",    "shouldn", "t",      "through", "under",  "until",  "up",
    "ve",     "wasn",  "weren",   "won",     "wouldn", "y",
};
// Function words Osprey's English list held before it came from Snowball's.
constexpr std::array<std::string_view, 4> kEnglishAdded = {"also", "could", "us", "would"};

}  // namespace

std::vector<std::string> stop_words_for(std::string_view language) {
  std::vector<std::string> out;
  std::vector<text::Token> tokens;
  const text::Folding folding = text::folding_for(language);
  const auto add = [&](std::string_view word) {
    tokens.clear();
    text::tokenize(word, tokens, 0, folding);
    if (tokens.size() == 1) out.push_back(std::move(tokens[0].term));
  };
  const bool english = language == "en";
  for (std::string_view word : stop_word_source(language)) {
    if (english &&
        std::find(kEnglishDropped.begin(), kEnglishDropped.end(), word) != kEnglishDropped.end()) {
      continue;
    }
    add(word);
  }
  if (english) {
    for (std::string_view word : kEnglishAdded) add(word);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace osprey
