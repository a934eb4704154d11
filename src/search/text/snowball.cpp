#include "text/snowball.hpp"

#include <climits>

#include "runtime/api.h"

namespace osprey::text {

std::optional<std::string> snowball_run(const SnowballFunctions& f, std::string_view word) {
  if (word.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
  SN_env* z = f.create();
  if (z == nullptr) return std::nullopt;
  std::optional<std::string> out;
  // SN_set_current copies the word; stem works on z->p[0, z->l).
  if (SN_set_current(z, static_cast<int>(word.size()),
                     reinterpret_cast<const symbol*>(word.data())) == 0 &&
      f.stem(z) >= 0) {
    out.emplace(reinterpret_cast<const char*>(z->p), static_cast<std::size_t>(z->l));
  }
  f.close(z);
  return out;
}

}  // namespace osprey::text
