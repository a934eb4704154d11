#include "query/options_json.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/json_tokens.hpp"
#include "core/parse_double.hpp"
#include "core/quote.hpp"
#include "index/limits.hpp"
#include "query/bm25.hpp"

namespace osprey {
namespace {

using json::Json;
using json::Kind;
using json::kNone;

constexpr uint32_t kMaxCount = 0x7fffffff;

// Whether a JSON number is a non-negative integer, as JS's
// Number.isInteger(x) && x >= 0 sees the double JSON.parse reads (parse_double
// rounds the same way); into: it, capped at kMaxCount.
bool count_value(std::string_view number, uint32_t& into) {
  const double x = parse_double(number).value;
  if (!(x >= 0) || !std::isfinite(x) || x != std::floor(x)) return false;
  into = x < kMaxCount ? static_cast<uint32_t>(x) : kMaxCount;
  return true;
}

// The options object's reader: each step as the page API always checked it,
// in the same order. The first problem is kept, and the steps after it do
// nothing.
class Reader {
 public:
  std::string problem;  // empty while all is well

  explicit Reader(std::string_view text) : j_(text) {
    if (text.size() > kMaxOptionsBytes) {
      problem = "options must be at most 1 MiB of JSON";
    } else if (!j_.parse()) {
      problem =
          "options must be an object (not JSON at byte " + std::to_string(j_.error_at()) + ")";
    } else if (j_.kind(0) != Kind::kObject) {
      problem = "options must be an object";
    }
  }

  void count(const char* key, uint32_t& into) {
    const uint32_t v = get(key);
    if (v == kNone || (j_.kind(v) == Kind::kNumber && count_value(j_.raw(v), into))) return;
    problem = std::string(key) + " must be a non-negative integer (got " + j_.js_string(v) + ")";
  }

  void flag(const char* key, bool& into) {
    const uint32_t v = get(key);
    if (v == kNone) return;
    if (j_.kind(v) != Kind::kTrue && j_.kind(v) != Kind::kFalse) {
      problem = std::string(key) + " must be true or false";
    }
    into = j_.kind(v) == Kind::kTrue;
  }

  void filters(std::vector<FacetFilter>& out) {
    const uint32_t list = get("filters");
    if (list == kNone) return;
    if (j_.kind(list) == Kind::kObject) {  // {field: value | [values]}
      for (uint32_t k = list + 1; k < j_.tokens[list].next; k = j_.tokens[k + 1].next) {
        out.push_back({j_.string(k), values(k + 1), FilterMode::kAny});
      }
      return;
    }
    for (uint32_t f : objects(list, "filters must be an object or an array",
                              "each filter must be {field, values: [strings], mode}")) {
      FacetFilter filter{j_.js_string(j_.member(f, "field")), values(j_.member(f, "values")),
                         FilterMode::kAny};
      const uint32_t mode = j_.member(f, "mode");  // missing or falsy: "any"
      const std::string name = mode == kNone || j_.falsy(mode)  ? "any"
                               : j_.kind(mode) == Kind::kString ? j_.string(mode)
                                                                : "";
      if (name == "all") {
        filter.mode = FilterMode::kAll;
      } else if (name == "none") {
        filter.mode = FilterMode::kNone;
      } else if (name != "any") {
        problem = "filter mode must be \"any\", \"all\" or \"none\"";
        return;
      }
      out.push_back(std::move(filter));
    }
  }

  void ranges(std::vector<RangeFilter>& out) {
    const uint32_t list = get("ranges");
    if (list == kNone) return;
    for (uint32_t r : objects(list, "ranges must be an array",
                              "each range must be {field, from, to} with strings")) {
      out.push_back({j_.js_string(j_.member(r, "field")), bound(j_.member(r, "from")),
                     bound(j_.member(r, "to"))});
    }
  }

  // fields: [names], strings only (JS would not String() them: a typo such as
  // {"fields": "body"} is an error, not ["b","o","d","y"]).
  void names(const char* key, std::vector<std::string>& out) {
    const uint32_t list = get(key);
    if (list == kNone) return;
    bool strings = j_.kind(list) == Kind::kArray;
    for (uint32_t c = list + 1; strings && c < j_.tokens[list].next; c = j_.tokens[c].next) {
      strings = j_.kind(c) == Kind::kString;
    }
    if (!strings) {
      problem = std::string(key) + " must be an array of field names";
      return;
    }
    out.clear();
    for (uint32_t c = list + 1; c < j_.tokens[list].next; c = j_.tokens[c].next) {
      out.push_back(j_.string(c));
    }
  }

  // ranking: {termSaturation, pageLength, fieldWeights: {field: weight}};
  // unlike the top level, an unknown key is an error (a misspelt parameter
  // would otherwise change nothing, silently).
  void ranking(RankingOptions& out) {
    const uint32_t v = get("ranking");
    if (v == kNone) return;
    if (j_.kind(v) != Kind::kObject) {
      problem = "ranking must be an object {termSaturation, pageLength, fieldWeights}";
      return;
    }
    for (uint32_t k = v + 1; problem.empty() && k < j_.tokens[v].next; k = j_.tokens[k + 1].next) {
      if (j_.key_is(k, "termSaturation")) {
        number(k + 1, "ranking.termSaturation", 0, query::kMaxK1, "a number from 0 to 100", out.k1);
      } else if (j_.key_is(k, "pageLength")) {
        number(k + 1, "ranking.pageLength", 0, 1, "a number from 0 to 1", out.b);
      } else if (j_.key_is(k, "fieldWeights")) {
        field_weights(k + 1, out.field_weights);
      } else {
        problem = "ranking: unknown parameter " + quoted(j_.string(k)) +
                  " (termSaturation, pageLength, fieldWeights)";
      }
    }
  }

