// Arbitrary query bytes against the sample-shaped index: never crashes, totals
// and pages are consistent.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "build/builder.hpp"
#include "query/search.hpp"

namespace {

const osprey::Index& fixture() {
  static const osprey::Index index = [] {
    osprey::IndexBuilder b(osprey::Schema::defaults());
    const char* records[] = {
        R"({"url": "/1", "title": "Torture trial in Germany", "summary": "cross-border aid"})",
        R"({"url": "/2", "title": "A’lo and Zo’bi", "summary": "中文 deportation 45.21"})",
        R"({"url": "/3", "title": "the of and", "summary": "Syria’s torture, tortured"})"};
    for (const char* r : records) (void)b.add(nlohmann::json::parse(r));
    return b.finish();
  }();
  return index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  auto searched = osprey::search(fixture(), query, {.offset = 0, .limit = 2});
  if (!searched.ok()) std::abort();
  const osprey::SearchResult& r = searched.value();
  if (r.hits.size() > 2 || r.hits.size() > r.total || r.total > 3 || r.full_total > r.total) {
    std::abort();
  }
  for (const auto& c : osprey::complete(fixture(), query, 3)) {
    if (c.term.empty()) std::abort();
  }
  return 0;
}
