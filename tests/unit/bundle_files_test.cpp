// build/bundle_files.hpp and build/records_bundle.hpp: which files a bundle
// holds, with which names and bytes (the CLI's and the Node API's one answer).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "build/bundle_files.hpp"
#include "build/deflate_dictionary.hpp"
#include "build/records_bundle.hpp"
#include "index/limits.hpp"

using namespace osprey;

namespace {

// A stand-in for compression: marks each input, so the tests see what was
// compressed and how (gz, or deflated against a dictionary of n bytes).
std::vector<std::string> marked(const std::vector<CompressJob>& jobs) {
  std::vector<std::string> out;
  for (const CompressJob& j : jobs) {
    out.push_back(j.dictionary.empty() ? "gz(" + std::string(j.bytes) + ")"
                                       : "dd" + std::to_string(j.dictionary.size()) + "(" +
                                             std::string(j.bytes) + ")");
  }
  return out;
}

const std::vector<std::string> kRequired = {"osprey.js", "osprey-worker.js", "osprey-core.js",
                                            "engine/osprey-engine.js", "engine/osprey-engine.wasm"};

}  // namespace

TEST_CASE("select_assets takes kAssets in order, folders sorted, dist/ to the top", "[bundle]") {
  std::vector<std::string> listing = kRequired;
  for (const char* f :
       {"widget/b.js", "widget/a.js", "dist/osprey.js", "index.html", "node/indexer.js",
        "engine/osprey-builder.wasm", "strings/de.json", "engine/osprey-convert.wasm"}) {
    listing.emplace_back(f);
  }
  Result<std::vector<AssetFile>> chosen = select_assets(listing);
  REQUIRE(chosen.ok());
  std::vector<std::string> got;
  for (const AssetFile& f : chosen.value()) got.push_back(f.bundle_path + "<" + f.source);
  CHECK(got == std::vector<std::string>{"osprey.js<osprey.js", "osprey-worker.js<osprey-worker.js",
                                        "osprey-core.js<osprey-core.js",
                                        "engine/osprey-engine.js<engine/osprey-engine.js",
                                        "engine/osprey-engine.wasm<engine/osprey-engine.wasm",
                                        "engine/osprey-convert.wasm<engine/osprey-convert.wasm",
                                        "widget/a.js<widget/a.js", "widget/b.js<widget/b.js",
                                        "strings/de.json<strings/de.json",
                                        "osprey.js<dist/osprey.js"});
  listing.erase(listing.begin() + 3);  // engine/osprey-engine.js
  Result<std::vector<AssetFile>> missing = select_assets(listing);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "engine/osprey-engine.js is missing");
}

TEST_CASE("bundle_files: assets, gzip members named by build id, the manifest last", "[bundle]") {
  BundleContent content;
  content.indexes = {
      {"en", {{"00000000000000e1", "EN"}}, 3, 0},
      {"fr", {{"00000000000000f1", "FR"}, {"index.fr.00000000000000f1/p0", "P0"}}, 1, 1}};
  content.default_language = "en";
  content.shape.site_root = "/docs/";
  content.shape.filters = {"kind"};
  content.generator = "osprey test";
  content.assets = {{"osprey.js", "source"}, {"widget/a.js", "a"}, {"osprey.js", "built"}};
  Result<std::vector<BundleFile>> files = bundle_files(content, marked);
  REQUIRE(files.ok());
  std::vector<std::string> got;
  for (const BundleFile& f : files.value()) got.push_back(f.path + "=" + f.bytes.substr(0, 12));
  CHECK(got == std::vector<std::string>{
                   "osprey.js=built", "widget/a.js=a", "index.en.00000000000000e1.osp=gz(EN)",
                   "index.fr.00000000000000f1.osp=gz(FR)", "index.fr.00000000000000f1/p0=gz(P0)",
                   "osprey-manifest.json={\n  \"format\""});
  const nlohmann::json m = nlohmann::json::parse(files.value().back().bytes);
  CHECK(m["languages"]["en"] == nlohmann::json{{"index", "index.en.00000000000000e1.osp"},
                                               {"bytes", 2},
                                               {"gzip_bytes", 6},
                                               {"documents", 3},
                                               {"stemmer", "english"}});
  CHECK(m["languages"]["fr"]["parts"] == 1);
  // The stemmer module a page fetches beside the base (web/widget/api.js).
  CHECK(m["languages"]["fr"]["stemmer"] == "french");
  CHECK(m["languages"]["fr"]["gzip_bytes"] == 12);
  CHECK(m["site_root"] == "/docs/");
  CHECK(m["default_language"] == "en");
  CHECK(m["generator"] == "osprey test");
  CHECK(m["files"] ==
        nlohmann::json{{"osprey.js", content_hash("built")}, {"widget/a.js", content_hash("a")}});
}

