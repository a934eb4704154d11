// Unit tests of the bounds put on a page before and while Gumbo parses it
// (tools/site/html_prescan.hpp, html_extract.hpp): attributes per tag, and
// the per-page deadline. Work is asserted as counts (attributes handed to the
// parser), never as time: timings belong to bench/.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "site/html_extract.hpp"
#include "site/html_prescan.hpp"

using namespace osprey::site;

namespace {

// n attributes a0 .. a(n-1) with quoted values, separated by single spaces.
std::string attributes(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    s += " a" + std::to_string(i) + "=\"" + std::to_string(i) + "\"";
  return s;
}

std::string bounded(std::string_view html, std::size_t max) {
  BoundedMarkup b = bound_attributes(html, max);
  return b.counts.dropped > 0 ? b.text : std::string(html);
}

}  // namespace

TEST_CASE("a tag with 80,000 attributes reaches the parser with 256", "[site][prescan]") {
  const std::string html = "<html><body>\n<main><p>crowdedword</p>\n<div" + attributes(80000) +
                           ">inside</div></main></body></html>";
  const PageContent page = extract_page(html);
  CHECK(page.attributes.kept == kMaxAttributes);
  CHECK(page.attributes.dropped == 80000 - kMaxAttributes);
  CHECK(page.attributes.crowded_tags == 1);
  CHECK(page.attributes.most == 80000);
  CHECK(page.attributes.first_line == 3);
  CHECK(page.text == "crowdedword inside");
  CHECK_FALSE(page.too_slow);
}

TEST_CASE("attributes past the limit are cut, the rest of the markup kept", "[site][prescan]") {
  CHECK(bounded("<p a b c d>text</p>", 2) == "<p a b  >text</p>");
  CHECK(bounded("<p a=1 b='2' c=\"3\"d=4 e>x", 2) == "<p a=1 b='2'  >x");
  // Values hold '>', spaces and the other quote; '=' may start a name.
  CHECK(bounded("<p a='>' b=\"x y\" c d>", 2) == "<p a='>' b=\"x y\"  >");
  CHECK(bounded("<p =a b c>", 1) == "<p =a  >");
  CHECK(bounded("<p a / b/c/>", 1) == "<p a / / />");  // never a new "/>"
  CHECK(bounded("<p a/b>", 1) == "<p a/ >");
  // End tags too: the tokenizer reads their attributes the same way.
  CHECK(bounded("</p a b c>", 1) == "</p a  >");
  // Under the limit nothing is copied.
  const BoundedMarkup b = bound_attributes("<p a b>x</p><i c>", 2);
  CHECK(b.text.empty());
  CHECK(b.counts.kept == 3);
  CHECK(b.counts.dropped == 0);
  CHECK(b.counts.most == 2);
}

TEST_CASE("<html> and <body> tags share one count: the parser merges them", "[site][prescan]") {
  const BoundedMarkup b = bound_attributes("<html a b><body c><html d e><body f g><p h i>", 3);
  CHECK(b.text == "<html a b><body c><html d ><body f g><p h i>");
  CHECK(b.counts.kept == 8);
  CHECK(b.counts.dropped == 1);
  CHECK(b.counts.most == 4);
}

TEST_CASE("nested formatting elements keep no attributes once their work is spent",
          "[site][prescan]") {
  // 1000 open <b>, 16 attributes each, all different: the parser would
  // compare each new one with every open one. The bound counts 16 * 16 per
  // open <b>: past 2^24 after 363 tags, the rest keep none.
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<b" + attributes(15) + " z=" + std::to_string(i) + ">";
  const BoundedMarkup b = bound_attributes(html);
  CHECK(b.counts.kept == 363 * 16);
  CHECK(b.counts.formatting_dropped == 637 * 16);
  CHECK(b.counts.dropped == 637 * 16);
  CHECK(b.counts.crowded_tags == 0);
  // Closed ones cost nothing: the same tags, each ended, keep everything.
  std::string closed;
  for (int i = 0; i < 1000; ++i)
    closed += "<b" + attributes(15) + " z=" + std::to_string(i) + "></b>";
  CHECK(bound_attributes(closed).counts.dropped == 0);
}

