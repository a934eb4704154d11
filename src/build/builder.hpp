// Builds an Index from records, one at a time, in input order (doc ids follow
// the order records are accepted). Every record that is skipped, and every
// value that is ignored, comes back as a message: nothing is dropped silently.
//
// Adding a record is two steps. analyze_record() reads it against the schema
// and tokenizes its text; it depends on no other record and no builder state,
// so a caller may analyze many records at once (the CLI does, on threads; the
// core itself has none). IndexBuilder::add() then takes the analyzed records
// in order: it checks that ids are unique and gives doc and term ids.
// add(json) is both steps.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/index.hpp"
#include "text/tokenize.hpp"

namespace osprey {

struct AddReport {
  bool indexed = false;               // false: the record was skipped
  std::vector<std::string> messages;  // why it was skipped, or what was ignored
};

/// A record read against a schema, ready for IndexBuilder::add (which needs
/// the same schema). Its members are the builder's business.
struct AnalyzedRecord {
  bool skip = false;                  // it cannot be indexed; messages say why
  std::vector<std::string> messages;  // reported whether it is indexed or not
  std::vector<std::string> late;      // reported only once it is indexed
  std::string id;                     // the id field's value
  // Per schema field; empty for fields of the wrong kind.
  std::vector<std::optional<std::string>> kept;        // FieldSpec::kept()
  std::vector<std::vector<std::string>> facet_values;  // facet
  std::vector<uint32_t> field_length;                  // searchable: words
  text::TokenList tokens;            // the searchable fields' tokens, in field order
  std::vector<uint32_t> tokens_end;  // per field: end of its tokens in `tokens`
  std::vector<uint64_t> hashes;      // per token: term_hash of its term
  // Tokens whose source word is a marked or capitalized form of their term,
  // for a language that stems marked words (text/analyzer.hpp marked_word):
  // (token index, the word lowercased with its marks), by token index.
  std::vector<std::pair<uint32_t, std::string>> marked;
};

/// Reads and tokenizes one record (a JSON object whose keys are field sources).
AnalyzedRecord analyze_record(const Schema& schema, const nlohmann::json& record);

/// The hash the builder's dictionary uses for a term.
uint64_t term_hash(std::string_view term);

class IndexBuilder {
 public:
  explicit IndexBuilder(Schema schema);
  ~IndexBuilder();
  IndexBuilder(IndexBuilder&&) noexcept;
  IndexBuilder& operator=(IndexBuilder&&) noexcept;

  const Schema& schema() const;
  /// Adds one record (a JSON object whose keys are field sources).
  AddReport add(const nlohmann::json& record);
  /// Adds a record analyzed with this builder's schema.
  AddReport add(AnalyzedRecord record);
  /// Whether the records added so far fit the index format's counts of
  /// documents and distinct terms (index/limits.hpp); kLimit "too many
  /// distinct terms: 4,194,305 (the index format holds at most 4,194,304)" when
  /// not. Cheap: check it before finish(), which builds any index, and whose
  /// result the writer (check_limits) would refuse.
  Result<std::monostate> check_limits() const;
  /// The finished, finalized index. The builder is empty afterwards.
  Index finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace osprey
