// Layout (docs/index-format.md is the full specification):
//   {"format": "osprey-index", "version": 1, "generator": "...",
//    "doc_count": N, "schema": {...},
//    "stems": [string...], "terms": [string...], "term_stems": [int...],
//    "stop_words": [string...] (optional),
//    "postings": [[int...] per term],
//    "field_lengths": {field: [int per doc]}, "stored": {field: [string|null per doc]},
//    "facets": {field: {"values": [string...], "counts": [int per doc], "ids": [int...]}}}
// A posting array is a sequence of document groups:
//   doc, entry_count, then entry_count times: field, tf, tf positions
// where doc is absolute in the first group and a delta >= 1 after it, and the
// positions of an entry are absolute for the first and deltas >= 1 after it.
#include "build/codec.hpp"

#include <limits>

#include "build/json_text.hpp"
#include "build/schema_json.hpp"
#include "index/limits.hpp"
#include "query/expand.hpp"

namespace osprey {
namespace {

using nlohmann::json;

json encode_postings(const PostingList& p) {
  json out = json::array();
  auto& a = out.get_ref<json::array_t&>();
  a.reserve(p.docs.size() * 4 + p.positions.size());
  uint32_t prev_doc = 0;
  for (std::size_t i = 0; i < p.docs.size(); ++i) {
    a.emplace_back(i == 0 ? p.docs[i] : p.docs[i] - prev_doc);
    prev_doc = p.docs[i];
    a.emplace_back(p.entry_begin[i + 1] - p.entry_begin[i]);
    for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
      a.emplace_back(p.entry_field[e]);
      a.emplace_back(p.tf(e));
      uint32_t prev_pos = 0;
      for (uint32_t k = p.pos_begin[e]; k < p.pos_begin[e + 1]; ++k) {
        a.emplace_back(k == p.pos_begin[e] ? p.positions[k] : p.positions[k] - prev_pos);
        prev_pos = p.positions[k];
      }
    }
  }
  return out;
}

// Reads with checks; the first failure is kept and later reads are no-ops, so
// callers check failed() at convenient points rather than after every read.
class Reader {
 public:
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  const json* member(const json& obj, const char* key, json::value_t type, const char* type_name,
                     const std::string& where) {
    if (failed()) return nullptr;
    auto it = obj.find(key);
    if (it == obj.end()) {
      fail(where + "\"" + key + "\" is missing");
      return nullptr;
    }
    if (it->type() != type) {
      fail(where + "\"" + key + "\" must be " + type_name);
      return nullptr;
    }
    return &*it;
  }

  const json* array(const json& obj, const char* key, const std::string& where = "") {
    return member(obj, key, json::value_t::array, "an array", where);
  }
  const json* object(const json& obj, const char* key, const std::string& where = "") {
    return member(obj, key, json::value_t::object, "an object", where);
  }

  /// A non-negative integer <= max.
  uint32_t uint(const json& v, uint64_t max, const std::string& what) {
    if (failed()) return 0;
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0)) {
      fail(what + " must be a non-negative integer");
      return 0;
    }
    const uint64_t x = v.get<uint64_t>();
    if (x > max) {
      fail(what + " is " + std::to_string(x) + ", beyond " + std::to_string(max));
      return 0;
    }
    return static_cast<uint32_t>(x);
  }

  std::vector<uint32_t> uints(const json& arr, std::size_t expected_size, uint64_t max,
                              const std::string& what) {
    std::vector<uint32_t> out;
    if (failed()) return out;
    if (arr.size() != expected_size) {
      fail(what + " has " + std::to_string(arr.size()) + " items, expected " +
           std::to_string(expected_size));
      return out;
    }
    out.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size() && !failed(); ++i) {
      out.push_back(uint(arr[i], max, what + "[" + std::to_string(i) + "]"));
    }
    return out;
  }

  /// Strings, strictly ascending by bytes when sorted is set.
  std::vector<std::string> strings(const json& arr, bool sorted, const std::string& what) {
    std::vector<std::string> out;
    out.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size() && !failed(); ++i) {
      if (!arr[i].is_string()) {
        fail(what + "[" + std::to_string(i) + "] must be a string");
      } else {
        out.push_back(arr[i].get<std::string>());
        if (sorted && i > 0 && !(out[i - 1] < out[i])) {
          fail(what + " is not sorted and unique at item " + std::to_string(i));
        }
      }
    }
    return out;
  }

 private:
  std::string error_;
};

