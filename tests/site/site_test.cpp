// Unit tests of tools/site/: globs, the walk, byte decoding, HTML extraction,
// site records, config files, bundles and the single-file page. Native only
// (Gumbo and files are tools/ matters). Fixtures: tests/fixtures/sites/.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "build/codec.hpp"
#include "file_io.hpp"
#include "gzip.hpp"
#include "parallel.hpp"
#include "query/search.hpp"
#include "site/bundle.hpp"
#include "site/config.hpp"
#include "site/decode.hpp"
#include "site/glob.hpp"
#include "site/html_extract.hpp"
#include "site/single_file.hpp"
#include "site/site_index.hpp"
#include "site/walk.hpp"

namespace fs = std::filesystem;
using namespace osprey;
using namespace osprey::site;

namespace {

const fs::path kSites = fs::path(OSPREY_SOURCE_DIR) / "tests/fixtures/sites";

// A fresh folder under the system temp dir, removed at scope exit.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path =
        fs::temp_directory_path() / ("osprey-site-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The urls of the documents that match every word of query, in rank order.
std::vector<std::string> urls(const Index& ix, const std::string& query) {
  SearchOptions o;
  o.limit = 20;
  o.typos = false;
  auto r = search(ix, query, o);
  REQUIRE(r.ok());
  std::vector<std::string> out;
  for (const Hit& h : r.value().hits) {
    if (!h.full) continue;
    for (const auto& [name, value] : stored_fields(ix, h.doc)) {
      if (name == "url") out.emplace_back(value);
    }
  }
  return out;
}

std::string stored(const Index& ix, const std::string& url, const std::string& field) {
  const int id = ix.schema.find("url");
  const int f = ix.schema.find(field);
  REQUIRE(id >= 0);
  REQUIRE(f >= 0);
  for (uint32_t d = 0; d < ix.doc_count; ++d) {
    if (ix.stored[id][d] == url) return ix.stored[f][d].value_or("<null>");
  }
  FAIL("no document " << url);
  return "";
}

const LanguageIndex& language(const SiteResult& r, const std::string& lang) {
  for (const LanguageIndex& li : r.indexes) {
    if (li.language == lang) return li;
  }
  FAIL("no index for " << lang);
  return r.indexes.front();
}

}  // namespace

TEST_CASE("parallel_for runs every job once, with a watching caller", "[site][parallel]") {
  // Whether the watching caller returns as soon as the last job ends (not at
  // its next 50 ms tick) is a speed property: bench/ measures it, not this test.
  std::vector<std::atomic<int>> runs(200);
  std::size_t last_seen = 0;
  osprey::cli::parallel_for(
      runs.size(), 2,
      [&](std::size_t i) {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        ++runs[i];
      },
      [&](std::size_t done) {
        CHECK(done <= runs.size());
        CHECK(done >= last_seen);
        last_seen = done;
      });
  for (const std::atomic<int>& r : runs) CHECK(r == 1);

  CHECK_THROWS_WITH(osprey::cli::parallel_for(
                        100, 2,
                        [&](std::size_t i) {
                          if (i == 3) throw std::runtime_error("job 3");
                        },
                        [](std::size_t) {}),
                    "job 3");
}

TEST_CASE("globs match relative paths like gitignore patterns", "[site][glob]") {
  CHECK(glob_match("*.html", "a/b/c.html"));
  CHECK(glob_match("*.html", "c.html"));
  CHECK_FALSE(glob_match("*.html", "c.htm"));
  CHECK(glob_match("genindex*", "genindex-A.html"));
  CHECK_FALSE(glob_match("genindex*", "library/index.html"));
  CHECK(glob_match("**/*.html", "index.html"));
  CHECK(glob_match("**/*.html", "a/b/index.html"));
  CHECK(glob_match("docs/*.html", "docs/a.html"));
  CHECK_FALSE(glob_match("docs/*.html", "docs/x/a.html"));
  CHECK(glob_match("docs/**/*.html", "docs/x/y/a.html"));
  CHECK(glob_match("docs/**/*.html", "docs/a.html"));
  CHECK(glob_match("/docs/a.html", "docs/a.html"));
  CHECK(glob_match("drafts/", "drafts/a.html"));
  CHECK(glob_match("drafts/", "blog/drafts/a.html"));
  CHECK_FALSE(glob_match("drafts/", "drafts.html"));
  CHECK(glob_match("blog/drafts/", "blog/drafts/x/a.html"));
  CHECK_FALSE(glob_match("blog/drafts/", "drafts/a.html"));
  CHECK(glob_match("page-?.html", "page-1.html"));
  CHECK_FALSE(glob_match("page-?.html", "page-10.html"));
  CHECK(glob_match("page-[0-9].html", "page-7.html"));
  CHECK_FALSE(glob_match("page-[!0-9].html", "page-7.html"));
  CHECK(glob_match("page-[!0-9].html", "page-x.html"));
  CHECK_FALSE(glob_match("a*/b.html", "a/x/b.html"));  // '*' never crosses '/'
  CHECK(glob_match("a/**", "a/x/y"));
  CHECK_FALSE(glob_match("", "a"));
  CHECK(glob_any({"x", "*.html"}, "a.html"));
}

TEST_CASE("the walk finds matching files in order, skipping hidden ones and the bundle",
          "[site][walk]") {
  WalkOptions o;
  WalkResult r = walk_site(kSites / "basic", o);
  CHECK(r.files == std::vector<std::string>{"body-only.html", "drafts/wip.html", "fr/index.html",
                                            "guide/index.html", "index.html"});
  CHECK(r.warnings.empty());
  o.exclude = {"drafts/"};
  o.skip = kSites / "basic/guide";
  CHECK(walk_site(kSites / "basic", o).files ==
        std::vector<std::string>{"body-only.html", "fr/index.html", "index.html"});
  o = {};
  o.include = {"*.txt"};
  CHECK(walk_site(kSites / "basic", o).files ==
        std::vector<std::string>{"assets/README.txt", "notes.txt"});

  TempDir tmp("walk");
  write(tmp.path / "a/x.html", "x");
  fs::create_directory_symlink(tmp.path, tmp.path / "a/loop");
  WalkResult looped = walk_site(tmp.path, {});
  CHECK(looped.files == std::vector<std::string>{"a/x.html"});
  REQUIRE(looped.warnings.size() == 1);
  CHECK(looped.warnings[0].message == "symbolic link loop; not followed");
  CHECK(looped.warnings[0].path == "a/loop");
}

TEST_CASE("the walk stays inside the site and never opens special files", "[site][walk]") {
  TempDir tmp("walk-out");
  write(tmp.path / "site/in.html", "x");
  write(tmp.path / "private/secret.html", "x");
  fs::create_directory_symlink(tmp.path / "private", tmp.path / "site/private");
  fs::create_symlink(tmp.path / "private/secret.html", tmp.path / "site/leak.html");
  fs::create_symlink("in.html", tmp.path / "site/alias.html");
  REQUIRE(mkfifo((tmp.path / "site/fifo.html").c_str(), 0600) == 0);
  WalkResult r = walk_site(tmp.path / "site", {});
  CHECK(r.files == std::vector<std::string>{"alias.html", "in.html"});
  std::vector<std::string> got;
  for (const WalkWarning& w : r.warnings) got.push_back(w.path + " " + w.kind + ": " + w.message);
  const std::string out = fs::canonical(tmp.path).string();
  CHECK(got == std::vector<std::string>{
                   "fifo.html special: a FIFO, not a regular file; skipped",
                   "leak.html link: symbolic link to " + out +
                       "/private/secret.html, outside the site; skipped (--follow-symlinks "
                       "follows it)",
                   "private link: symbolic link to " + out +
                       "/private, outside the site; skipped (--follow-symlinks follows it)"});
  WalkOptions follow;
  follow.follow_symlinks = true;
  CHECK(walk_site(tmp.path / "site", follow).files ==
        std::vector<std::string>{"alias.html", "in.html", "leak.html", "private/secret.html"});
}

TEST_CASE("page bytes become UTF-8 text, or are refused as binary", "[site][decode]") {
  CHECK(decode_page("<p>plain</p>").text == "<p>plain</p>");
  CHECK(decode_page("\xEF\xBB\xBF<p>bom</p>").text == "<p>bom</p>");
  CHECK(decode_page(std::string("\x89PNG\r\n\x1a\n\0\0", 10)).binary);
  CHECK(decode_page("\x01\x02\x03\x04\x05\x06\x07\x08 text").binary);

  DecodedPage bad = decode_page("line one\ncaf\xE9 and \xFF\xFE ok");
  CHECK(bad.replaced == 3);  // each ill-formed byte here is its own subpart
  CHECK(bad.first_bad_line == 2);
  CHECK(bad.text == "line one\ncaf\xEF\xBF\xBD and \xEF\xBF\xBD\xEF\xBF\xBD ok");
  // Bytes after long ASCII runs (stepped over 8 at a time) are still checked,
  // and the line of the first bad one is still counted.
  DecodedPage late = decode_page("0123456789abcdef\n0123456789abcdef\nxyz\xC3(0123456789\n\xFF");
  CHECK(late.replaced == 2);
  CHECK(late.first_bad_line == 3);
  CHECK(late.text ==
        "0123456789abcdef\n0123456789abcdef\nxyz\xEF\xBF\xBD(0123456789\n\xEF\xBF\xBD");
  CHECK(decode_page("0123456789abcdef\xC3\xA9").replaced == 0);
  // A literal U+FFFD is not a replacement.
  CHECK(decode_page("\xEF\xBF\xBD").replaced == 0);

  DecodedPage latin = decode_page("<meta charset=\"ISO-8859-1\">caf\xE9 \x93q\x94");
  CHECK(latin.replaced == 0);
  CHECK(latin.charset == "iso-8859-1");
  CHECK(latin.text == "<meta charset=\"ISO-8859-1\">caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");

  DecodedPage sjis = decode_page("<meta charset=shift_jis>abc");
  CHECK(sjis.unsupported_charset);
  CHECK(decode_page("<meta charset=utf-8>abc").unsupported_charset == false);

  const std::string utf16le("\xFF\xFE<\0p\0>\0\xE9\0\x3D\xD8\x00\xDE", 14);
  CHECK(decode_page(utf16le).text == "<p>\xC3\xA9\xF0\x9F\x98\x80");
}

TEST_CASE("content comes from main, else from body without its furniture", "[site][extract]") {
  PageContent p = extract_page(read(kSites / "basic/index.html"));
  CHECK(p.lang == "en");
  CHECK(p.title == "Osprey Field Guide");  // the first <h1> of main, permalink left out
  CHECK(p.text.find("The osprey is a fish-eating bird") == 0);
  for (const char* absent :
       {"sitenavword", "Birdwatch", "scriptword", "noscriptword", "templateword", "ignoredword",
        "sidebarword", "footerword", "color", "¶"}) {
    CHECK(p.text.find(absent) == std::string::npos);
  }
  CHECK(p.text.find("asideword inside main is content") != std::string::npos);
  CHECK(p.text.find("Hunting without an anchor They hover") != std::string::npos);
  REQUIRE(p.sections.size() == 3);
  CHECK(p.sections[0].anchor == "nesting");  // the heading's id
  CHECK(p.sections[1].anchor == "diet");     // its parent <section id>
  CHECK(p.sections[1].heading == "Diet");
  CHECK(p.sections[2].anchor == "migration");  // an aria-hidden permalink
  CHECK(p.sections[2].heading == "Migration");
  CHECK(p.text.substr(p.sections[0].offset, 14) == "Nesting habits");
  CHECK(p.text.substr(p.sections[1].offset, 4) == "Diet");
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0] ==
        "heading \"Nesting again\" repeats the anchor #nesting; it starts no section");
  REQUIRE(p.meta.size() == 1);
  CHECK(p.meta[0].key == "description");

  PageContent plain = extract_page(read(kSites / "basic/body-only.html"));
  CHECK(plain.title == "Plain page without main");  // no <h1>: <title>
  CHECK(plain.text ==
        "Bodyfallback text about kestrels, which hover like ospreys. Kestrels Small falcons.");
}

