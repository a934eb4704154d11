// Every way an index can be wrong gives an Error naming what is wrong.
#include <catch2/catch.hpp>

#include "build/codec.hpp"
#include "fixtures.hpp"

using namespace osprey;
using nlohmann::json;

namespace {

const std::string& small_index_text() {
  static const std::string text = write_index(test::build(R"([
    {"url": "/a", "title": "aid aid", "summary": "x", "type": "Report"},
    {"url": "/b", "title": "y", "summary": "z aid", "type": "Country", "date": "2021-01-02"}])"),
                                              "t");
  return text;
}

std::string error_after(const std::function<void(json&)>& mutate) {
  json j = json::parse(small_index_text());
  mutate(j);
  auto r = read_index(j.dump());
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_CASE("wrong format or version is refused as unsupported", "[codec][corrupt]") {
  auto r = read_index("[1, 2]");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kUnsupported);
  CHECK(r.error().message == "not an Osprey index (expected a JSON object)");
  CHECK(error_after([](json& j) { j["format"] = "pagefind"; }) ==
        "not an Osprey index (\"format\" is not \"osprey-index\")");
  CHECK(error_after([](json& j) { j["version"] = 2; }) ==
        "index format version 2 is not supported (this reader reads version 1)");
  CHECK(error_after([](json& j) { j.erase("version"); }) ==
        "index format version missing is not supported (this reader reads version 1)");
}

TEST_CASE("truncated or garbled text is corrupt, at every cut", "[codec][corrupt]") {
  const std::string& text = small_index_text();
  for (std::size_t cut = 0; cut < text.size(); ++cut) {
    auto r = read_index(std::string_view(text).substr(0, cut));
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.error().code == ErrorCode::kCorruptIndex);
  }
  auto r = read_index(text.substr(0, text.size() / 2));
  CHECK(r.error().message.rfind("index is not valid JSON (truncated or garbled?): 1:", 0) == 0);
}

TEST_CASE("every single-byte change is either valid or an error", "[codec][corrupt]") {
  const std::string& text = small_index_text();
  const char replacements[] = {'0', '9', '-', '"', ']', '[', '{', 'x', ',', '\xff'};
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (char c : replacements) {
      std::string garbled = text;
      garbled[i] = c;
      auto r = read_index(garbled);  // must return, whatever it returns
      if (!r.ok()) CHECK_FALSE(r.error().message.empty());
    }
  }
}

TEST_CASE("structural damage is named", "[codec][corrupt]") {
  CHECK(error_after([](json& j) { j.erase("doc_count"); }) == "\"doc_count\" is missing");
  CHECK(error_after([](json& j) { j["doc_count"] = -1; }) ==
        "\"doc_count\" must be a non-negative integer");
  CHECK(error_after([](json& j) { j["doc_count"] = 1.5; }) ==
        "\"doc_count\" must be a non-negative integer");
  CHECK(error_after([](json& j) { j["terms"] = "aid"; }) == "\"terms\" must be an array");
  CHECK(error_after([](json& j) { j.erase("postings"); }) == "\"postings\" is missing");
  CHECK(error_after([](json& j) { j["schema"]["fields"] = json::array(); }) ==
        "schema: \"fields\" is empty");
  CHECK(error_after([](json& j) { j["field_lengths"]["title"].push_back(3); }) ==
        "field_lengths.title has 3 items, expected 2");
  CHECK(error_after([](json& j) { j["field_lengths"].erase("summary"); }) ==
        "\"field_lengths\": \"summary\" is missing");
  CHECK(error_after([](json& j) { j["stored"]["url"][0] = 7; }) ==
        "stored.url[0] must be a string or null");
  CHECK(error_after([](json& j) { j["stored"]["url"].erase(1); }) ==
        "stored.url does not have doc_count items");
  CHECK(error_after([](json& j) { j["terms"][0] = "zzz"; }) ==
        "terms is not sorted and unique at item 1");
  CHECK(error_after([](json& j) { j["terms"][1] = 5; }) == "terms[1] must be a string");
  CHECK(error_after([](json& j) { j["term_stems"][0] = 99; }) == "term_stems[0] is 99, beyond 5");
  CHECK(error_after([](json& j) { j["postings"].erase(0); }) == "postings has 5 lists for 6 terms");
  CHECK(error_after([](json& j) { j["facets"]["type"]["ids"][0] = 9; }) ==
        "facets.type.ids[0] is 9, beyond 1");
  CHECK(error_after([](json& j) { j["facets"]["type"]["counts"][0] = 2; }) ==
        "facets.type: counts add up to 3, ids has 2");
}

TEST_CASE("postings out of range are named", "[codec][corrupt]") {
  // postings[0] is "aid": [0,1,0,2,0,1, 1,1,1,1,1]
  auto with_aid = [](json postings) {
    return error_after([&](json& j) { j["postings"][0] = postings; });
  };
  CHECK(with_aid(json::array()) == "postings[0] is empty");
  CHECK(with_aid({5, 1, 0, 1, 0}) == "postings[0]: doc 5 out of range (doc_count 2)");
  CHECK(with_aid({0, 1, 0, 1, 0, 0, 1, 1, 1, 0}) == "postings[0]: doc delta 0 (docs must ascend)");
  CHECK(with_aid({0, 1, 0, 2, 0}) == "postings[0] ends inside a document group (position missing)");
  CHECK(with_aid({0, 1, 0, 1, 9}) == "postings[0]: position 9 out of range (field length 2)");
  CHECK(with_aid({0, 1, 0, 2, 0, 0}) == "postings[0]: position delta 0 (positions must ascend)");
  CHECK(with_aid({0, 1, 3, 1, 0}) == "postings[0]: field 3 is not searchable");
  CHECK(with_aid({0, 1, 9, 1, 0}) == "postings[0][2] (field) is 9, beyond 5");
  CHECK(with_aid({0, 2, 1, 1, 0, 0, 1, 0}) == "postings[0]: fields not ascending");
  CHECK(with_aid({0, 0}) == "postings[0]: a document group with no entries");
  CHECK(with_aid({0, 1, 0, 0}) == "postings[0]: tf 0");
  CHECK(with_aid({0, 1, 0, 4294967295LL, 0}) == "postings[0][3] (tf) is 4294967295, beyond 5");
  CHECK(with_aid({0, 1, 0, "1", 0}) == "postings[0][3] (tf) must be a non-negative integer");
  CHECK(error_after([](json& j) { j["postings"][0] = 3; }) == "postings[0] must be an array");
}
