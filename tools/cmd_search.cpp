#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "file_io.hpp"
#include "index/codec.hpp"
#include "query/search.hpp"

namespace osprey::cli {

int cmd_search(const std::vector<std::string>& args) {
  std::string path, query;
  bool json_out = false, have_query = false;
  SearchOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json_out = true;
    } else if (a == "--limit" || a == "--offset") {
      unsigned n = 0;
      if (i + 1 >= args.size() || !parse_count(args[++i], n)) {
        return fail(a + " takes a non-negative integer", kExitUsage);
      }
      (a == "--limit" ? options.limit : options.offset) = n;
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

  Result<std::string> text = read_file(path);
  if (!text.ok()) return fail(text.error().message);
  Result<Index> index = read_index(text.value());
  if (!index.ok()) return fail(path + ": " + index.error().message);
  const Index& ix = index.value();

  const SearchResult result = search(ix, query, options);
  const int id_field = ix.schema.find(ix.schema.id_field);
  if (json_out) {
    nlohmann::ordered_json out;
    out["total"] = result.total;
    out["hits"] = nlohmann::ordered_json::array();
    for (const Hit& h : result.hits) {
      nlohmann::ordered_json fields = nlohmann::ordered_json::object();
      for (auto& [name, value] : stored_fields(ix, h.doc)) fields[name] = value;
      out["hits"].push_back({{"doc", h.doc}, {"score", h.score}, {"fields", std::move(fields)}});
    }
    std::puts(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return kExitOk;
  }
  std::printf("%llu result%s\n", static_cast<unsigned long long>(result.total),
              result.total == 1 ? "" : "s");
  const int title = ix.schema.find("title");
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    const Hit& h = result.hits[i];
    const auto& id = ix.stored[id_field][h.doc];
    std::string label = id ? *id : "";
    if (title >= 0 && !ix.stored[title].empty() && ix.stored[title][h.doc]) {
      label += "  " + *ix.stored[title][h.doc];
    }
    std::printf("%zu. [%.3f] %s\n", options.offset + i + 1, h.score, label.c_str());
  }
  return kExitOk;
}

}  // namespace osprey::cli
