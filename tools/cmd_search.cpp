#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "build/codec.hpp"
#include "cli.hpp"
#include "edge_text.hpp"
#include "file_io.hpp"
#include "gzip.hpp"
#include "index/binary_codec.hpp"
#include "query/options_json.hpp"
#include "query/result_json.hpp"
#include "query/search.hpp"

namespace osprey::cli {
namespace {

// JSON text (query/result_json.hpp: what the engine answers a page) as one line.
void print_json(const std::vector<char>& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
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
// (version 6; a sharded one's parts are read from beside it, as its base names them).
// A bundle's files are gzip members or dictionary-deflated display parts:
// read_index_file inflates them.
Result<Index> load_index(const std::string& path) {
  Result<std::string> text = read_index_file(path);
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
  std::string dictionary;  // of display parts deflated against it, read once
  for (const std::string& name : ix.part_names(ix.missing_parts())) {
    const std::string file = (dir / name).string();
    Result<std::string> part = read_index_file(file, &dictionary);
    if (!part.ok()) return part.error();
    Result<std::monostate> added = add_parts(ix, part.value(), name);
    if (!added.ok()) return Error{added.error().code, file + ": " + added.error().message};
  }
  return index;
}

}  // namespace

int cmd_search(const std::vector<std::string>& args) {
  std::string path, query;
  bool json_out = false, have_query = false, completions = false, info = false;
  SearchOptions options;
  bool options_end = false;  // after "--", every argument is INDEX or QUERY
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    if (!options_end && a == "--") {
      options_end = true;
    } else if (options_end || a.size() < 2 || a[0] != '-' || a[1] != '-') {
      if (path.empty()) {
        path = a;
      } else if (!have_query) {
        query = a;
        have_query = true;
      } else {
        return fail("search: quote the query as one argument", kExitUsage);
      }
    } else if (a == "--json") {
      json_out = true;
    } else if (a == "--complete") {
      completions = true;
    } else if (a == "--info") {
      info = true;
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
    } else if (a == "--options") {
      // The page API's options object, applied where it stands among the flags.
      const std::string* v = value();
      if (!v) return fail("--options takes a JSON object", kExitUsage);
      Result<SearchOptions> read = read_search_options(*v, options);
      if (!read.ok()) return fail("--options: " + read.error().message, kExitUsage);
      options = std::move(read).value();
    } else if (a == "--sort") {
      const std::string* v = value();
      if (!v || !apply_sort_key(*v, options)) {
        return fail("--sort takes FIELD[:asc|:desc]", kExitUsage);
      }
    } else {
      return fail("search: unknown option " + a + " (a query that starts with -- goes after --)",
                  kExitUsage);
    }
  }
  if (path.empty() || (!have_query && !info)) {
    return fail("usage: osprey search INDEX QUERY", kExitUsage);
  }

  Result<Index> index = load_index(path);
  if (!index.ok()) return fail(index.error().message);
  const Index& ix = index.value();

  if (info) {  // what loading the index answers a page
    print_json(load_json(ix));
    return kExitOk;
  }

  if (completions) {
    const auto found = complete(ix, query, options.limit);
    if (json_out) {
      print_json(completions_json(found));
    } else {
      for (const Completion& c : found)
        std::printf("%s\t%llu\n", printable(c.query).c_str(),
                    static_cast<unsigned long long>(c.docs));
    }
    return kExitOk;
  }

  Result<SearchResult> searched = search(ix, query, options);
  if (!searched.ok()) return fail(searched.error().message, kExitUsage);
  const SearchResult& result = searched.value();
  if (json_out) {
    print_json(result_json(ix, result));
    return kExitOk;
  }
  // With pages, the results are pages (docs/ranking.md "Pages").
  std::printf("%llu result%s\n", static_cast<unsigned long long>(result.total),
              result.total == 1 ? "" : "s");
  if (!result.did_you_mean.empty())
    std::printf("did you mean: %s\n", printable(result.did_you_mean).c_str());
  const int id_field = ix.schema.find(ix.schema.id_field);
  const int title = ix.schema.find("title");
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    const Hit& h = result.hits[i];
    const auto& id = ix.stored[id_field][h.doc];
    std::string label = id ? *id : "";
    if (title >= 0 && !ix.stored[title].empty() && ix.stored[title][h.doc])
      label += "  " + *ix.stored[title][h.doc];
    std::printf("%zu. [%.3f]%s %s\n", options.offset + i + 1, h.score, h.full ? "" : " (partial)",
                printable(label).c_str());
    // A page's matching sections (docs/ranking.md "Pages"): id and heading.
    const int heading = ix.schema.find("section");
    for (const SectionHit& s : h.sections) {
      const auto& sid = ix.stored[id_field][s.doc];
      std::string line = sid ? *sid : "";
      if (heading >= 0 && !ix.stored[heading].empty() && ix.stored[heading][s.doc])
        line += "  " + *ix.stored[heading][s.doc];
      std::printf("     - %s\n", printable(line).c_str());
    }
  }
  return kExitOk;
}

}  // namespace osprey::cli