TEST_CASE("only tags count: comments, raw text and CDATA are skipped", "[site][prescan]") {
  const std::string many = "<x a b c>";  // 3 attributes, over a limit of 2
  for (const std::string& text : {
           "<!--" + many + "-->",
           "<!---->" + std::string("<!-- -- ") + many + " --!>",  // "--!>" ends one too
           "<!DOCTYPE html " + many.substr(1),                    // a bogus comment ends at '>'
           "<?xml " + many.substr(1),
           "</1 " + many.substr(1),
           "<script>" + many + "</script>",
           "<script><!--<script>" + many + "</script>" + many + "--></script>",
           "<style>" + many + "</stylex>" + many + "</style>",
           "<textarea>" + many + "</textarea>",
           "<title>" + many + "</TITLE>",
           "<svg><![CDATA[" + many + "]]></svg>",
           "<plaintext>" + many + "</plaintext>" + many,
       }) {
    CAPTURE(text);
    const BoundedMarkup b = bound_attributes(text, 2);
    CHECK(b.counts.dropped == 0);
  }
  // But "<!-->" closes at once, "</script>" ends the script, <style> inside
  // <svg> is markup, and outside foreign content CDATA is a bogus comment.
  for (const std::string& text : {
           "<!-->" + many, "<!--->" + many, "<script><!--" + many + "--></script>" + many,
           "<script><!--<script></script>" + many + "</script>-->" + many,
           "<svg><style>" + many + "</style></svg>",
           "<svg><foreignObject></foreignObject>" + many + "</svg>", "<![CDATA[ x>" + many + "]]>",
           "<style\"x\">" + many + "</style>",              // the name is style"x"
           "<select><style>" + many + "</style></select>",  // ignored in <select>
       }) {
    CAPTURE(text);
    CHECK(bound_attributes(text, 2).counts.dropped == 1);
  }
  // HTML inside <svg> again: <style> there is raw text.
  CHECK(bound_attributes("<svg><foreignObject><style>" + many + "</style>", 2).counts.dropped == 0);
  CHECK(bound_attributes("<svg><p><style>" + many + "</style>", 2).counts.dropped == 0);
  for (const char* closes : {"</select>", "<input>", "<textarea></textarea>", "<select>"}) {
    CAPTURE(closes);
    const std::string text = std::string("<select>") + closes + "<style>" + many + "</style>";
    CHECK(bound_attributes(text, 2).counts.dropped == 0);
  }
  CHECK(bound_attributes("<select><script>" + many + "</script>", 2).counts.dropped == 0);
}

TEST_CASE("the depth estimate reads the same contexts", "[site][prescan]") {
  std::string divs;
  for (int i = 0; i < 2000; ++i) divs += "<div>";
  // Inside <svg>, <style> is no raw text: the <div>s leave the svg and nest
  // (the estimate counts svg and style too: it errs high).
  CHECK(estimate_depth("<svg><style>" + divs) == 2002);
  CHECK(extract_page("<svg><style>" + divs).too_deep);
  CHECK(estimate_depth("<style>" + divs + "</style>") == 1);
  CHECK(estimate_depth("<script><!--<script></script>" + divs + "</script>-->") == 1);
  // A raw text element counts, so its end tag does not undo an open <div>
  // (the estimate before this scan stayed at 1 here, and Gumbo nested 2000).
  std::string styled;
  for (int i = 0; i < 2000; ++i) styled += "<div><style></style>";
  CHECK(estimate_depth(styled) == 2001);
}

TEST_CASE("a page past its deadline is refused, inside the parser or after it", "[site][prescan]") {
  const auto past = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  CHECK(extract_page("<p>small</p>", past).too_slow);
  // Enough allocations that the clock is read inside Gumbo (every 256).
  std::string big;
  for (int i = 0; i < 5000; ++i) big += "<p class=x>word</p>";
  const PageContent stopped = extract_page(big, past);
  CHECK(stopped.too_slow);
  CHECK(stopped.text.empty());
  // The arena is reset after a stop: the next page of the thread parses.
  CHECK(extract_page(big).text.size() == 5000 * 5 - 1);
}
