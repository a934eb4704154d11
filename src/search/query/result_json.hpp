// The JSON text of the engine's answers: the one writer of the contract
// between the engine and its callers. wasm/bindings.cpp hands the text to JS
// (one TextDecoder.decode and one JSON.parse); `osprey search --json` prints
// it, so the CLI and a page see the same value for the same query. One naming,
// camelCase, the page API's (web/osprey.d.ts types these values):
//
//   load     {"ok":true,"docCount":N,"parts":N,"language":"en","stemmer":"english",
//             "fields":[{"name","searchable","stored","facet","sortable","boost","weight"}],
//             "idField":"url"}
//   search   {"ok":true,"total":N,"fullTotal":N,"terms":["as typed"],
//             "hits":[{"doc":N,"score":X,"full":B,"matched":[term indexes],
//                      "fields":{name:value},
//                      "excerpts":{field:{"segments":[{"text","match"}],"cutStart","cutEnd",
//                                         "offset"}}}],
//             "facets":{field:[{"value","count","selected"}]},"didYouMean":"..."}
//   complete {"ok":true,"completions":[{"query","term","docs"}]}
//   needs    {"ok":true,"needs":[part file names]}  (add the parts, ask again)
//   error    {"ok":false,"code":"...","message":"one line"}
//
// A load's "stemmer" names the Snowball algorithm that stems the index's
// language (text/snowball_algorithms.hpp); absent for a language without one.
//
// A hit's fields are those it carries whole (query/hit_fields.hpp: its display
// fields and those the search's `fields` option names; a long text only as
// its excerpt); an excerpt's offset is where its first segment starts in the
// field's value, in UTF-16 code units (a JS string index).
//
// Keys are written in the order shown, and every value is valid JSON in valid
// UTF-8: ill-formed UTF-8 in a string becomes U+FFFD, as TextDecoder would make
// it. Numbers: integers as digits; a double (a score, a field weight) as the
// decimal n / 10^6 it was rounded to (ranking.cpp rounds every score so), which
// JSON.parse and strtod read back as the same double, and any other double as
// its exact decimal expansion (also read back exactly; long, but rare);
// NaN and infinities, which JSON cannot hold, as null. No printf: its
// floating-point formatting would grow the engine.
#pragma once

#include <string_view>
#include <vector>

#include "index/index.hpp"
#include "query/search.hpp"

namespace osprey {

/// What a load answers: the index's size and its field descriptors.
std::vector<char> load_json(const Index& index);

/// A search's result; result.needs must be empty (else needs_json).
std::vector<char> result_json(const Index& index, const SearchResult& result);

std::vector<char> completions_json(const std::vector<Completion>& completions);

/// The parts of a sharded index a query needs before it can be answered.
std::vector<char> needs_json(const std::vector<std::string>& needs);

/// {"ok":true}: a success with nothing more to say (adding parts).
std::vector<char> ok_json();

/// An error value; code is one of the codes wasm/bindings.cpp lists.
std::vector<char> error_json(std::string_view code, std::string_view message);

}  // namespace osprey
