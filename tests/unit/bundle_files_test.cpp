// build/bundle_files.hpp and build/records_bundle.hpp: which files a bundle
// holds, with which names and bytes (the CLI's and the Node API's one answer).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "build/bundle_files.hpp"
#include "build/records_bundle.hpp"

using namespace osprey;

namespace {

// A stand-in for gzip: marks each input, so the tests see what was compressed.
std::vector<std::string> marked(const std::vector<std::string_view>& raw) {
  std::vector<std::string> out;
  for (std::string_view r : raw) out.push_back("gz(" + std::string(r) + ")");
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