TEST_CASE("records_config_from_json reads osprey.json's keys for records, by its rules",
          "[bundle]") {
  Result<RecordsConfig> c = records_config_from_json(
      R"({"language": "fr", "base_path": "/x/", "split_above": 7, "schema": {"id": "u",
          "fields": [{"name": "u", "stored": true}, {"name": "t", "weight": 1}]}})");
  REQUIRE(c.ok());
  CHECK(c.value().language == "fr");
  CHECK(c.value().base_path == "/x/");
  CHECK(c.value().split.split_above == 7);
  CHECK(records_schema(c.value()).language == "fr");
  auto message = [](const char* text) {
    Result<RecordsConfig> r = records_config_from_json(text);
    return r.ok() ? std::string("ok") : r.error().message;
  };
  CHECK(message(R"({"language": "en-GB"})") ==
        "\"language\" must be a language code of 2 to 8 letters a-z, like \"en\"");
  CHECK(message(R"({"split_above": -1})") == "\"split_above\" must be a number of bytes");
  CHECK(message(R"({"site": "public"})") ==
        "unknown key \"site\" (the Node API takes schema, language, base_path, split_above)");
  CHECK(message("[1]") == "config: expected a JSON object");
  CHECK(message("{").rfind("config:1:2: ", 0) == 0);
}

TEST_CASE("records_bundle: skipped records are warnings, a malformed line an error", "[bundle]") {
  const RecordsConfig config;
  const std::vector<std::pair<std::string, std::string>> assets;
  Result<RecordsBundle> b = records_bundle(
      config,
      {{"", "{\"title\": \"Herons\", \"url\": \"/h\"}\n\"text\"\n{\"title\": \"no url\"}\n"}},
      assets, marked, "osprey test");
  REQUIRE(b.ok());
  CHECK(b.value().records == 3);
  CHECK(b.value().documents == 1);
  CHECK(b.value().skipped == 2);
  REQUIRE(b.value().warnings.size() == 2);
  CHECK(b.value().warnings[0].line == 2);
  CHECK(b.value().warnings[1].message == "skipped: no \"url\" (the id field)");
  CHECK(b.value().files.back().path == kManifest);
  CHECK(b.value().files.front().path.rfind("index.en.", 0) == 0);

  Result<RecordsBundle> bad = records_bundle(config, {{"", "{\"url\": \"/a\"}\n{\"url\": }\n"}},
                                             assets, marked, "osprey test");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.rfind("2:9: syntax error", 0) == 0);
}

TEST_CASE("records_bundle: one index per set of records, the first set's language the default",
          "[bundle]") {
  const RecordsConfig config;
  const std::string fr = "{\"title\": \"H\u00e9rons\", \"url\": \"/fr/h\"}\n";
  const std::string en = "[{\"title\": \"Herons\", \"url\": \"/h\"}, {\"url\": \"/x\"}]";
  Result<RecordsBundle> b = records_bundle(
      config, {{"fr", fr}, {"en", en, RecordFormat::kJsonArray}}, {}, marked, "osprey test");
  REQUIRE(b.ok());
  CHECK(b.value().documents == 3);
  const nlohmann::json m = nlohmann::json::parse(b.value().files.back().bytes);
  CHECK(m["default_language"] == "fr");
  CHECK(m["languages"]["fr"]["documents"] == 1);
  CHECK(m["languages"]["en"]["documents"] == 2);
  CHECK(b.value().files[0].path.rfind("index.fr.", 0) == 0);

  Result<RecordsBundle> twice = records_bundle(config, {{"fr", fr}, {"fr", fr}}, {}, marked, "t");
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().message == "two sets of records in fr: one index per language");
  Result<RecordsBundle> bad = records_bundle(config, {{"en", fr}, {"de", "{"}}, {}, marked, "t");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.rfind("de: 1:2: ", 0) == 0);
  Result<RecordsBundle> code = records_bundle(config, {{"en-GB", fr}}, {}, marked, "t");
  REQUIRE_FALSE(code.ok());
  CHECK(code.error().message ==
        "language \"en-GB\": a language code is 2 to 8 letters a-z, like \"en\"");
}

