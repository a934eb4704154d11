// A static host for the tests of a sharded index: it serves the parts by
// name and runs a search round by round, loading what the index names (as
// the page does), recording each round's part names.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "index/binary_codec.hpp"

namespace osprey::test {

// A whole index file cut at every byte and with every byte flipped (XOR 0x01,
// 0x80, 0xff) is refused: the frame's checksums catch what its checks do not.
inline void check_every_cut_and_flip_refused(const std::string& bytes) {
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    INFO(cut);
    CHECK_FALSE(read_index_binary(std::string_view(bytes).substr(0, cut)).ok());
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      std::string garbled = bytes;
      garbled[i] = static_cast<char>(garbled[i] ^ flip);
      INFO(i << " ^ " << int(flip));
      CHECK_FALSE(read_index_binary(garbled).ok());
    }
  }
}

// The sample index in small parts (postings of about 300 bytes, stored values
// of about 600), so a query reads a few of each kind; dictionary_part_bytes
// sets how many dictionary and reverse blocks it has.
inline std::vector<WrittenPart> sample_parts(std::size_t dictionary_part_bytes,
                                             std::string part_prefix = "x/") {
  return ok(write_parts(sample_index(), "test",
                        {.postings_part_bytes = 300,
                         .stored_part_bytes = 600,
                         .dictionary_part_bytes = dictionary_part_bytes,
                         .part_prefix = std::move(part_prefix)}));
}

// Serves the parts of a sharded index by name, like a static host.
struct Host {
  Host() = default;
  // Serves every part but the base (parts[0]).
  explicit Host(const std::vector<WrittenPart>& parts) : base(parts.at(0).bytes) {
    for (std::size_t i = 1; i < parts.size(); ++i) files[parts[i].name] = parts[i].bytes;
  }
  std::string base;  // the base's bytes (parts[0]), when made from parts
  std::map<std::string, std::string> files;
  int fetched = 0;
  std::vector<std::string> names;                // of the parts fetched, in order
  std::vector<std::vector<std::string>> rounds;  // the same, by round
  // Searches, loading what the index asks for, as the browser does: through
  // searcher when given (it lives across the rounds, as the engine's does).
  SearchResult search(Index& index, std::string_view q, const SearchOptions& o,
                      Searcher* searcher = nullptr) {
    for (int round = 0; round < 8; ++round) {
      SearchResult r;
      if (searcher) {
        Result<SearchResult> found = searcher->search(q, o);
        REQUIRE(found.ok());
        r = std::move(found.value());
      } else {
        r = run(index, q, o);
      }
      if (r.needs.empty()) return r;
      fetch(index, r.needs);
    }
    FAIL("needs did not settle");
    return {};
  }
  // One round: the parts of needs, served and added to index.
  void fetch(Index& index, const Needs& needs) {
    rounds.emplace_back();
    for (const std::string& name : index.part_names(needs)) {
      rounds.back().push_back(name);
      REQUIRE(files.count(name));
      ++fetched;
      names.push_back(name);
      REQUIRE(add_parts(index, files[name]).ok());
    }
  }
  // Searches a base read from the base's bytes through a Searcher, loading
  // the parts it asks for, as the engine does.
  SearchResult search_base(std::string_view q, const SearchOptions& o) {
    Result<Index> index = read_index_binary(base);
    REQUIRE(index.ok());
    Searcher searcher(index.value());
    return search(index.value(), q, o, &searcher);
  }
};

}  // namespace osprey::test