constexpr uint32_t kMax32 = std::numeric_limits<uint32_t>::max();

// Decodes one posting array, checking index.hpp's invariants against the
// already-read field lengths.
void decode_postings(Reader& r, const json& arr, const Index& index, const std::string& what,
                     PostingList& p) {
  const std::size_t n = arr.size();
  std::size_t i = 0;
  auto next = [&](uint64_t max, const char* name) -> uint32_t {
    if (i >= n) {
      r.fail(what + " ends inside a document group (" + name + " missing)");
      return 0;
    }
    const std::size_t at = i++;
    return r.uint(arr[at], max, what + "[" + std::to_string(at) + "] (" + name + ")");
  };
  if (n == 0) r.fail(what + " is empty");
  p.entry_begin.push_back(0);
  p.pos_begin.push_back(0);
  while (i < n && !r.failed()) {
    const uint32_t raw_doc = next(kMax32, "doc");
    const uint64_t doc = p.docs.empty() ? raw_doc : uint64_t{p.docs.back()} + raw_doc;
    if (!p.docs.empty() && raw_doc == 0) r.fail(what + ": doc delta 0 (docs must ascend)");
    if (doc >= index.doc_count) {
      r.fail(what + ": doc " + std::to_string(doc) + " out of range (doc_count " +
             std::to_string(index.doc_count) + ")");
    }
    const uint32_t entries = next(index.schema.fields.size(), "entry count");
    if (entries == 0) r.fail(what + ": a document group with no entries");
    if (r.failed()) return;
    p.docs.push_back(static_cast<uint32_t>(doc));
    int last_field = -1;
    for (uint32_t e = 0; e < entries && !r.failed(); ++e) {
      const uint32_t field = next(index.schema.fields.size() - 1, "field");
      const uint32_t tf = next(n, "tf");
      if (r.failed()) return;
      if (static_cast<int>(field) <= last_field) r.fail(what + ": fields not ascending");
      if (!index.schema.fields[field].searchable()) {
        r.fail(what + ": field " + std::to_string(field) + " is not searchable");
      }
      if (tf == 0) r.fail(what + ": tf 0");
      if (r.failed()) return;
      last_field = static_cast<int>(field);
      const uint32_t length = index.field_length[field][doc];
      uint64_t pos = 0;
      for (uint32_t k = 0; k < tf && !r.failed(); ++k) {
        const uint32_t raw = next(kMax32, "position");
        if (k > 0 && raw == 0) r.fail(what + ": position delta 0 (positions must ascend)");
        pos = k == 0 ? raw : pos + raw;
        if (pos >= length) {
          r.fail(what + ": position " + std::to_string(pos) + " out of range (field length " +
                 std::to_string(length) + ")");
        }
        p.positions.push_back(static_cast<uint32_t>(pos));
      }
      p.entry_field.push_back(static_cast<uint8_t>(field));
      p.pos_begin.push_back(static_cast<uint32_t>(p.positions.size()));
    }
    p.entry_begin.push_back(static_cast<uint32_t>(p.entry_field.size()));
  }
}

