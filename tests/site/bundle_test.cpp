// Unit tests of tools/site/: osprey.json, the bundle and the single-file page.
// Native only (files are tools/ matters).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "build/deflate_dictionary.hpp"
#include "gzip.hpp"
#include "site/bundle.hpp"
#include "site/config.hpp"
#include "site/single_file.hpp"
#include "site_fixtures.hpp"

namespace fs = std::filesystem;
using namespace osprey;
using namespace osprey::site;
using namespace osprey::site::test;

TEST_CASE("osprey.json reads both modes, relative to its folder", "[site][config]") {
  TempDir tmp("config");
  write(tmp.path / "osprey.json",
        R"({"site": "public", "exclude": ["drafts/", "genindex*"], "include": "**/*.htm*",
            "base_path": "/docs/", "language": "fr", "max_file_size": 1000,
            "page_time_limit": 2.5,
            "section_text": false,
            "bundle": "public/search", "single_file": "offline.html", "title": "Find"})");
  Result<Config> c = read_config((tmp.path / "osprey.json").string());
  REQUIRE(c.ok());
  CHECK(c.value().site == (tmp.path / "public").string());
  CHECK(c.value().bundle == (tmp.path / "public/search").string());
  CHECK(c.value().single_file == (tmp.path / "offline.html").string());
  CHECK(c.value().exclude == std::vector<std::string>{"drafts/", "genindex*"});
  CHECK(c.value().include == std::vector<std::string>{"**/*.htm*"});
  CHECK(c.value().language == "fr");
  CHECK(c.value().max_file_size == 1000);
  CHECK(c.value().page_time_limit == 2.5);
  CHECK_FALSE(c.value().section_text);

  auto err = [&](const std::string& text) {
    write(tmp.path / "bad.json", text);
    Result<Config> r = read_config((tmp.path / "bad.json").string());
    REQUIRE_FALSE(r.ok());
    return r.error().message.substr(tmp.path.string().size() + 1);
  };
  CHECK(err(R"({"sitee": "x"})") == "bad.json: unknown key \"sitee\" (see docs/config.md)");
  CHECK(err(R"({"site": "a", "input": "b"})") ==
        "bad.json: \"site\" and \"input\" are both set; choose one");
  CHECK(err(R"({"language": "English"})") ==
        "bad.json: \"language\" must be a language code of 2 to 8 letters a-z, like \"en\"");
  CHECK(err(R"({"exclude": [1]})") ==
        "bad.json: \"exclude\" must be a glob or a list of globs (non-empty strings)");
  CHECK(err(R"({"max_file_size": -1})") ==
        "bad.json: \"max_file_size\" must be a positive number of bytes");
  CHECK(err(R"({"page_time_limit": 0})") ==
        "bad.json: \"page_time_limit\" must be a number of seconds from 0.001 to 86400");
  CHECK(err(R"({"section_text": "no"})") == "bad.json: \"section_text\" must be true or false");
  CHECK(err(R"({"page_time_limit": "10"})") ==
        "bad.json: \"page_time_limit\" must be a number of seconds from 0.001 to 86400");
  CHECK(err(R"({"schema": {"id": "x", "fields": []}})") == "bad.json: schema: \"fields\" is empty");
  CHECK(err("{\n  \"site\": }") ==
        "bad.json:2:11: syntax error while parsing value - unexpected '}'; expected '[', '{', or a "
        "literal");

  // The older --config form: a bare schema.
  write(tmp.path / "schema.json",
        R"({"id": "u", "fields": [{"name": "u", "weight": 1, "stored": true}]})");
  Result<Config> bare = read_config((tmp.path / "schema.json").string());
  REQUIRE(bare.ok());
  REQUIRE(bare.value().schema.has_value());
  CHECK(bare.value().schema->id_field == "u");
}

TEST_CASE("gzip members: reproducible bytes, bounded and checked inflating", "[site][gzip]") {
  const std::string text = "osprey" + std::string(5000, 'x');
  const std::string member = cli::gzip(text);
  // 1f 8b, deflate, no flags, mtime 0, XFL 2 (level 9), OS 255.
  CHECK(member.substr(0, 10) == std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10));
  CHECK(cli::gzip(text) == member);
  CHECK(cli::is_gzip(member));
  CHECK_FALSE(cli::is_gzip(text));
  Result<std::string> back = cli::gunzip(member);
  REQUIRE(back.ok());
  CHECK(back.value() == text);
  CHECK(cli::gunzip(cli::gzip("")).value().empty());
  // Past max_bytes, truncated at every byte, anything after the member.
  CHECK(cli::gunzip(member, 4999).error().message == "decompresses past 4,999 bytes");
  CHECK(cli::gunzip(member, 5006).ok());
  for (std::size_t cut = 0; cut < member.size(); ++cut) {
    Result<std::string> r = cli::gunzip(member.substr(0, cut));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kCorruptIndex);
    CHECK(r.error().message == "gzip data is truncated or corrupt");
  }
  CHECK(cli::gunzip(member + "x").error().message == "gzip data is truncated or corrupt");
  std::string garbled = member;
  garbled[garbled.size() - 6] ^= 1;  // the CRC
  CHECK(cli::gunzip(garbled).error().message == "gzip data is truncated or corrupt");
}

