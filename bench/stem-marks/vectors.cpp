// Stemming before or after folding, over snowball-data's vocabularies
// (/usr/share/snowball/data/LANG/voc.txt, Debian's snowball-data): per
// language, the words are tokenized as the indexer does (one term each), and
// each word's stem is taken both ways: before, stem_term(term) (the folded
// term stemmed); after, stem_word(term, word) (the word stemmed, then
// folded). Printed per language:
//   words      distinct vocabulary words that are one term
//   changed    words whose stem differs
//   pairs      word pairs sharing a stem (sum of n(n-1)/2 over stem classes)
//   plural     singular/plural pairs meeting: pairs of vocabulary words a, b
//              with term(b) = term(a) + "s" or "es" whose stems are equal
//   suffix     the same for term(b) = term(a) + one to three bytes
// VECTORS_EXAMPLES=N prints N singular/plural pairs per language that meet
// one way only (to stderr).
// Build: see bench/stem-marks/README.md.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/analyzer.hpp"
#include "text/tokenize.hpp"

using namespace osprey::text;

namespace {

uint64_t pairs(const std::unordered_map<std::string, uint64_t>& classes) {
  uint64_t n = 0;
  for (const auto& [stem, size] : classes) n += size * (size - 1) / 2;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: vectors DATA_DIR LANG=ALGORITHM...\n");
    return 2;
  }
  std::printf(
      "lang words changed pairs_before pairs_after plural_pairs plural_before plural_after"
      " suffix_pairs suffix_before suffix_after\n");
  for (int a = 2; a < argc; ++a) {
    const std::string arg = argv[a];
    const std::string lang = arg.substr(0, arg.find('='));
    const std::string algorithm = arg.substr(arg.find('=') + 1);
    std::ifstream in(std::string(argv[1]) + "/" + algorithm + "/voc.txt");
    if (!in) {
      std::fprintf(stderr, "%s: no voc.txt\n", algorithm.c_str());
      return 1;
    }
    struct Word {
      std::string term, before, after;
    };
    std::vector<Word> words;
    std::unordered_set<std::string> seen;
    std::string line;
    while (std::getline(in, line)) {
      if (!seen.insert(line).second) continue;
      std::vector<Token> tokens;
      tokenize(line, tokens, 0, folding_for(lang));
      if (tokens.size() != 1 || tokens[0].begin != 0 || tokens[0].end != line.size()) continue;
      const std::string& term = tokens[0].term;
      words.push_back({term, stem_term(term, lang), stem_word(term, line, lang)});
    }
    std::unordered_map<std::string, uint64_t> before, after;
    std::unordered_map<std::string, std::vector<std::size_t>> by_term;
    uint64_t changed = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      ++before[words[i].before];
      ++after[words[i].after];
      changed += words[i].before != words[i].after;
      by_term[words[i].term].push_back(i);
    }
    int examples = std::getenv("VECTORS_EXAMPLES") ? std::atoi(std::getenv("VECTORS_EXAMPLES")) : 0;
    uint64_t plural = 0, plural_before = 0, plural_after = 0;
    for (const Word& b : words) {
      for (std::size_t cut : {1, 2}) {
        if (b.term.size() <= cut + 2) continue;
        const std::string tail = b.term.substr(b.term.size() - cut);
        if (tail != (cut == 1 ? "s" : "es")) continue;
        auto it = by_term.find(b.term.substr(0, b.term.size() - cut));
        if (it == by_term.end()) continue;
        for (std::size_t i : it->second) {
          const bool met_before = words[i].before == b.before;
          const bool met_after = words[i].after == b.after;
          if (met_before != met_after && examples > 0) {
            --examples;
            std::fprintf(stderr, "%s %s: %s/%s -> %s/%s, %s/%s\n", lang.c_str(),
                         met_after ? "gained" : "lost", words[i].term.c_str(), b.term.c_str(),
                         words[i].before.c_str(), b.before.c_str(), words[i].after.c_str(),
                         b.after.c_str());
          }
          ++plural;
          plural_before += words[i].before == b.before;
          plural_after += words[i].after == b.after;
        }
      }
    }
    // Inflection pairs: term(b) = term(a) + one to three bytes.
    uint64_t grown = 0, grown_before = 0, grown_after = 0;
    for (const Word& b : words) {
      for (std::size_t cut = 1; cut <= 3 && cut + 2 < b.term.size(); ++cut) {
        auto it = by_term.find(b.term.substr(0, b.term.size() - cut));
        if (it == by_term.end()) continue;
        for (std::size_t i : it->second) {
          ++grown;
          grown_before += words[i].before == b.before;
          grown_after += words[i].after == b.after;
        }
      }
    }
    std::printf("%s %zu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n", lang.c_str(), words.size(),
                (unsigned long long)changed, (unsigned long long)pairs(before),
                (unsigned long long)pairs(after), (unsigned long long)plural,
                (unsigned long long)plural_before, (unsigned long long)plural_after,
                (unsigned long long)grown, (unsigned long long)grown_before,
                (unsigned long long)grown_after);
  }
  return 0;
}