TEST_CASE("data attributes give title, body, metadata, filters, sorts and weights",
          "[site][extract]") {
  PageContent p = extract_page(read(kSites / "basic/guide/index.html"));
  CHECK(p.lang == "en-GB");
  CHECK(p.title == "Watching Ospreys: A Guide");
  CHECK(p.text.find("outsidebodyword") == std::string::npos);
  CHECK(p.text.find("secondregionword") != std::string::npos);
  CHECK(p.text.find("Not the title, an ordinary heading") == 0);
  CHECK(p.text.find("Telescope") == std::string::npos);
  REQUIRE(p.weighted.size() == 1);
  CHECK(p.weighted[0].weight == 5.0);
  CHECK(p.weighted[0].text == "Telescope recommended for distant nests.");
  auto keys = [](const std::vector<DataValue>& v) {
    std::vector<std::string> out;
    for (const DataValue& d : v) out.push_back(d.key + "=" + d.value + (d.url ? " (url)" : ""));
    return out;
  };
  // Explicit attributes first, then <meta> tags, then <time>.
  CHECK(keys(p.meta) ==
        std::vector<std::string>{"author=Ada Birder", "image=../assets/osprey.png (url)",
                                 "image=../assets/cover.png (url)", "author=Meta Tag Author",
                                 "date=2023-04-01", "date=2024-05-06"});
  CHECK(keys(p.filters) == std::vector<std::string>{"category=Guides", "category=Field work"});
  CHECK(keys(p.sorts) == std::vector<std::string>{"date=2024-05-06"});
  CHECK(p.warnings ==
        std::vector<std::string>{
            "data-osprey-meta=\"Bad Key!\": \"bad key!\" is not a key (a letter, then "
            "letters, digits, _ or -; at most 40)",
            "data-osprey-meta=\"title\": \"title\" is a reserved field name (mark the "
            "title with data-osprey-title)",
            "data-osprey-weight=\"lots\" is not a number above 0 and at most 10; ignored"});
  REQUIRE(p.sections.size() == 1);
  CHECK(p.sections[0].anchor == "equipment");
}

