#include "text/stem_english.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace osprey::text {
namespace {

using std::size_t;

// Throughout, 'Y' marks a y that acts as a consonant (set in the prelude); it is not a vowel
// and is turned back into 'y' at the end. A bit test rather than a chain of compares: the
// vowel/consonant order of words is data, not a pattern the branch predictor can learn.
constexpr bool is_vowel(char c) {
  constexpr unsigned kVowels = 1u << ('a' - 'a') | 1u << ('e' - 'a') | 1u << ('i' - 'a') |
                               1u << ('o' - 'a') | 1u << ('u' - 'a') | 1u << ('y' - 'a');
  const unsigned i = static_cast<unsigned char>(c) - unsigned{'a'};
  return i < 26 && ((kVowels >> i) & 1u) != 0;
}

// Step 1b undoubles only these letters ("hopping" -> "hop", but "falling" -> "fall").
constexpr bool is_double(char a, char b) {
  return a == b && std::string_view("bdfgmnprt").find(a) != std::string_view::npos;
}

// Letters before which Step 2 may drop a final "li" ("brightly" -> "bright"; "happily" ->
// "happili").
constexpr bool is_li_ending(char c) {
  return std::string_view("cdeghkmnrt").find(c) != std::string_view::npos;
}

// Compares back to front: most candidate suffixes differ in the last letter or two, and a
// plain loop beats a memcmp call for these 1-7 byte suffixes.
bool ends_with(std::string_view w, std::string_view suffix) {
  if (w.size() < suffix.size()) return false;
  const char* tail = w.data() + (w.size() - suffix.size());
  for (size_t i = suffix.size(); i-- > 0;) {
    if (tail[i] != suffix[i]) return false;
  }
  return true;
}

bool has_vowel(std::string_view s) {
  for (char c : s) {
    if (is_vowel(c)) return true;
  }
  return false;
}

// True when w[0, end) ends in a short syllable: non-vowel, vowel, non-vowel other than
// w/x/Y; or, for a two-letter prefix, vowel then any non-vowel ("ow", "at").
bool ends_in_short_syllable(const std::string& w, size_t end) {
  if (end == 2) return is_vowel(w[0]) && !is_vowel(w[1]);
  if (end < 3) return false;
  const char last = w[end - 1];
  return !is_vowel(w[end - 3]) && is_vowel(w[end - 2]) && !is_vowel(last) && last != 'w' &&
         last != 'x' && last != 'Y';
}

// Start of the region after the first non-vowel that follows a vowel, searching from `from`;
// w.size() (the empty region) when there is none.
size_t region_start(const std::string& w, size_t from) {
  const size_t n = w.size();
  size_t i = from;
  while (i < n && !is_vowel(w[i])) ++i;
  while (i < n && is_vowel(w[i])) ++i;
  return i < n ? i + 1 : n;
}

struct Rule {
  std::string_view suffix;
  std::string_view replacement;
  enum Cond : unsigned char { kNone, kAfterL, kAfterLi, kAfterST, kInR2 } cond = kNone;
};

// Each list is ordered by decreasing suffix length, so the first rule whose suffix matches
// is the longest match. The algorithm applies only that rule: when its condition fails,
// shorter suffixes are not tried.
constexpr Rule kStep2[] = {
    {"ational", "ate"},
    {"fulness", "ful"},
    {"iveness", "ive"},
    {"ization", "ize"},
    {"ousness", "ous"},
    {"tional", "tion"},
    {"biliti", "ble"},
    {"lessli", "less"},
    {"entli", "ent"},
    {"ation", "ate"},
    {"alism", "al"},
    {"aliti", "al"},
    {"ousli", "ous"},
    {"iviti", "ive"},
    {"fulli", "ful"},
    {"enci", "ence"},
    {"anci", "ance"},
    {"abli", "able"},
    {"izer", "ize"},
    {"ator", "ate"},
    {"alli", "al"},
    {"bli", "ble"},
    {"ogi", "og", Rule::kAfterL},
    {"li", "", Rule::kAfterLi},
};

constexpr Rule kStep3[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"alize", "al"},
    {"icate", "ic"},    {"iciti", "ic"},    {"ative", "", Rule::kInR2},
    {"ical", "ic"},     {"ness", ""},       {"ful", ""},
};

constexpr Rule kStep4[] = {
    {"ement", ""}, {"ance", ""}, {"ence", ""}, {"able", ""}, {"ible", ""},
    {"ment", ""},  {"ant", ""},  {"ent", ""},  {"ism", ""},  {"ate", ""},
    {"iti", ""},   {"ous", ""},  {"ive", ""},  {"ize", ""},  {"ion", "", Rule::kAfterST},
    {"al", ""},    {"er", ""},   {"ic", ""},
};

