// Unit tests of tools/site/: byte decoding and HTML extraction (Gumbo is a
// tools/ matter: native only). Fixtures: tests/fixtures/sites/.
#include <catch2/catch.hpp>

#include <filesystem>

#include "site/decode.hpp"
#include "site/html_extract.hpp"
#include "site/html_prescan.hpp"
#include "site_fixtures.hpp"

namespace fs = std::filesystem;
using namespace osprey;
using namespace osprey::site;
using namespace osprey::site::test;

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

namespace {
std::vector<std::string> key_values(const std::vector<DataValue>& v) {
  std::vector<std::string> out;
  for (const DataValue& d : v) out.push_back(d.key + "=" + d.value + (d.url ? " (url)" : ""));
  return out;
}
}  // namespace

TEST_CASE("a page marked for Pagefind is read with Pagefind's meanings", "[site][extract]") {
  PageContent p = extract_page(read(kSites / "pagefind/posts/tides.html"));
  CHECK(p.markup == Markup::pagefind);
  CHECK(p.body_marked);
  CHECK_FALSE(p.other_markup);
  CHECK(p.title == "Reading the tides");
  CHECK(p.text.find("Reading the tides") == std::string::npos);  // the <h1> gave the title
  // index-attrs="title,alt": both, in that order; the alt not a second time.
  CHECK(p.text.find("Spring tide chart A tide table for spring tides Neap tides") !=
        std::string::npos);
  for (const char* absent : {"Unindexedaside", "Hiddenall", "every page repeats", "Footer"}) {
    CHECK(p.text.find(absent) == std::string::npos);
  }
  REQUIRE(p.weighted.size() == 1);
  CHECK(p.weighted[0].weight == 4.0);
  // key (text), key[attribute], anywhere in the document; not under ignore="all".
  CHECK(key_values(p.filters) == std::vector<std::string>{"site=Harbour notes",
                                                          "author=Grace Murray", "tag=sailing",
                                                          "tag=almanac", "tag=ignored-index"});
  CHECK(key_values(p.sorts) == std::vector<std::string>{"date=2024-03-02"});
  CHECK(key_values(p.meta) ==
        std::vector<std::string>{"image=../img/tide.png (url)",
                                 "image_alt=A tide table for spring tides",
                                 "date=2024-03-02"});  // <time datetime>, as for any page
  REQUIRE(p.sections.size() == 1);
  CHECK(p.sections[0].anchor == "slack");
  CHECK(p.warnings.empty());

  // key:literal runs to the end of the list; the metadata key "title" is the title.
  PageContent k = extract_page(read(kSites / "pagefind/posts/knots.html"));
  CHECK(k.title == "Six knots, and when to tie them");
  CHECK(k.meta.empty());
  CHECK(key_values(k.filters) ==
        std::vector<std::string>{"author=Ada Byron, Countess, and friends", "tag=sailing"});
  CHECK(key_values(k.sorts) == std::vector<std::string>{"weight=7", "date=2023-11-20"});
  REQUIRE(k.weighted.size() == 1);  // weight 0 is Pagefind's lowest, read as 0.1
  CHECK(k.weighted[0].weight == 0.1);
}

TEST_CASE("data-osprey-body elements are the content; an image's alt text is text",
          "[site][extract]") {
  PageContent p = extract_page(
      "<html><body><nav>navword <img src=\"n.png\" alt=\"navimageword\"></nav>"
      "<p>outsideword</p><article data-osprey-body><h1>Title</h1>"
      "<p>before<img src=\"a.png\" alt=\"  A  heron's nest \">after "
      "<img src=\"b.png\" alt=\"\"><img src=\"c.png\"></p></article>"
      "<div data-osprey-body><p>second</p></div></body></html>");
  CHECK(p.markup == Markup::osprey);
  CHECK(p.body_marked);
  CHECK(p.title == "Title");
  // The alt text is words of its own: no word runs into it.
  CHECK(p.text == "before A heron's nest after second");
  CHECK_FALSE(extract_page("<html><body><main><p>x</p></main></body></html>").body_marked);
}

TEST_CASE("one vocabulary per page: Osprey's wins, and Pagefind's can be refused",
          "[site][extract]") {
  const std::string both =
      "<html><body><main data-pagefind-body><p data-pagefind-filter=\"tag\">pf</p>"
      "<p data-osprey-filter=\"tag\">os</p><p data-pagefind-ignore>kept</p></main>"
      "<aside>aside</aside></body></html>";
  PageContent p = extract_page(both);
  CHECK(p.markup == Markup::osprey);
  CHECK(p.other_markup);
  CHECK_FALSE(p.body_marked);
  CHECK(key_values(p.filters) == std::vector<std::string>{"tag=os"});
  CHECK(p.text.find("kept") != std::string::npos);  // data-pagefind-ignore is not Osprey's

  const std::string pagefind_only =
      "<html><body><main data-pagefind-body><p data-pagefind-filter=\"tag\">pf</p></main></body>"
      "</html>";
  PageContent refused = extract_page(pagefind_only, Deadline::max(), /*allow_pagefind=*/false);
  CHECK(refused.markup == Markup::none);
  CHECK(refused.other_markup);
  CHECK(refused.filters.empty());
  CHECK(extract_page(pagefind_only).markup == Markup::pagefind);
  CHECK(extract_page("<p>plain</p>").markup == Markup::none);
}

TEST_CASE("Pagefind's value lists: bad keys and attributes are warnings", "[site][extract]") {
  PageContent p = extract_page(
      "<html><body><main data-pagefind-body><p data-pagefind-filter=\"Bad Key!, ok[nope], "
      "url, [src], :lit\" data-pagefind-weight=\"11\">x</p></main></body></html>");
  CHECK(p.filters.empty());
  CHECK(p.warnings ==
        std::vector<std::string>{
            "data-pagefind-filter=\"Bad Key!, ok[nope], url, [src], :lit\": \"bad key!\" is not "
            "a key (a letter, then letters, digits, _ or -; at most 40)",
            "data-pagefind-filter=\"Bad Key!, ok[nope], url, [src], :lit\": the element has no "
            "nope attribute",
            "data-pagefind-filter=\"Bad Key!, ok[nope], url, [src], :lit\": \"url\" is a "
            "reserved field name",
            "data-pagefind-filter=\"Bad Key!, ok[nope], url, [src], :lit\": \"\" is not a key (a "
            "letter, then letters, digits, _ or -; at most 40)",
            "data-pagefind-filter=\"Bad Key!, ok[nope], url, [src], :lit\": \"\" is not a key (a "
            "letter, then letters, digits, _ or -; at most 40)",
            "data-pagefind-weight=\"11\" is not a number from 0 and at most 10; ignored"});
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

TEST_CASE("page values quoted in warnings are cut at a character boundary", "[site][extract]") {
  // "a" and 40 "é" (2 bytes each): a cut at byte 60 (or 40) would split one.
  std::string value = "a";
  for (int i = 0; i < 40; ++i) value += "\xC3\xA9";
  auto first = [&](int n) {
    std::string s = "a";
    for (int i = 0; i < n; ++i) s += "\xC3\xA9";
    return s;
  };
  const PageContent p = extract_page("<p data-osprey-meta=\"" + value + "\">x</p>");
  REQUIRE(p.warnings.size() == 1);
  CHECK(p.warnings[0] == "data-osprey-meta=\"" + first(29) + "…\": \"" + first(19) +
                             "…\" is not a key (a letter, then letters, digits, _ or -; at most "
                             "40)");
}
