// The analyzer on arbitrary bytes: tokens are non-empty, bounded, ordered, and
// their offsets lie inside the input; folding is idempotent.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "text/analyzer.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<osprey::text::Token> tokens;
  osprey::text::tokenize(text, tokens);
  uint32_t last_position = 0;
  for (const auto& t : tokens) {
    check(!t.term.empty() && t.term.size() <= osprey::text::kMaxTermBytes);
    check(t.begin < t.end && t.end <= size);
    check(t.position >= last_position);
    last_position = t.position;
    (void)osprey::text::stem_term(t.term);
  }
  const std::string folded = osprey::text::fold(text);
  check(osprey::text::fold(folded) == folded);
  check(osprey::text::sanitize_utf8(osprey::text::sanitize_utf8(text)) ==
        osprey::text::sanitize_utf8(text));
  return 0;
}
