// Unit tests of tools/site/: a site read into one index per language, page
// URLs, and the warnings of broken pages. Fixtures: tests/fixtures/sites/.
#include <catch2/catch.hpp>

#include <filesystem>

#include "query/search.hpp"
#include "site/site_index.hpp"
#include "site_fixtures.hpp"

namespace fs = std::filesystem;
using namespace osprey;
using namespace osprey::site;
using namespace osprey::site::test;

namespace {

// The urls of the pages that match every word of query, in rank order, each
// followed by its listed sections' urls after "> ".
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
    for (const SectionHit& s : h.sections) {
      for (const auto& [name, value] : stored_fields(ix, s.doc)) {
        if (name == "url") out.emplace_back("> " + std::string(value));
      }
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
  CHECK(r.paths.size() == 4);
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
  // Hits are pages ("page" is the group field), their matching sections under them.
  CHECK(en.schema.group_field() == en.schema.find("page"));
  CHECK(en.section_count == 5);
  // A section is listed when its heading or its own text holds a query word,
  // best first: #migration's text runs on to "Nesting again", a heading whose
  // anchor repeats and so starts no section.
  CHECK(urls(en, "stick nests") ==
        std::vector<std::string>{"./", "> ./#nesting", "> ./#migration"});
  CHECK(urls(en, "nesting habits") ==
        std::vector<std::string>{"./", "> ./#nesting", "> ./#migration"});
  CHECK(
      stored(en, "./#migration", "body") ==
      "Northern ospreys winter in Africa and South America. Nesting again A repeated anchor stays "
      "in the section before. asideword inside main is content </script><!-- closingword -->");
  // A heading that is the query: its page, the section under it.
  CHECK(urls(en, "migration") == std::vector<std::string>{"./", "> ./#migration"});
  CHECK(urls(en, "equipment") == std::vector<std::string>{"guide/", "> guide/#equipment"});
  CHECK(urls(en, "telescope") == std::vector<std::string>{"guide/"});
  CHECK(urls(en, "kestrels") ==
        std::vector<std::string>{"body-only.html", "> body-only.html#kestrels"});
  // The second region follows the last section's text.
  CHECK(urls(en, "secondregionword") == std::vector<std::string>{"guide/", "> guide/#equipment"});
  CHECK(urls(en, "footerword").empty());
  CHECK(urls(en, "balbuzard").empty());
  CHECK(urls(language(r, "fr").index, "balbuzard")[0] == "fr/");

  CHECK(stored(en, "./", "title") == "Osprey Field Guide");
  CHECK(stored(en, "./#diet", "section") == "Diet");
  CHECK(en.schema.find("page_title") < 0);  // a section record holds its heading and text
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
  CHECK(r.paths.size() == 11);
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

TEST_CASE("a site's vocabulary: Pagefind's body rule, and Osprey's attributes win",
          "[site][index]") {
  SiteOptions o;
  o.root = kSites / "pagefind";
  SiteResult pf = index_site(o);
  CHECK(pf.markup == Markup::pagefind);
  CHECK(pf.pages == 2);
  CHECK(pf.unmarked == 2);  // the home and tag pages: no data-pagefind-body
  CHECK(pf.skipped == 0);
  CHECK(pf.other_markup == 0);
  CHECK(pf.filters == std::vector<std::string>{"author", "site", "tag"});
  CHECK(pf.sorts == std::vector<std::string>{"date", "weight"});

  TempDir dir("vocabulary");
  write(dir.path / "a.html",
        "<html><body><main><p data-osprey-filter=\"kind\">alpha</p></main></body></html>");
  write(dir.path / "b.html",
        "<html><body><main data-pagefind-body><p data-pagefind-filter=\"tag\">beta</p>"
        "<p data-pagefind-ignore>gamma</p></main></body></html>");
  write(dir.path / "c.html", "<html><body><main><p>delta</p></main></body></html>");
  o.root = dir.path;
  SiteResult mixed = index_site(o);
  CHECK(mixed.markup == Markup::osprey);
  CHECK(mixed.pages == 3);  // no page has data-osprey-body: no body rule
  CHECK(mixed.unmarked == 0);
  CHECK(mixed.other_markup == 1);
  CHECK(mixed.filters == std::vector<std::string>{"kind"});  // b.html's tag is not read
  const Index& ix = language(mixed, "en").index;
  CHECK(urls(ix, "gamma") == std::vector<std::string>{"b.html"});  // nor its ignore
}

TEST_CASE("the body rule counts an unmarked page with no text as unmarked, not as skipped",
          "[site][index]") {
  TempDir dir("body-empty");
  write(dir.path / "a.html",
        "<!doctype html><html><body><main data-osprey-body><p>alpha</p></main></body></html>");
  // A redirect stub, as generators write for aliases: no text, no mark.
  write(dir.path / "old.html",
        "<!doctype html><html><head><meta http-equiv=\"refresh\" content=\"0; "
        "url=a.html\"></head></html>");
  write(dir.path / "blank.html",
        "<!doctype html><html><body><main data-osprey-body> </main></body></html>");
  SiteOptions o;
  o.root = dir.path;
  SiteResult r = index_site(o);
  CHECK(r.pages == 1);
  CHECK(r.unmarked == 1);  // old.html
  CHECK(r.skipped == 1);   // blank.html: marked, with no text
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].file == "blank.html");
  CHECK(r.warnings[0].kind == "no-text");
}