TEST_CASE("broken markup is read as a browser would", "[site][extract]") {
  PageContent p = extract_page(read(kSites / "broken/unclosed.html"));
  CHECK(p.markup_errors == 5);
  CHECK(p.title == "Broken markup");  // the unclosed <h1> swallows the page; its blocks are text
  CHECK(
      p.text ==
      "First paragraph with a div inside cellword second unclosedword & an ampersand never closed");
  CHECK(extract_page("").text.empty());
  CHECK(extract_page("just text, no tags").text == "just text, no tags");
  CHECK(extract_page("<p>a<br>b</p><div>c</div>d<span>e</span>").text == "a b c de");
}

TEST_CASE("nesting depth is estimated before parsing, and deep pages are refused",
          "[site][extract]") {
  CHECK(estimate_depth("<div><div></div></div><div></div>") == 2);
  CHECK(estimate_depth("<p><p><p><li><li><br><img>") == 0);  // end tags optional, void
  CHECK(estimate_depth("<div/><x-y><script><div><div></script></x-y>") == 2);  // x-y, script
  for (const char* flat :
       {"area",     "base",    "br",      "col",    "embed", "hr",    "img",    "input",
        "link",     "meta",    "param",   "source", "track", "wbr",   "keygen", "frame",
        "basefont", "bgsound", "command", "p",      "li",    "dt",    "dd",     "option",
        "optgroup", "tr",      "td",      "th",     "tbody", "thead", "tfoot",  "colgroup",
        "caption",  "rb",      "rt",      "rtc",    "rp",    "html",  "head",   "body"}) {
    const std::string tag = std::string("<") + flat + ">";
    CAPTURE(flat);
    CHECK(estimate_depth(tag + tag + tag + "<div>") == 1);
  }
  for (const char* nesting : {"div", "span", "pre", "dl", "ul", "table", "section", "articles"}) {
    const std::string tag = std::string("<") + nesting + ">";
    CAPTURE(nesting);
    CHECK(estimate_depth(tag + tag + tag) == 3);
  }
  CHECK(estimate_depth("<!-- <div><div> --><b title='<i>'>") == 1);
  // Quoted values may hold '>' and the other quote; an unclosed one runs to the end.
  CHECK(estimate_depth("<div title=\"a>'b\"><div class='x>\"' id=y><span>") == 3);
  CHECK(estimate_depth("<div title=\"x\"/><div a='1'/><div>") == 1);
  CHECK(estimate_depth("<div><div title=\"oops><div><div>") == 2);
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "<b>";
  CHECK(estimate_depth(deep) == 2000);
  CHECK(extract_page(deep).too_deep);
  CHECK(extract_page(read(kSites / "broken/deep.html")).too_deep);
}

