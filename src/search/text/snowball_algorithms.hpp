// The Snowball stemmers Osprey has: libstemmer 2.2.0's 28 natural languages and
// porter (Snowball's original English algorithm, kept by libstemmer for old
// systems; no index language selects it). Their C sources are generated from
// Snowball's .sbl files by scripts/fetch-snowball; this list is the one place
// that names them for the C++ side (their files are listed by the fetch, in
// build/deps/snowball/algorithms.txt).
#pragma once

#include <span>
#include <string_view>

namespace osprey::text {

// X(algorithm, language): the algorithm's name in Snowball (its .sbl file, the
// prefix of its C functions) and the ISO 639-1 code a schema's "language"
// selects it by ("" for none). The codes are libstemmer's own aliases
// (libstemmer/modules.txt).
// clang-format off
#define OSPREY_SNOWBALL_ALGORITHMS(X) \
  X(arabic, "ar") \
  X(armenian, "hy") \
  X(basque, "eu") \
  X(catalan, "ca") \
  X(danish, "da") \
  X(dutch, "nl") \
  X(english, "en") \
  X(finnish, "fi") \
  X(french, "fr") \
  X(german, "de") \
  X(greek, "el") \
  X(hindi, "hi") \
  X(hungarian, "hu") \
  X(indonesian, "id") \
  X(irish, "ga") \
  X(italian, "it") \
  X(lithuanian, "lt") \
  X(nepali, "ne") \
  X(norwegian, "no") \
  X(portuguese, "pt") \
  X(romanian, "ro") \
  X(russian, "ru") \
  X(serbian, "sr") \
  X(spanish, "es") \
  X(swedish, "sv") \
  X(tamil, "ta") \
  X(turkish, "tr") \
  X(yiddish, "yi") \
  X(porter, "")
// clang-format on

struct SnowballAlgorithm {
  std::string_view name;      // "english"
  std::string_view language;  // "en"; empty for porter
};

/// Every algorithm of OSPREY_SNOWBALL_ALGORITHMS, in its order (29).
std::span<const SnowballAlgorithm> snowball_algorithms();

/// The algorithm that stems text in language (a schema language code), or
/// nullptr for a language Snowball has no stemmer for (e.g. "ja", "zh").
const SnowballAlgorithm* stemmer_for_language(std::string_view language);

}  // namespace osprey::text
