#include <catch2/catch.hpp>

#include "build/codec.hpp"
#include "build/json_index.hpp"
#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/limits.hpp"

using namespace osprey;

TEST_CASE("a JSON index converts to the binary file the writer writes for the same index",
          "[json_index]") {
  const Index& ix = test::sample_index();
  const Result<std::string> binary =
      json_index_to_binary(write_index(ix, "another tool"), "osprey t");
  REQUIRE(binary.ok());
  CHECK(binary.value() == test::ok(write_index_binary(ix, "osprey t")));
  // Whitespace before the object, as a JSON writer may put it.
  CHECK(test::ok(json_index_to_binary(" \n" + write_index(ix, "x"), "osprey t")) == binary.value());
}

TEST_CASE("a JSON index is known by its first byte past JSON whitespace", "[json_index]") {
  CHECK(is_json_index("{}"));
  CHECK(is_json_index(" \t\r\n{\"format\""));
  CHECK_FALSE(is_json_index(""));
  CHECK_FALSE(is_json_index("   "));
  CHECK_FALSE(is_json_index("osprey\x03"));
  CHECK_FALSE(is_json_index("[{}]"));
  CHECK_FALSE(is_json_index("\xEF\xBB\xBF{"));  // a BOM is not JSON whitespace
}

TEST_CASE("a bad JSON index converts to the reader's error, and nothing else", "[json_index]") {
  const Result<std::string> garbled =
      json_index_to_binary("{\"format\": \"osprey-index\",", "osprey t");
  REQUIRE_FALSE(garbled.ok());
  CHECK(garbled.error().code == ErrorCode::kCorruptIndex);
  CHECK(garbled.error().message.rfind("index is not valid JSON (truncated or garbled?): 1:", 0) ==
        0);

  const Result<std::string> other =
      json_index_to_binary(R"({"format": "osprey-index", "version": 2})", "t");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().code == ErrorCode::kUnsupported);
  CHECK(other.error().message ==
        "index format version 2 is not supported (this reader reads version 1)");
}

TEST_CASE("a JSON index over the file limit is refused before it is parsed", "[json_index]") {
  const std::string text(kMaxFileBytes + 1, ' ');
  const Result<std::string> binary = json_index_to_binary(text, "osprey t");
  REQUIRE_FALSE(binary.ok());
  CHECK(binary.error().code == ErrorCode::kLimit);
  CHECK(binary.error().message ==
        "the JSON index is 268,435,457 bytes; an index file holds at most 268,435,456");
}