// A rule list regrouped by last letter at compile time, so a word is only compared with the
// few suffixes that end in its own last letter. Order within a group is kept, so the first
// match in a group is still the longest.
template <size_t N>
struct RuleTable {
  std::array<Rule, N> rules{};
  std::array<unsigned char, 27> group{};  // rules[group[c], group[c + 1]) end in 'a' + c
};

template <size_t N>
constexpr RuleTable<N> make_table(const Rule (&list)[N]) {
  static_assert(N < 256, "group offsets are bytes");
  RuleTable<N> t;
  size_t k = 0;
  for (size_t c = 0; c < 26; ++c) {
    t.group[c] = static_cast<unsigned char>(k);
    for (const Rule& r : list) {
      if (static_cast<size_t>(r.suffix.back() - 'a') == c) t.rules[k++] = r;
    }
  }
  t.group[26] = static_cast<unsigned char>(k);
  return t;
}

constexpr auto kStep2Table = make_table(kStep2);
constexpr auto kStep3Table = make_table(kStep3);
constexpr auto kStep4Table = make_table(kStep4);

// Applies the longest matching rule of `table` if its suffix starts at or after `region` and
// its own condition holds.
template <size_t N>
void apply_rules(std::string& w, const RuleTable<N>& table, size_t region, size_t p2) {
  // Every suffix has at least two letters, so a region this short can hold none of them,
  // and whichever suffix matched would fail the region test anyway.
  if (region >= w.size() || w.size() - region < 2) return;
  const unsigned c = static_cast<unsigned char>(w.back()) - unsigned{'a'};
  if (c >= 26) return;  // 'Y' or an apostrophe: no suffix ends in either
  for (size_t i = table.group[c]; i < table.group[c + 1]; ++i) {
    const Rule& r = table.rules[i];
    if (!ends_with(w, r.suffix)) continue;
    const size_t start = w.size() - r.suffix.size();
    if (start < region) return;
    switch (r.cond) {
      case Rule::kNone:
        break;
      case Rule::kAfterL:
        if (start == 0 || w[start - 1] != 'l') return;
        break;
      case Rule::kAfterLi:
        if (start == 0 || !is_li_ending(w[start - 1])) return;
        break;
      case Rule::kAfterST:
        if (start == 0 || (w[start - 1] != 's' && w[start - 1] != 't')) return;
        break;
      case Rule::kInR2:
        if (start < p2) return;
        break;
    }
    // Replacements are never longer than their suffix, so this never reallocates.
    w.replace(start, r.suffix.size(), r.replacement);
    return;
  }
}

// Packs a word of at most 7 bytes and its length into an integer, so that the whole-word
// lists below are matched by integer compares that are almost never equal, hence well
// predicted. The length sits in the byte above the letters: distinct words, even ones with
// NUL bytes, get distinct keys.
constexpr std::uint64_t pack(std::string_view s) {
  std::uint64_t key = s.size();
  for (char c : s) key = key << 8 | static_cast<unsigned char>(c);
  return key;
}

struct Exception {
  std::uint64_t key;
  std::string_view stem;
};

// Whole words with irregular stems, checked before anything else. All have 3 to 6 letters.
constexpr Exception kExceptions[] = {
    {pack("skis"), "ski"},      {pack("skies"), "sky"},    {pack("dying"), "die"},
    {pack("lying"), "lie"},     {pack("tying"), "tie"},    {pack("idly"), "idl"},
    {pack("gently"), "gentl"},  {pack("ugly"), "ugli"},    {pack("early"), "earli"},
    {pack("only"), "onli"},     {pack("singly"), "singl"}, {pack("sky"), "sky"},
    {pack("news"), "news"},     {pack("howe"), "howe"},    {pack("atlas"), "atlas"},
    {pack("cosmos"), "cosmos"}, {pack("bias"), "bias"},    {pack("andes"), "andes"},
};

// Words left as they are once Step 1a has run. All have 6 or 7 letters.
constexpr std::uint64_t kInvariantAfter1a[] = {
    pack("inning"),  pack("outing"),  pack("canning"), pack("herring"),
    pack("earring"), pack("proceed"), pack("exceed"),  pack("succeed"),
};

// Step 0: the longest of the apostrophe suffixes ', 's, 's' goes.
void step0(std::string& w) {
  if (ends_with(w, "'s'")) {
    w.resize(w.size() - 3);
  } else if (ends_with(w, "'s")) {
    w.resize(w.size() - 2);
  } else if (ends_with(w, "'")) {
    w.pop_back();
  }
}

void step1a(std::string& w) {
  const size_t n = w.size();
  if (n == 0 || (w.back() != 's' && w.back() != 'd')) return;
  if (ends_with(w, "sses")) {
    w.resize(n - 2);
  } else if (ends_with(w, "ied") || ends_with(w, "ies")) {
    // "cries" -> "cri" but "ties" -> "tie": keep the e unless two or more letters precede.
    w.resize(n > 4 ? n - 2 : n - 1);
  } else if (w.back() == 'd' || ends_with(w, "ss") || ends_with(w, "us")) {
    // Left alone.
  } else if (n >= 2 && has_vowel(std::string_view(w).substr(0, n - 2))) {
    // The vowel must not be the letter right before the s ("gas", "this" stay).
    w.pop_back();
  }
}