TEST_CASE("page URLs and language codes", "[site]") {
  CHECK(page_url("index.html", "") == "./");
  CHECK(page_url("docs/index.html", "") == "docs/");
  CHECK(page_url("docs/a b.html", "") == "docs/a%20b.html");
  CHECK(page_url("caf\xC3\xA9.html", "") == "caf%C3%A9.html");
  CHECK(page_url("docs/index.html", "/site") == "/site/docs/");
  CHECK(page_url("index.html", "/site/") == "/site/");
  CHECK(page_url("myindex.html", "") == "myindex.html");
  // A ':' in the first segment would read as a scheme: javascript:, data:.
  CHECK(page_url("javascript:alert(1).html", "") == "javascript%3Aalert(1).html");
  CHECK(page_url("data:a:b/c:d.html", "") == "data%3Aa%3Ab/c:d.html");
  CHECK(page_url("https:evil.example/index.html", "/site/") == "/site/https%3Aevil.example/");
  CHECK(page_url("docs/a:b.html", "") == "docs/a:b.html");
  CHECK(language_code("en-US") == "en");
  CHECK(language_code("FR") == "fr");
  CHECK(language_code("zh-Hant-TW") == "zh");
  CHECK(language_code("123").empty());
  CHECK(language_code("").empty());
}

