// The index reader on arbitrary bytes: must return a value or an Error, and a
// successfully read index must be searchable and re-encodable.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "index/codec.hpp"
#include "query/search.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  osprey::Result<osprey::Index> r = osprey::read_index(text);
  if (!r.ok()) return 0;
  const osprey::Index& ix = r.value();
  for (const std::string& t : ix.terms) {
    auto s = osprey::search(ix, t, {.offset = 0, .limit = 5});
    if (!s.ok()) std::abort();
    for (const osprey::Hit& h : s.value().hits) (void)osprey::stored_fields(ix, h.doc);
    (void)osprey::complete(ix, t.substr(0, 2), 5);
  }
  (void)osprey::write_index(ix, "fuzz");
  return 0;
}
