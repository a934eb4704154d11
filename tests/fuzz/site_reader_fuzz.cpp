// A page's bytes through the path `osprey index --site` reads them by
// (site_index.cpp read_page): decode_page, then extract_page (the depth
// estimate, bound_attributes, Gumbo, extraction). Never crashes, never hangs
// (libFuzzer's -timeout finds a slow page), and what comes back is well
// formed. The attribute bound is checked on its own with a small limit: its
// output must need no further cut (dropping whole attributes never moves a
// tag boundary) and must keep what it counted.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "site/decode.hpp"
#include "site/html_extract.hpp"
#include "site/html_prescan.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace osprey::site;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const DecodedPage decoded = decode_page(bytes);
  if (decoded.binary) return 0;
  const PageContent page = extract_page(decoded.text);
  check(!page.too_slow);
  check(page.text.empty() || (page.text.front() != ' ' && page.text.back() != ' '));
  std::size_t last = 0;
  for (const Section& s : page.sections) {
    check(s.offset >= last && s.offset <= page.text.size() && !s.anchor.empty());
    last = s.offset;
  }
  for (const WeightedText& w : page.weighted) check(w.weight > 0 && w.weight <= 10);

  const BoundedMarkup once = bound_attributes(decoded.text, 2);
  const std::string_view cut = once.counts.dropped > 0 ? once.text : decoded.text;
  check(once.counts.dropped == 0 || once.text.size() <= decoded.text.size());
  const BoundedMarkup twice = bound_attributes(cut, 2);
  check(twice.counts.dropped == 0 && twice.counts.kept == once.counts.kept);
  return 0;
}