TEST_CASE("a site becomes one index per language, pages and sections", "[site][index]") {
  SiteOptions o;
  o.root = kSites / "basic";
  o.walk.exclude = {"drafts/"};
  SiteResult r = index_site(o);
  CHECK(r.files == 4);
  CHECK(r.pages == 4);
  CHECK(r.skipped == 0);
  REQUIRE(r.indexes.size() == 2);
  CHECK(r.indexes[0].language == "en");
  CHECK(r.indexes[1].language == "fr");
  CHECK(r.filters == std::vector<std::string>{"category"});
  CHECK(r.sorts == std::vector<std::string>{"date"});
  CHECK(r.meta == std::vector<std::string>{"author", "date", "description", "image"});

  const Index& en = language(r, "en").index;
  CHECK(en.schema.language == "en");
  CHECK(language(r, "fr").index.schema.language == "fr");
  // 3 pages, 5 sections.
  CHECK(en.doc_count == 8);
  CHECK(urls(en, "stick nests") == std::vector<std::string>{"./"});
  CHECK(urls(en, "nesting habits")[0] == "./#nesting");
  // A heading that is the query: its section first, then its page.
  CHECK(urls(en, "migration") == std::vector<std::string>{"./#migration", "./"});
  CHECK(urls(en, "equipment")[0] == "guide/#equipment");
  CHECK(urls(en, "telescope") == std::vector<std::string>{"guide/"});
  CHECK(urls(en, "kestrels") ==
        std::vector<std::string>{"body-only.html#kestrels", "body-only.html"});
  CHECK(urls(en, "secondregionword") == std::vector<std::string>{"guide/"});
  CHECK(urls(en, "footerword").empty());
  CHECK(urls(en, "balbuzard").empty());
  CHECK(urls(language(r, "fr").index, "balbuzard")[0] == "fr/");

  CHECK(stored(en, "./", "title") == "Osprey Field Guide");
  CHECK(stored(en, "./#diet", "section") == "Diet");
  CHECK(stored(en, "./#diet", "page_title") == "Osprey Field Guide");
  CHECK(stored(en, "./#diet", "page") == "./");
  CHECK(stored(en, "./", "anchors") ==
        R"([[85,"nesting","Nesting habits"],[175,"diet","Diet"],[301,"migration","Migration"]])");
  CHECK(stored(en, "guide/", "author") == "Ada Birder");
  CHECK(stored(en, "guide/", "image") == "assets/osprey.png");  // relative to the site root
  CHECK(stored(en, "guide/", "category") == "Guides, Field work");
  CHECK(stored(en, "guide/", "date") == "2024-05-06");  // data-osprey-sort over <meta>
  CHECK(stored(en, "guide/#equipment", "category") == "Guides, Field work");
  CHECK(stored(en, "./", "description") == "Everything about the osprey, the fish hawk.");
  CHECK(stored(en, "guide/", "body_w5") == "Telescope recommended for distant nests.");
  CHECK(en.schema.fields[en.schema.find("body_w5")].weight == 5.0);
  CHECK(en.schema.fields[en.schema.find("category")].facet);
  CHECK(en.schema.fields[en.schema.find("date")].sortable);

  std::vector<std::string> kinds;
  for (const SiteWarning& w : r.warnings) kinds.push_back(w.file + " " + w.kind);
  CHECK(kinds == std::vector<std::string>{"guide/index.html attribute",
                                          "guide/index.html attribute",
                                          "guide/index.html attribute", "index.html attribute"});
}