TEST_CASE("dictionary-deflated parts: raw DEFLATE against a dictionary, bounded, checked",
          "[site][gzip]") {
  // Made-up text (a fixed LCG); the part holds a stretch of it.
  std::string dictionary;
  uint32_t seed = 7;
  while (dictionary.size() < 8000) {
    seed = seed * 1103515245u + 12345u;
    dictionary += static_cast<char>('a' + (seed >> 16) % 26);
    if ((seed >> 8) % 7 == 0) dictionary += ' ';
  }
  const std::string part = "osprey" + dictionary.substr(3000, 1500);
  const std::string deflated = cli::deflate_raw(part, dictionary);
  CHECK(deflated.size() < cli::deflate_raw(part, "").size() / 10);  // the dictionary serves
  CHECK(cli::deflate_raw(part, dictionary) == deflated);
  const std::string file = dictionary_deflated_file(part.size(), deflated);
  CHECK(file.substr(0, 8) ==
        std::string("OZD\x01", 4) + std::string(1, static_cast<char>(part.size() & 0xff)) +
            std::string(1, static_cast<char>(part.size() >> 8)) + std::string(2, '\0'));
  CHECK(is_dictionary_deflated(file));
  CHECK_FALSE(cli::is_gzip(file));
  Result<std::string> back = cli::inflate_with_dictionary(file, dictionary);
  REQUIRE(back.ok());
  CHECK(back.value() == part);
  // The stated size past max_bytes; truncated at every byte; anything after;
  // a size other than what comes out; the wrong dictionary (the part's CRC-32
  // would catch bytes that still inflate).
  CHECK(cli::inflate_with_dictionary(file, dictionary, part.size() - 1).error().message ==
        "decompresses past " + with_commas(part.size() - 1) + " bytes");
  const std::string bad = "dictionary-deflated data is truncated or corrupt";
  for (std::size_t cut = 0; cut < file.size(); ++cut) {
    Result<std::string> r = cli::inflate_with_dictionary(file.substr(0, cut), dictionary);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kCorruptIndex);
    CHECK(r.error().message == bad);
  }
  CHECK(cli::inflate_with_dictionary(file + "x", dictionary).error().message == bad);
  for (uint64_t size : {part.size() - 1, part.size() + 1}) {
    CHECK(cli::inflate_with_dictionary(dictionary_deflated_file(size, deflated), dictionary)
              .error()
              .message == bad);
  }
  Result<std::string> other =
      cli::inflate_with_dictionary(file, std::string(dictionary.size(), 'z'));
  CHECK((!other.ok() || other.value() != part));

  // read_index_file takes the dictionary from the part's folder, once.
  TempDir tmp("deflated");
  write(tmp.path / "s3", file);
  std::string held;
  CHECK(cli::read_index_file((tmp.path / "s3").string(), &held).error().message ==
        (tmp.path / "s3").string() + ": its dictionary: " + (tmp.path / "dictionary").string() +
            ": No such file or directory");
  write(tmp.path / "dictionary", cli::gzip(dictionary));
  CHECK(cli::read_index_file((tmp.path / "s3").string(), &held).value() == part);
  CHECK(held == dictionary);
  CHECK(cli::read_index_file((tmp.path / "s3").string()).value() == part);
  // A dictionary that is not a gzip member is refused (never read as a part).
  write(tmp.path / "dictionary", file);
  CHECK(cli::read_index_file((tmp.path / "s3").string()).error().message ==
        (tmp.path / "s3").string() + ": its dictionary: gzip data is truncated or corrupt");
}