void step1b(std::string& w, size_t p1) {
  const size_t n = w.size();
  if (n == 0) return;
  size_t eed = 0;  // length of a matched eed/eedly suffix
  size_t len = 0;  // length of a matched ed/edly/ing/ingly suffix
  switch (w.back()) {
    case 'd':
      if (ends_with(w, "eed")) {
        eed = 3;
      } else if (ends_with(w, "ed")) {
        len = 2;
      }
      break;
    case 'g':
      if (ends_with(w, "ing")) len = 3;
      break;
    case 'y':
      if (ends_with(w, "eedly")) {
        eed = 5;
      } else if (ends_with(w, "ingly")) {
        len = 5;
      } else if (ends_with(w, "edly")) {
        len = 4;
      }
      break;
    default:
      return;
  }
  if (eed != 0) {
    if (n - eed >= p1) w.resize(n - eed + 2);  // eed(ly) -> ee when in R1
    return;
  }
  if (len == 0 || len > n) return;
  if (!has_vowel(std::string_view(w).substr(0, n - len))) return;
  w.erase(n - len);
  // The stem keeps at least one letter (a vowel), and at least two were removed, so
  // push_back below stays within the existing capacity.
  const size_t m = w.size();
  if (ends_with(w, "at") || ends_with(w, "bl") || ends_with(w, "iz")) {
    w.push_back('e');
  } else if (m >= 2 && is_double(w[m - 2], w[m - 1])) {
    w.pop_back();
  } else if (p1 >= m && ends_in_short_syllable(w, m)) {
    // A short word: R1 is empty and it ends in a short syllable ("hop" -> "hope").
    w.push_back('e');
  }
}

void step1c(std::string& w) {
  const size_t n = w.size();
  if (n >= 3 && (w[n - 1] == 'y' || w[n - 1] == 'Y') && !is_vowel(w[n - 2])) w[n - 1] = 'i';
}

void step5(std::string& w, size_t p1, size_t p2) {
  const size_t n = w.size();
  if (n == 0) return;
  const size_t start = n - 1;
  if (w[start] == 'e') {
    if (start >= p2 || (start >= p1 && !ends_in_short_syllable(w, start))) w.pop_back();
  } else if (w[start] == 'l') {
    if (start >= p2 && start >= 1 && w[start - 1] == 'l') w.pop_back();
  }
}

}  // namespace

std::string stem_english(std::string_view word) {
  // The length test and the exceptions see the word as given, before the leading
  // apostrophe goes, as in the reference definition ("'aa" is stemmed, "'a" is not).
  // Neither can change a word with letters outside a-z: no exception has any.
  if (word.size() <= 2) return std::string(word);
  if (word.size() <= 6) {
    const std::uint64_t key = pack(word);
    for (const Exception& e : kExceptions) {
      if (key == e.key) return std::string(e.stem);
    }
  }

  // Prelude. The stem is never longer than the input, so `w` is the only allocation for
  // words that are stemmed.
  std::string w(word.front() == '\'' ? word.substr(1) : word);
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if ((c < 'a' || c > 'z') && c != '\'') return std::string(word);
    // Left to right, so a y after a y turned into Y stays a vowel ("sayyid" -> "saYyid").
    if (c == 'y' && (i == 0 || is_vowel(w[i - 1]))) w[i] = 'Y';
  }

  // Regions, fixed here for the rest of the algorithm; later edits don't move them.
  size_t p1 = 0;
  if (w.compare(0, 5, "gener") == 0 || w.compare(0, 5, "arsen") == 0) {
    p1 = 5;
  } else if (w.compare(0, 6, "commun") == 0) {
    p1 = 6;
  } else {
    p1 = region_start(w, 0);
  }
  const size_t p2 = region_start(w, p1);  // p1 <= p2 <= w.size(): R2 lies inside R1.

  step0(w);
  step1a(w);
  // These are checked after 1a so that plurals ("earrings") stay whole too.
  bool invariant = false;
  if (w.size() == 6 || w.size() == 7) {
    const std::uint64_t key = pack(w);
    for (std::uint64_t k : kInvariantAfter1a) invariant = invariant || key == k;
  }
  if (!invariant) {
    step1b(w, p1);
    step1c(w);
    apply_rules(w, kStep2Table, p1, p2);
    apply_rules(w, kStep3Table, p1, p2);
    apply_rules(w, kStep4Table, p2, p2);
    step5(w, p1, p2);
  }

  for (char& c : w) {
    if (c == 'Y') c = 'y';
  }
  return w;
}

}  // namespace osprey::text
