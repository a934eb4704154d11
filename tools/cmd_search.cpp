#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "build/codec.hpp"
#include "cli.hpp"
#include "file_io.hpp"
#include "index/binary_codec.hpp"
#include "query/search.hpp"

namespace osprey::cli {
namespace {

using ojson = nlohmann::ordered_json;

ojson segments_json(const query::Excerpt& e) {
  ojson segs = ojson::array();
  for (const query::Segment& s : e.segments) segs.push_back({{"text", s.text}, {"match", s.match}});
  return {{"segments", std::move(segs)}, {"cut_start", e.cut_start}, {"cut_end", e.cut_end}};
}

// "field=value" -> a filter; FilterMode from the flag used.
bool parse_filter(const std::string& arg, FilterMode mode, std::vector<FacetFilter>& out) {
  const auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  const std::string field = arg.substr(0, eq);
  for (FacetFilter& f : out) {
    if (f.field == field && f.mode == mode) {
      f.values.push_back(arg.substr(eq + 1));
      return true;
    }
  }
  out.push_back({field, {arg.substr(eq + 1)}, mode});
  return true;
}

// "field=from..to" (either bound may be empty).
bool parse_range(const std::string& arg, std::vector<RangeFilter>& out) {
  const auto eq = arg.find('=');
  const auto dots = arg.find("..", eq == std::string::npos ? 0 : eq);
  if (eq == std::string::npos || eq == 0 || dots == std::string::npos) return false;
  out.push_back({arg.substr(0, eq), arg.substr(eq + 1, dots - eq - 1), arg.substr(dots + 2)});
  return true;
}

// Reads an index file: JSON (version 1) when it starts with "{", else binary
// (version 3; a sharded one's parts are read from beside it, as its base names them).
Result<Index> load_index(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text.ok()) return text.error();
  if (!text.value().empty() && text.value().front() == '{') {
    Result<Index> v1 = read_index(text.value());
    if (!v1.ok()) return Error{v1.error().code, path + ": " + v1.error().message};
    return v1;
  }
  Result<Index> index = read_index_binary(text.value());
  if (!index.ok()) return Error{index.error().code, path + ": " + index.error().message};
  Index& ix = index.value();
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  for (const std::string& name : ix.part_names(ix.missing_parts())) {
    const std::string file = (dir / name).string();
    Result<std::string> part = read_file(file);
    if (!part.ok()) return part.error();
    Result<std::monostate> added = add_parts(ix, part.value());
    if (!added.ok()) return Error{added.error().code, file + ": " + added.error().message};
  }
  return index;
}

}  // namespace