TEST_CASE("a bundle holds hashed indexes, the assets and a manifest", "[site][bundle]") {
  TempDir tmp("bundle");
  const fs::path assets = tmp.path / "web";
  for (const char* f :
       {"osprey.js", "osprey-worker.js", "osprey-core.js", "engine/osprey-engine.js",
        "engine/osprey-engine.wasm", "widget/a.js", "widget/sub/b.js", "dist/osprey.js",
        "dist/osprey-chunk-1.js", "strings/de.json"}) {
    write(assets / f, std::string("// ") + f);
  }
  CHECK(find_assets(assets.string()).ok());
  CHECK_FALSE(find_assets((tmp.path / "nowhere").string()).ok());

  BundleSpec spec;
  spec.dir = tmp.path / "out";
  spec.assets = assets;
  // en: one file; fr: sharded, a base and two parts in the folder its id names.
  spec.indexes = {{"en", {{"00000000000000e1", "EN1"}}, 3, 2},
                  {"fr",
                   {{"00000000000000f1", "FR"},
                    {"index.fr.00000000000000f1/p0", "P0"},
                    {"index.fr.00000000000000f1/s0", "S0"}},
                   1,
                   1}};
  spec.default_language = "en";
  spec.site_root = "../";
  spec.fields = {{"url", "url"}};
  spec.filters = {"category"};
  spec.generator = "osprey test";
  Result<BundleReport> r = write_bundle(spec);
  REQUIRE(r.ok());
  const std::string en_name = "index.en.00000000000000e1.osp";
  // Index files are gzip members (the rest as they are).
  auto inflated = [&](const fs::path& p) {
    Result<std::string> bytes = cli::read_index_file(p.string());
    CHECK(cli::is_gzip(read(p)));
    return bytes.ok() ? bytes.value() : bytes.error().message;
  };
  CHECK(inflated(spec.dir / en_name) == "EN1");
  CHECK(inflated(spec.dir / "index.fr.00000000000000f1.osp") == "FR");
  CHECK(inflated(spec.dir / "index.fr.00000000000000f1/s0") == "S0");
  CHECK(read(spec.dir / en_name) == cli::gzip("EN1"));
  CHECK(read(spec.dir / "widget/sub/b.js") == "// widget/sub/b.js");
  CHECK(read(spec.dir / "strings/de.json") == "// strings/de.json");  // the widget's UI strings
  CHECK(read(spec.dir / "engine/osprey-engine.wasm") == "// engine/osprey-engine.wasm");
  // dist/ (scripts/bundle-web.mjs) goes to the top, over the source of the same name.
  CHECK(read(spec.dir / "osprey.js") == "// dist/osprey.js");
  CHECK(read(spec.dir / "osprey-chunk-1.js") == "// dist/osprey-chunk-1.js");
  CHECK(read(spec.dir / "osprey-worker.js") == "// osprey-worker.js");
  CHECK_FALSE(fs::exists(spec.dir / "dist"));
  CHECK(r.value().written.back() == "osprey-manifest.json");
  nlohmann::json m = nlohmann::json::parse(read(spec.dir / "osprey-manifest.json"));
  CHECK(m["format"] == "osprey-bundle");
  CHECK(m["version"] == 1);
  CHECK(m["default_language"] == "en");
  CHECK(m["site_root"] == "../");
  CHECK(m["languages"]["en"] == nlohmann::json{{"index", en_name},
                                               {"bytes", 3},
                                               {"gzip_bytes", 23},
                                               {"documents", 3},
                                               {"pages", 2},
                                               {"stemmer", "english"}});
  CHECK(m["languages"]["fr"]["parts"] == 2);
  CHECK(m["languages"]["fr"]["stemmer"] == "french");
  CHECK(m["languages"]["fr"]["bytes"] == 6);
  CHECK(m["filters"] == nlohmann::json{"category"});
  CHECK(m["files"]["widget/sub/b.js"] == content_hash("// widget/sub/b.js"));
  CHECK(m["files"]["osprey.js"] == content_hash("// dist/osprey.js"));
  CHECK_FALSE(m["files"].contains("dist/osprey.js"));
  CHECK(std::count(r.value().written.begin(), r.value().written.end(), "osprey.js") == 1);

  // A second run with other bytes replaces the index files of the first.
  write(spec.dir / "index.keep.json", "not ours");
  spec.indexes = {{"en", {{"00000000000000e2", "EN2"}}, 3, 2}};
  Result<BundleReport> again = write_bundle(spec);
  REQUIRE(again.ok());
  CHECK(again.value().removed.size() == 3);  // en's file, fr's base and its parts folder
  CHECK_FALSE(fs::exists(spec.dir / en_name));
  CHECK_FALSE(fs::exists(spec.dir / "index.fr.00000000000000f1"));
  CHECK(fs::exists(spec.dir / "index.keep.json"));

  // A file in the way that no bundle wrote is never overwritten; ours are.
  write(tmp.path / "theirs/osprey.js", "their own script");
  BundleSpec theirs = spec;
  theirs.dir = tmp.path / "theirs";
  Result<BundleReport> refused = write_bundle(theirs);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        (theirs.dir / "osprey.js").string() +
            ": exists and was not written by osprey; not overwritten (move it away, or write the "
            "bundle to another folder with --bundle DIR)");
  CHECK(read(theirs.dir / "osprey.js") == "their own script");
  CHECK_FALSE(fs::exists(theirs.dir / "osprey-manifest.json"));
  write(spec.dir / "osprey.js", "changed by hand since");
  CHECK(write_bundle(spec).ok());

  // An asset the next run no longer has is removed with the index files, so
  // that a later run that has it again (other bytes) is not refused.
  fs::remove(assets / "widget/sub/b.js");
  Result<BundleReport> fewer = write_bundle(spec);
  REQUIRE(fewer.ok());
  CHECK(fewer.value().removed == std::vector<std::string>{"widget/sub/b.js"});
  CHECK_FALSE(fs::exists(spec.dir / "widget/sub/b.js"));
  write(assets / "widget/sub/b.js", "// widget/sub/b.js, version 2");
  REQUIRE(write_bundle(spec).ok());
  CHECK(read(spec.dir / "widget/sub/b.js") == "// widget/sub/b.js, version 2");

  fs::remove(assets / "engine/osprey-engine.wasm");
  Result<BundleReport> missing = write_bundle(spec);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("engine/osprey-engine.wasm is missing") != std::string::npos);
}