TEST_CASE("Osprey's body rule: once a page has data-osprey-body, only such pages are indexed",
          "[site][index]") {
  SiteOptions o;
  o.root = kSites / "taxonomy";
  SiteResult r = index_site(o);
  CHECK(r.markup == Markup::osprey);
  CHECK(r.paths.size() == 12);
  CHECK(r.pages == 4);     // the articles
  CHECK(r.unmarked == 8);  // home, tag, category and list pages
  CHECK(r.skipped == 0);
  CHECK(r.warnings.empty());
  const Index& en = language(r, "en").index;
  CHECK(urls(en, "ops notes").empty());  // the home page's title
  // An image's alt text finds its page (the word is nowhere else).
  CHECK(urls(en, "cormorant") == std::vector<std::string>{"posts/harbour-photos/"});
  // A section's own text finds it: "compress" is in the text under "Archive
  // with tar", not in its heading.
  CHECK(urls(en, "compress") ==
        std::vector<std::string>{"posts/compress-logs/", "> posts/compress-logs/#why",
                                 "> posts/compress-logs/#gzip", "> posts/compress-logs/#zstd",
                                 "posts/backups/", "> posts/backups/#tar"});
  CHECK(stored(en, "posts/backups/#tar", "body") ==
        "tar keeps permissions; pipe it through a compressor to compress the archive.");
  CHECK(stored(en, "posts/backups/#tar", "section") == "Archive with tar");
  // The image: data-osprey-meta="image:src" over og:image, relative to the site root.
  CHECK(stored(en, "posts/compress-logs/", "image") == "images/logs.png");
  CHECK(stored(en, "posts/backups/", "image") == "images/backup-og.png");
  CHECK(stored(en, "posts/firewall/", "image") == "images/missing.png");  // no such file
  CHECK(stored(en, "posts/harbour-photos/", "image") == "<null>");  // an <img> is not its image

  // osprey.json "section_text": false: sections hold their heading only.
  o.section_text = false;
  SiteResult headings = index_site(o);
  const Index& h = language(headings, "en").index;
  CHECK(urls(h, "compress") ==
        std::vector<std::string>{"posts/compress-logs/", "> posts/compress-logs/#why",
                                 "> posts/compress-logs/#gzip", "> posts/compress-logs/#zstd",
                                 "posts/backups/"});
  CHECK(stored(h, "posts/backups/#tar", "body") == "<null>");
}

TEST_CASE("each page is analyzed in its own language: its folding and its stems", "[site][index]") {
  TempDir dir("page-language");
  write(dir.path / "tr.html",
        "<html lang=\"tr\"><head><title>Nehir</title></head><body><main>"
        "<p>IRMAK kıyısında</p></main></body></html>");
  write(dir.path / "es.html",
        "<html lang=\"es\"><head><title>Jardín</title></head><body><main>"
        "<p>Un tulipán blanco</p></main></body></html>");
  SiteOptions o;
  o.root = dir.path;
  SiteResult r = index_site(o);
  REQUIRE(r.indexes.size() == 2);
  // Turkish I folds to dotless ı in the index, as in the query.
  CHECK(urls(language(r, "tr").index, "ırmak") == std::vector<std::string>{"tr.html"});
  CHECK(urls(language(r, "tr").index, "IRMAK") == std::vector<std::string>{"tr.html"});
  // Spanish "tulipán" is stemmed with its accent (docs/stemming.md): its plural meets it.
  CHECK(urls(language(r, "es").index, "tulipanes") == std::vector<std::string>{"es.html"});
}