TEST_CASE("every broken page is a warning with its file, and the rest is indexed",
          "[site][index]") {
  SiteOptions o;
  o.root = kSites / "broken";
  o.max_file_bytes = 16000;
  o.threads = 3;
  SiteResult r = index_site(o);
  std::vector<std::string> got;
  for (const SiteWarning& w : r.warnings) got.push_back(w.file + " " + w.kind + ": " + w.message);
  CHECK(got ==
        std::vector<std::string>{
            "attributes.html attribute: data-osprey-filter=\"tag:data-value\": the element has "
            "no data-value attribute",
            "attributes.html attribute: data-osprey-sort=\":x\": \"\" is not a key (a letter, "
            "then letters, digits, _ or -; at most 40)",
            "attributes.html attribute: data-osprey-weight=\"0\" is not a number above 0 and at "
            "most 10; ignored",
            "attributes.html attribute: data-osprey-weight=\"11\" is not a number above 0 and at "
            "most 10; ignored",
            "bad-utf8.html encoding: invalid UTF-8 from line 3: 3 sequences replaced by U+FFFD",
            "badlang.html language: lang=\"123\" is not a language code; indexed as \"en\"",
            "big.html too-large: 21103 bytes, over the limit of 16000 (max_file_size); skipped",
            "binary.html binary: not text (binary bytes in the first 8 KiB); skipped",
            "deep.html too-deep: elements nested more than 1024 deep (browsers stop at 512); "
            "skipped",
            "empty.html no-text: no text to index; skipped",
            "unclosed.html markup: 5 HTML syntax errors, recovered as a browser does",
            "unsupported-charset.html encoding: charset \"shift_jis\" is not supported; read "
            "as UTF-8"});
  CHECK(r.files == 11);
  CHECK(r.skipped == 4);
  CHECK(r.pages == 7);
  const Index& en = language(r, "en").index;
  CHECK(urls(en, "latinword") == std::vector<std::string>{"latin1.html"});
  CHECK(urls(en, "café") == std::vector<std::string>{"latin1.html"});
  CHECK(urls(en, "utf16word") == std::vector<std::string>{"utf16.html"});
  CHECK(urls(en, "goodbytesword") == std::vector<std::string>{"bad-utf8.html"});
  CHECK(urls(en, "badlangword") == std::vector<std::string>{"badlang.html"});
  CHECK(urls(en, "unclosedword") == std::vector<std::string>{"unclosed.html"});
  CHECK(urls(language(r, "ja").index, "shiftjisword") ==
        std::vector<std::string>{"unsupported-charset.html"});
}