TEST_CASE("the single-file page embeds scripts and indexes that cannot break out",
          "[site][single]") {
  CHECK(json_for_script(R"({"a":"</script><!--x"})") == R"({"a":"\u003c/script>\u003c!--x"})");
  CHECK(js_for_script("var s = '</SCRIPT>' + '<!--';").value() ==
        "var s = '<\\/SCRIPT>' + '<\\!--';");

  TempDir tmp("single");
  write(tmp.path / "engine/osprey-engine-single.js", "var OspreyEngine = '</script>';");
  write(tmp.path / "widget/fetch.js", "var OspreyFetch = '</script>';");
  write(tmp.path / "osprey-core.js", "var OspreyCore = 1;");
  SingleFileSpec spec{tmp.path,
                      {{"en", {{"00000000000000e1", R"({"t":"<b>{{TITLE}}</b>"})"}}, 1, 1}},
                      "en",
                      "Find <things> & \"more\"",
                      std::string("../"),
                      {{"url", "url"}}};
  Result<std::string> html = single_file_html(spec);
  REQUIRE(html.ok());
  const std::string& h = html.value();
  CHECK(h.find("<title>Find &lt;things&gt; &amp; &quot;more&quot;</title>") != std::string::npos);
  CHECK(
      h.find(
          R"(<script type="application/octet-stream" class="osprey-index" data-lang="en">eyJ0IjoiPGI+e3tUSVRMRX19PC9iPiJ9</script>)") !=
      std::string::npos);
  CHECK(h.find("var OspreyEngine = '<\\/script>';") != std::string::npos);
  // widget/fetch.js (OspreyError, which osprey-core.js takes) comes first.
  REQUIRE(h.find("var OspreyFetch = '<\\/script>';") != std::string::npos);
  CHECK(h.find("var OspreyFetch = '<\\/script>';") < h.find("var OspreyCore = 1;"));
  CHECK(h.find(R"("siteRoot":"../")") != std::string::npos);
  // No placeholder is left, and no external resource is referenced.
  // (The index's own "{{TITLE}}" is base64 in the page: never read as one.)
  for (const char* p : {"{{LANG}}", "{{TITLE}}", "{{CONFIG}}", "{{INDEXES}}", "{{ENGINE}}",
                        "{{CORE}}", " src=", "http://", "https://"}) {
    INFO(p);
    CHECK(h.find(p) == std::string::npos);
  }
  // Every <script> closes where it should: as many "</script>" as "<script".
  std::size_t opens = 0, closes = 0;
  for (std::size_t i = h.find("<script"); i != std::string::npos; i = h.find("<script", i + 1))
    ++opens;
  for (std::size_t i = h.find("</script>"); i != std::string::npos; i = h.find("</script>", i + 1))
    ++closes;
  CHECK(opens == 5);
  CHECK(closes == 5);

  fs::remove(tmp.path / "widget/fetch.js");
  CHECK_FALSE(single_file_html(spec).ok());
  fs::remove(tmp.path / "engine/osprey-engine-single.js");
  CHECK_FALSE(single_file_html(spec).ok());
}