Result<Index> decode(const json& j) {
  if (!j.is_object())
    return Error{ErrorCode::kUnsupported, "not an Osprey index (expected a JSON object)"};
  auto format = j.find("format");
  if (format == j.end() || *format != kFormatName) {
    return Error{ErrorCode::kUnsupported,
                 "not an Osprey index (\"format\" is not \"osprey-index\")"};
  }
  auto version = j.find("version");
  if (version == j.end() || *version != kFormatVersion) {
    const std::string v = version == j.end() ? "missing" : version->dump();
    return Error{ErrorCode::kUnsupported, "index format version " + v.substr(0, 20) +
                                              " is not supported (this reader reads version " +
                                              std::to_string(kFormatVersion) + ")"};
  }

  Reader r;
  Index index;
  const json* schema = r.object(j, "schema");
  if (r.failed()) return corrupt(r.error());
  Result<Schema> s = schema_from_json_value(*schema);
  if (!s.ok()) return corrupt(s.error().message);
  index.schema = std::move(s.value());
  const std::size_t nfields = index.schema.fields.size();

  auto doc_count = j.find("doc_count");
  if (doc_count == j.end()) return corrupt("\"doc_count\" is missing");
  index.doc_count = r.uint(*doc_count, kMax32 - 1, "\"doc_count\"");
  const uint32_t docs = index.doc_count;

  // Per-field sections, indexed by schema field.
  index.field_length.resize(nfields);
  index.stored.resize(nfields);
  index.facets.resize(nfields);
  const json* lengths = r.object(j, "field_lengths");
  const json* stored = r.object(j, "stored");
  const json* facets = r.object(j, "facets");
  for (std::size_t f = 0; f < nfields && !r.failed(); ++f) {
    const FieldSpec& spec = index.schema.fields[f];
    const char* name = spec.name.c_str();
    if (spec.searchable()) {
      if (const json* a = r.array(*lengths, name, "\"field_lengths\": ")) {
        index.field_length[f] = r.uints(*a, docs, kMax32, "field_lengths." + spec.name);
      }
    }
    if (spec.kept()) {
      const json* a = r.array(*stored, name, "\"stored\": ");
      if (a && a->size() != docs) r.fail("stored." + spec.name + " does not have doc_count items");
      for (std::size_t d = 0; a && d < docs && !r.failed(); ++d) {
        const json& v = (*a)[d];
        if (v.is_null()) {
          index.stored[f].emplace_back();
        } else if (v.is_string()) {
          index.stored[f].emplace_back(v.get<std::string>());
        } else {
          r.fail("stored." + spec.name + "[" + std::to_string(d) + "] must be a string or null");
        }
      }
    }
    if (spec.facet) {
      const json* o = r.object(*facets, name, "\"facets\": ");
      if (r.failed()) break;
      const std::string where = "facets." + spec.name;
      FacetColumn& col = index.facets[f];
      if (const json* values = r.array(*o, "values", where + ": ")) {
        col.values = r.strings(*values, true, where + ".values");
      }
      const json* counts = r.array(*o, "counts", where + ": ");
      const json* ids = r.array(*o, "ids", where + ": ");
      if (r.failed()) break;
      const std::vector<uint32_t> c = r.uints(*counts, docs, ids->size(), where + ".counts");
      col.doc_begin.push_back(0);
      for (uint32_t k : c) col.doc_begin.push_back(col.doc_begin.back() + k);
      if (!r.failed() && col.doc_begin.back() != ids->size()) {
        r.fail(where + ": counts add up to " + std::to_string(col.doc_begin.back()) + ", ids has " +
               std::to_string(ids->size()));
      }
      if (r.failed()) break;
      col.value_ids = r.uints(*ids, ids->size(), col.values.empty() ? 0 : col.values.size() - 1,
                              where + ".ids");
      if (!col.value_ids.empty() && col.values.empty()) r.fail(where + ".ids refers to no values");
      for (uint32_t d = 0; d < docs && !r.failed(); ++d) {
        for (uint32_t k = col.doc_begin[d] + 1; k < col.doc_begin[d + 1]; ++k) {
          if (col.value_ids[k - 1] >= col.value_ids[k])
            r.fail(where + ".ids not ascending in a doc");
        }
      }
    }
  }
  if (r.failed()) return corrupt(r.error());

  // Dictionary and postings.
  const json* stems = r.array(j, "stems");
  const json* terms = r.array(j, "terms");
  const json* term_stems = r.array(j, "term_stems");
  const json* postings = r.array(j, "postings");
  if (r.failed()) return corrupt(r.error());
  index.stems = r.strings(*stems, true, "stems");
  index.terms = r.strings(*terms, true, "terms");
  if (r.failed()) return corrupt(r.error());
  index.term_stem = r.uints(*term_stems, index.terms.size(),
                            index.stems.empty() ? 0 : index.stems.size() - 1, "term_stems");
  if (!index.terms.empty() && index.stems.empty()) r.fail("terms present but no stems");
  if (postings->size() != index.terms.size()) {
    r.fail("postings has " + std::to_string(postings->size()) + " lists for " +
           std::to_string(index.terms.size()) + " terms");
  }
  index.postings.resize(r.failed() ? 0 : index.terms.size());
  for (std::size_t t = 0; t < index.postings.size() && !r.failed(); ++t) {
    const json& list = (*postings)[t];
    const std::string what = "postings[" + std::to_string(t) + "]";
    if (!list.is_array()) {
      r.fail(what + " must be an array");
      break;
    }
    PostingList decoded;
    decode_postings(r, list, index, what, decoded);
    index.postings.set(t, std::move(decoded));
  }
  // Optional (indexes written before it have none): docs/index-format.md.
  if (const auto it = j.find("stop_words"); it != j.end() && !r.failed()) {
    if (!it->is_array()) {
      r.fail("\"stop_words\" must be an array");
    } else if (it->size() > kMaxStopWords) {
      r.fail("\"stop_words\" has " + std::to_string(it->size()) + " items, beyond " +
             std::to_string(kMaxStopWords));
    } else {
      index.stop_words = r.strings(*it, true, "stop_words");
      for (std::size_t i = 0; i < index.stop_words.size() && !r.failed(); ++i) {
        const std::size_t n = index.stop_words[i].size();
        if (n == 0 || n > kMaxStopWordBytes) {
          r.fail("stop_words[" + std::to_string(i) + "] has " + std::to_string(n) + " bytes");
        }
      }
    }
  }
  if (r.failed()) return corrupt(r.error());
  index.finalize_whole();
  // As the builder's: a converted index is the file `osprey index` writes.
  index.prefix_hints = query::completion_hints(index);
  return index;
}

}  // namespace