  void sort(SearchOptions& o) {
    const uint32_t v = get("sort");
    if (v == kNone) return;
    if (j_.kind(v) == Kind::kObject || j_.kind(v) == Kind::kArray) {
      o.sort = j_.js_string(j_.member(v, "field"));
      const uint32_t descending = j_.member(v, "descending");
      o.descending = descending == kNone || j_.kind(descending) != Kind::kFalse;
      return;
    }
    if (j_.kind(v) != Kind::kString) return;  // ignored, as the page API did
    if (!apply_sort_key(j_.string(v), o)) problem = "sort direction must be asc or desc";
  }

 private:
  // The top-level member key, or kNone (also once there is a problem).
  uint32_t get(const char* key) const { return problem.empty() ? j_.member(0, key) : kNone; }

  // A JSON number in [lo, hi] into into; else the problem "NAME must be RULE (got X)".
  void number(uint32_t v, const std::string& name, double lo, double hi, const char* rule,
              double& into) {
    double x = 0;
    if (j_.kind(v) == Kind::kNumber) x = parse_double(j_.raw(v)).value;
    if (j_.kind(v) != Kind::kNumber || !std::isfinite(x) || x < lo || x > hi) {
      problem = name + " must be " + rule + " (got " + j_.js_string(v).substr(0, 64) + ")";
      return;
    }
    into = x;
  }

  // fieldWeights: {field: weight}, each weight as a schema's searchable field
  // takes it (limits.hpp); replaces the list.
  void field_weights(uint32_t v, std::vector<std::pair<std::string, double>>& out) {
    if (j_.kind(v) != Kind::kObject) {
      problem = "ranking.fieldWeights must be an object {field: weight}";
      return;
    }
    out.clear();
    for (uint32_t k = v + 1; problem.empty() && k < j_.tokens[v].next; k = j_.tokens[k + 1].next) {
      double weight = 0;
      number(k + 1, "ranking.fieldWeights." + j_.string(k).substr(0, 64), kMinFieldWeight,
             kMaxFieldWeight, "a number from 1e-6 to 1000", weight);
      out.emplace_back(j_.string(k), weight);
    }
  }

  // The items of the array list, when all are objects; else none, and the
  // problem not_array or not_object.
  std::vector<uint32_t> objects(uint32_t list, const char* not_array, const char* not_object) {
    std::vector<uint32_t> out;
    if (j_.kind(list) != Kind::kArray) problem = not_array;
    for (uint32_t c = list + 1; problem.empty() && c < j_.tokens[list].next;
         c = j_.tokens[c].next) {
      if (j_.kind(c) != Kind::kObject) problem = not_object;
      out.push_back(c);
    }
    if (!problem.empty()) out.clear();
    return out;
  }

  // [].concat(v ?? []).map(String)
  std::vector<std::string> values(uint32_t v) const {
    std::vector<std::string> out;
    if (v == kNone || j_.kind(v) == Kind::kNull) return out;
    if (j_.kind(v) != Kind::kArray) {
      out.push_back(j_.js_string(v));
      return out;
    }
    for (uint32_t c = v + 1; c < j_.tokens[v].next; c = j_.tokens[c].next) {
      out.push_back(j_.kind(c) == Kind::kNull ? "null" : j_.js_string(c));
    }
    return out;
  }
  // String(v ?? '')
  std::string bound(uint32_t v) const {
    return v == kNone || j_.kind(v) == Kind::kNull ? "" : j_.js_string(v);
  }

  Json j_;
};

}  // namespace

bool apply_sort_key(std::string_view key, SearchOptions& o) {
  if (key == "relevance") key = {};
  // As JS's key.split(':'): the field, then the direction (default desc).
  const std::size_t colon = key.find(':');
  const std::string_view direction =
      colon == std::string_view::npos ? std::string_view("desc")
                                      : key.substr(colon + 1, key.find(':', colon + 1) - colon - 1);
  if (direction != "asc" && direction != "desc") return false;
  o.sort = std::string(key.substr(0, colon));
  o.descending = direction == "desc";
  return true;
}

Result<SearchOptions> read_search_options(std::string_view text, SearchOptions o) {
  Reader r(text);
  r.count("offset", o.offset);
  r.count("limit", o.limit);
  r.count("excerptWords", o.excerpt_words);
  r.count("facetLimit", o.facet_limit);
  r.count("sections", o.sections);
  r.flag("prefix", o.prefix);
  r.flag("typos", o.typos);
  r.flag("partial", o.partial);
  r.flag("browse", o.browse);
  r.flag("facets", o.facets);
  r.flag("suggest", o.suggest);
  r.filters(o.filters);
  r.ranges(o.ranges);
  r.sort(o);
  r.names("fields", o.fields);
  r.ranking(o.ranking);
  if (!r.problem.empty()) return invalid(std::move(r.problem));
  return o;
}

Result<std::size_t> read_complete_options(std::string_view text) {
  Reader r(text);
  uint32_t n = 5;
  r.count("n", n);
  if (!r.problem.empty()) return invalid(std::move(r.problem));
  return std::size_t{n};
}

}  // namespace osprey
