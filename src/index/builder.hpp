// Builds an Index from records, one at a time, in input order (doc ids follow
// the order records are accepted). Every record that is skipped, and every
// value that is ignored, comes back as a message: nothing is dropped silently.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/index.hpp"

namespace osprey {

struct AddReport {
  bool indexed = false;               // false: the record was skipped
  std::vector<std::string> messages;  // why it was skipped, or what was ignored
};

class IndexBuilder {
 public:
  explicit IndexBuilder(Schema schema);
  ~IndexBuilder();
  IndexBuilder(IndexBuilder&&) noexcept;
  IndexBuilder& operator=(IndexBuilder&&) noexcept;

  /// Adds one record (a JSON object whose keys are field sources).
  AddReport add(const nlohmann::json& record);
  /// The finished, finalized index. The builder is empty afterwards.
  Index finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace osprey