std::string write_index(const Index& index, std::string_view generator) {
  // nlohmann::ordered_json would keep key order, but the reader does not care;
  // keys are written in the order of the specification for readability.
  nlohmann::ordered_json out;
  out["format"] = kFormatName;
  out["version"] = kFormatVersion;
  out["generator"] = generator;
  out["doc_count"] = index.doc_count;
  out["schema"] = schema_to_json_value(index.schema);
  json lengths = json::object(), stored = json::object(), facets = json::object();
  for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
    const FieldSpec& spec = index.schema.fields[f];
    if (spec.searchable()) lengths[spec.name] = index.field_length[f];
    if (spec.kept()) {
      json a = json::array();
      for (const auto& v : index.stored[f]) a.push_back(v ? json(*v) : json(nullptr));
      stored[spec.name] = std::move(a);
    }
    if (spec.facet) {
      const FacetColumn& col = index.facets[f];
      json counts = json::array();
      for (std::size_t d = 0; d + 1 < col.doc_begin.size(); ++d) {
        counts.push_back(col.doc_begin[d + 1] - col.doc_begin[d]);
      }
      facets[spec.name] = {{"values", col.values}, {"counts", counts}, {"ids", col.value_ids}};
    }
  }
  out["field_lengths"] = std::move(lengths);
  out["stored"] = std::move(stored);
  out["facets"] = std::move(facets);
  out["stems"] = index.stems;
  out["terms"] = index.terms;
  out["term_stems"] = index.term_stem;
  if (!index.stop_words.empty()) out["stop_words"] = index.stop_words;
  json postings = json::array();
  postings.get_ref<json::array_t&>().reserve(index.postings.size());
  for (std::size_t t = 0; t < index.postings.size(); ++t) {
    postings.push_back(encode_postings(index.postings[t]));
  }
  out["postings"] = std::move(postings);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Index> read_index(std::string_view text) {
  Result<json> j = parse_json(text);
  if (!j.ok())
    return corrupt("index is not valid JSON (truncated or garbled?): " + j.error().message);
  return decode(j.value());
}

}  // namespace osprey