TEST_CASE("bundle_files: a sharded index's display parts deflated against a dictionary",
          "[bundle]") {
  // Display parts holding kDictionaryMinBytes between them, of text they share.
  std::string text;
  for (int i = 0; text.size() < kDictionaryMinBytes / 4; ++i) {
    text += "record " + std::to_string(i) + ": https://example.org/items/" + std::to_string(i * 7) +
            " a shared description of the item. ";
  }
  const std::string id = "00000000000000a1";
  BundleContent content;
  content.indexes = {{"en",
                      {{id, "BASE"},
                       {"index.en." + id + "/d0", "D0", PartKind::kDictionary},
                       {"index.en." + id + "/s0", text, PartKind::kStored},
                       {"index.en." + id + "/s1", text, PartKind::kStored},
                       {"index.en." + id + "/t0", text, PartKind::kText},
                       {"index.en." + id + "/t1", text, PartKind::kText}},
                      4,
                      0}};
  content.default_language = "en";
  content.generator = "osprey test";
  Result<std::vector<BundleFile>> files = bundle_files(content, marked);
  REQUIRE(files.ok());
  std::vector<std::string> paths;
  for (const BundleFile& f : files.value()) paths.push_back(f.path);
  const std::string dir = "index.en." + id + "/";
  CHECK(paths == std::vector<std::string>{"index.en." + id + ".osp", dir + "d0", dir + "s0",
                                          dir + "s1", dir + "t0", dir + "t1", dir + "dictionary",
                                          "osprey-manifest.json"});
  const std::vector<BundleFile>& f = files.value();
  CHECK(f[0].bytes == "gz(BASE)");
  CHECK(f[1].bytes == "gz(D0)");
  // The dictionary: gzip, runs of the parts' text, at most kDictionaryBytes.
  REQUIRE(f[6].bytes.starts_with("gz("));
  const std::string dictionary = f[6].bytes.substr(3, f[6].bytes.size() - 4);
  CHECK(dictionary.size() <= kDictionaryBytes);
  CHECK(dictionary.size() > kDictionaryBytes / 2);
  CHECK(text.find(dictionary.substr(0, 48)) != std::string::npos);
  // Display parts: magic, the part's size (little-endian), the deflated stream.
  const std::string dictionary_mark = "dd" + std::to_string(dictionary.size()) + "(";
  REQUIRE(f[2].bytes.size() > 8);
  CHECK(f[2].bytes.substr(0, 4) == kDictionaryDeflatedMagic);
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(f[2].bytes[4 + k]); };
  CHECK((byte(0) | byte(1) << 8 | byte(2) << 16 | uint64_t{byte(3)} << 24) == text.size());
  CHECK(f[2].bytes.substr(8) == dictionary_mark + text + ")");
  CHECK(f[5].bytes.substr(8) == dictionary_mark + text + ")");
  const nlohmann::json m = nlohmann::json::parse(f.back().bytes);
  CHECK(m["languages"]["en"]["dictionary"] == dir + "dictionary");
  uint64_t stored = 0;
  for (std::size_t i = 0; i + 1 < f.size(); ++i) stored += f[i].bytes.size();
  CHECK(m["languages"]["en"]["gzip_bytes"] == stored);

  // Display parts under kDictionaryMinBytes: gzip members, and no dictionary.
  content.indexes[0].parts.resize(3);
  content.indexes[0].parts[2].bytes = "small";
  Result<std::vector<BundleFile>> small = bundle_files(content, marked);
  REQUIRE(small.ok());
  CHECK(small.value()[2].bytes == "gz(small)");
  CHECK(small.value().size() == 4);
  CHECK_FALSE(
      nlohmann::json::parse(small.value().back().bytes)["languages"]["en"].contains("dictionary"));
}

TEST_CASE("train_deflate_dictionary: shared runs, bounded, deterministic", "[bundle]") {
  // Samples sharing one sentence, each with text of its own.
  const std::string shared = "the quick brown fox jumps over the lazy dog near the riverbank; ";
  std::vector<std::string> texts;
  for (int i = 0; i < 200; ++i) {
    std::string own;
    for (int j = 0; j < 12; ++j) own += std::to_string(i * 7919 + j * 104729) + "q";
    texts.push_back(own + shared + shared + own);
  }
  std::vector<std::string_view> samples(texts.begin(), texts.end());
  const std::string d = train_deflate_dictionary(samples, 4096);
  REQUIRE_FALSE(d.empty());
  CHECK(d.size() <= 4096);
  CHECK(d.size() % 48 == 0);
  // Its last run (the most valuable) is of the shared sentence.
  CHECK(std::string(shared + shared).find(d.substr(d.size() - 48)) != std::string::npos);
  CHECK(train_deflate_dictionary(samples, 4096) == d);
  // Past DEFLATE's window no dictionary grows: 1,600 texts of 96 bytes, each twice,
  // so that every run is worth taking (more than twice the window of them).
  std::vector<std::string> pairs;
  for (int i = 0; i < 1600; ++i) {
    std::string t;
    for (int j = 0; j < 12; ++j) t += std::to_string(i * 1000003 + j * 7919).substr(0, 7) + ".";
    pairs.push_back(t.substr(0, 96));
    pairs.push_back(t.substr(0, 96));
  }
  const std::string big =
      train_deflate_dictionary(std::vector<std::string_view>(pairs.begin(), pairs.end()), 1 << 20);
  CHECK(big.size() <= kMaxDeflateDictionaryBytes);
  CHECK(big.size() > kMaxDeflateDictionaryBytes - 48);
  // Nothing shared (every 8 bytes in one sample only): no dictionary.
  CHECK(train_deflate_dictionary({texts[0].substr(0, 60)}, 4096).empty());
  CHECK(train_deflate_dictionary({}, 4096).empty());
}

TEST_CASE("is_display_part: stored and text parts, by the kind the writer gave", "[bundle]") {
  CHECK(is_display_part({"index.en.00000000000000a1/s12", "", PartKind::kStored}));
  CHECK(is_display_part({"t0", "", PartKind::kText}));
  CHECK_FALSE(is_display_part({"index.en.00000000000000a1/p12", "", PartKind::kPostings}));
  CHECK_FALSE(is_display_part({"index.en.00000000000000a1/s", "", PartKind::kLengths}));
  CHECK_FALSE(is_display_part({"dictionary", ""}));
  CHECK_FALSE(is_display_part({"12", ""}));  // the base (no kind)
}
