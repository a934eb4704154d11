// The index readers (binary version 6, JSON version 1) on arbitrary bytes:
// each must return a value or an Error, and a successfully read index must be
// searchable and re-encodable; a JSON index the page's converter takes
// (build/json_index.hpp) must give a binary index that reads. Bytes after a binary base are also
// fed to add_parts, as a browser would feed a fetched part.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "build/codec.hpp"
#include "build/json_index.hpp"
#include "index/binary_codec.hpp"
#include "query/search.hpp"

namespace {

void exercise(const osprey::Index& ix) {
  for (const std::string& t : ix.terms) {
    auto s = osprey::search(ix, t, {.offset = 0, .limit = 5});
    if (!s.ok()) std::abort();
    for (const osprey::Hit& h : s.value().hits) (void)osprey::stored_fields(ix, h.doc);
    osprey::Needs needs;
    (void)osprey::complete(ix, t.substr(0, 2), 5, &needs);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (osprey::Result<osprey::Index> r = osprey::read_index(text); r.ok()) {
    exercise(r.value());
    (void)osprey::write_index(r.value(), "fuzz");
  }
  if (osprey::Result<std::string> binary = osprey::json_index_to_binary(text, "fuzz");
      binary.ok()) {
    if (!osprey::read_index_binary(binary.value()).ok()) std::abort();
  }
  // A base alone, then the rest of the input as parts.
  for (std::size_t cut : {size, size / 2}) {
    osprey::Result<osprey::Index> r = osprey::read_index_binary(text.substr(0, cut));
    if (!r.ok()) continue;
    (void)osprey::add_parts(r.value(), text.substr(cut));
    exercise(r.value());
    // The writer takes a whole index (every part loaded).
    if (r.value().missing_parts().empty()) (void)osprey::write_index_binary(r.value(), "fuzz").ok();
  }
  return 0;
}