int cmd_search(const std::vector<std::string>& args) {
  std::string path, query;
  bool json_out = false, have_query = false, completions = false;
  SearchOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    if (a == "--json") {
      json_out = true;
    } else if (a == "--complete") {
      completions = true;
    } else if (a == "--no-typos") {
      options.typos = false;
    } else if (a == "--no-prefix") {
      options.prefix = false;
    } else if (a == "--no-partial") {
      options.partial = false;
    } else if (a == "--limit" || a == "--offset") {
      unsigned n = 0;
      const std::string* v = value();
      if (!v || !parse_count(*v, n)) return fail(a + " takes a non-negative integer", kExitUsage);
      (a == "--limit" ? options.limit : options.offset) = n;
    } else if (a == "--filter" || a == "--filter-all" || a == "--filter-not") {
      const FilterMode mode = a == "--filter"       ? FilterMode::kAny
                              : a == "--filter-all" ? FilterMode::kAll
                                                    : FilterMode::kNone;
      const std::string* v = value();
      if (!v || !parse_filter(*v, mode, options.filters)) {
        return fail(a + " takes FIELD=VALUE", kExitUsage);
      }
    } else if (a == "--range") {
      const std::string* v = value();
      if (!v || !parse_range(*v, options.ranges))
        return fail("--range takes FIELD=FROM..TO", kExitUsage);
    } else if (a == "--sort") {
      const std::string* v = value();
      if (!v) return fail("--sort takes FIELD[:asc|:desc]", kExitUsage);
      const auto colon = v->rfind(':');
      options.sort = v->substr(0, colon);
      const std::string dir = colon == std::string::npos ? "desc" : v->substr(colon + 1);
      if (dir != "asc" && dir != "desc") return fail("--sort takes FIELD[:asc|:desc]", kExitUsage);
      options.descending = dir == "desc";
      if (options.sort == "relevance") options.sort.clear();
    } else if (a.size() > 1 && a[0] == '-' && a[1] == '-') {
      return fail("search: unknown option " + a, kExitUsage);
    } else if (path.empty()) {
      path = a;
    } else if (!have_query) {
      query = a;
      have_query = true;
    } else {
      return fail("search: quote the query as one argument", kExitUsage);
    }
  }
  if (path.empty() || !have_query) return fail("usage: osprey search INDEX QUERY", kExitUsage);

  Result<Index> index = load_index(path);
  if (!index.ok()) return fail(index.error().message);
  const Index& ix = index.value();

  if (completions) {
    const auto found = complete(ix, query, options.limit);
    if (json_out) {
      ojson out = ojson::array();
      for (const Completion& c : found)
        out.push_back({{"query", c.query}, {"term", c.term}, {"docs", c.docs}});
      std::puts(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
      for (const Completion& c : found)
        std::printf("%s\t%llu\n", c.query.c_str(), static_cast<unsigned long long>(c.docs));
    }
    return kExitOk;
  }

  Result<SearchResult> searched = search(ix, query, options);
  if (!searched.ok()) return fail(searched.error().message, kExitUsage);
  const SearchResult& result = searched.value();
  if (json_out) {
    ojson out;
    out["language"] = ix.schema.language;
    out["total"] = result.total;
    out["full_total"] = result.full_total;
    out["terms"] = result.terms;
    out["did_you_mean"] = result.did_you_mean;
    out["hits"] = ojson::array();
    for (const Hit& h : result.hits) {
      ojson fields = ojson::object();
      for (const auto& [name, value] : stored_fields(ix, h.doc)) {
        fields[std::string(name)] = std::string(value);
      }
      ojson excerpts = ojson::object();
      for (const FieldExcerpt& e : h.excerpts)
        excerpts[ix.schema.fields[e.field].name] = segments_json(e.excerpt);
      out["hits"].push_back({{"doc", h.doc},
                             {"score", h.score},
                             {"full", h.full},
                             {"matched", h.matched},
                             {"fields", std::move(fields)},
                             {"excerpts", std::move(excerpts)}});
    }
    ojson facets = ojson::object();
    for (const FacetResult& f : result.facets) {
      ojson values = ojson::array();
      for (const FacetCount& c : f.values)
        values.push_back({{"value", c.value}, {"count", c.count}, {"selected", c.selected}});
      facets[f.field] = std::move(values);
    }
    out["facets"] = std::move(facets);
    std::puts(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return kExitOk;
  }
  std::printf("%llu result%s\n", static_cast<unsigned long long>(result.total),
              result.total == 1 ? "" : "s");
  if (!result.did_you_mean.empty()) std::printf("did you mean: %s\n", result.did_you_mean.c_str());
  const int id_field = ix.schema.find(ix.schema.id_field);
  const int title = ix.schema.find("title");
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    const Hit& h = result.hits[i];
    const auto& id = ix.stored[id_field][h.doc];
    std::string label = id ? *id : "";
    if (title >= 0 && !ix.stored[title].empty() && ix.stored[title][h.doc])
      label += "  " + *ix.stored[title][h.doc];
    std::printf("%zu. [%.3f]%s %s\n", options.offset + i + 1, h.score, h.full ? "" : " (partial)",
                label.c_str());
  }
  return kExitOk;
}

}  // namespace osprey::cli
