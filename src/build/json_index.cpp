#include "build/json_index.hpp"

#include "build/codec.hpp"
#include "index/binary_codec.hpp"
#include "index/limits.hpp"

namespace osprey {

bool is_json_index(std::string_view bytes) {
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '{';
}

Result<std::string> json_index_to_binary(std::string_view text, std::string_view generator) {
  if (text.size() > kMaxFileBytes) {
    return Error{ErrorCode::kLimit, "the JSON index is " + with_commas(text.size()) +
                                        " bytes; an index file holds at most " +
                                        with_commas(kMaxFileBytes)};
  }
  Result<Index> index = read_index(text);
  if (!index.ok()) return index.error();
  return write_index_binary(index.value(), generator);
}

}  // namespace osprey