TEST_CASE("osprey.json reads both modes, relative to its folder", "[site][config]") {
  TempDir tmp("config");
  write(tmp.path / "osprey.json",
        R"({"site": "public", "exclude": ["drafts/", "genindex*"], "include": "**/*.htm*",
            "base_path": "/docs/", "language": "fr", "max_file_size": 1000,
            "page_time_limit": 2.5,
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

TEST_CASE("a bundle holds hashed indexes, the assets and a manifest", "[site][bundle]") {
  TempDir tmp("bundle");
  const fs::path assets = tmp.path / "web";
  for (const char* f :
       {"osprey.js", "osprey-worker.js", "osprey-core.js", "engine/osprey-engine.js",
        "engine/osprey-engine.wasm", "widget/a.js", "widget/sub/b.js"}) {
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
  CHECK(read(spec.dir / "engine/osprey-engine.wasm") == "// engine/osprey-engine.wasm");
  CHECK(r.value().written.back() == "osprey-manifest.json");
  nlohmann::json m = nlohmann::json::parse(read(spec.dir / "osprey-manifest.json"));
  CHECK(m["format"] == "osprey-bundle");
  CHECK(m["version"] == 1);
  CHECK(m["default_language"] == "en");
  CHECK(m["site_root"] == "../");
  CHECK(m["languages"]["en"] ==
        nlohmann::json{
            {"index", en_name}, {"bytes", 3}, {"gzip_bytes", 23}, {"documents", 3}, {"pages", 2}});
  CHECK(m["languages"]["fr"]["parts"] == 2);
  CHECK(m["languages"]["fr"]["bytes"] == 6);
  CHECK(m["filters"] == nlohmann::json{"category"});
  CHECK(m["files"]["widget/sub/b.js"] == content_hash("// widget/sub/b.js"));

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
  CHECK(h.find(R"("siteRoot":"../")") != std::string::npos);
  // No placeholder is left, and no external resource is referenced.
  for (const char* p : {"{{LANG}}", "{{CONFIG}}", "{{INDEXES}}", "{{ENGINE}}", "{{CORE}}",
                        " src=", "http://", "https://"}) {
    INFO(p);
    CHECK((std::string(p) == "{{TITLE}}" || h.find(p) == std::string::npos));
  }
  // Every <script> closes where it should: as many "</script>" as "<script".
  std::size_t opens = 0, closes = 0;
  for (std::size_t i = h.find("<script"); i != std::string::npos; i = h.find("<script", i + 1))
    ++opens;
  for (std::size_t i = h.find("</script>"); i != std::string::npos; i = h.find("</script>", i + 1))
    ++closes;
  CHECK(opens == 5);
  CHECK(closes == 5);

  fs::remove(tmp.path / "engine/osprey-engine-single.js");
  CHECK_FALSE(single_file_html(spec).ok());
}
