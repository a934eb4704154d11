// Linear scans of a page's markup before Gumbo parses it, for the inputs that
// make Gumbo slow (tests/site/prescan_test.cpp "[prescan]" has the cases):
//
// - Nesting: Gumbo's time grows with the square of the element depth, so a
//   page nested deeper than kMaxDepth is refused (estimate_depth).
// - Attributes: Gumbo compares each new attribute of a tag with all those
//   before it (duplicates are dropped), so a tag with n attributes costs n^2
//   string compares: 80,000 on one element took 56 s. bound_attributes drops
//   every attribute of a tag after the first kMaxAttributes, so the compares
//   per tag stay under kMaxAttributes^2 / 2 and a page costs at most
//   kMaxAttributes / 2 compares per byte. The parser merges the attributes of
//   every <html> start tag into one element, and of every <body> into another,
//   so those two names share one count over the page.
// - Formatting elements (<a>, <b>, <i>, ...): Gumbo compares each new one with
//   every one of its name still open, attribute by attribute, so 1000 nested
//   <b> with 16 attributes each took 1.3 s. bound_attributes counts an upper
//   bound of that work; past kMaxFormattingWork (about 0.2 s) the formatting
//   start tags after it keep no attributes (then they are equal, and the
//   parser keeps at most 3 equal ones).
//
// Both follow the states of the HTML tokenizer (WHATWG HTML 13.2.5) that
// decide where tags are: comments (with the "<!-->" forms), bogus comments
// ("<!x", "<?", "</1"), quoted attribute values, the raw text of script
// (with its "<!--" escapes), style, textarea, title, xmp, iframe, noembed,
// noframes and plaintext, and CDATA sections inside <svg> and <math>, where
// those names are not raw text, and <select>, where the parser ignores them
// (but <script>). The tree builder decides a few more of these in places the
// scan does not model (a <style> after <frameset> is ignored, so its content
// is markup); a tag there escapes the bound, and the page's time limit
// (html_extract.hpp) is what stops it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace osprey::site {

/// Pages nested deeper are refused before parsing (browsers stop at 512).
inline constexpr std::size_t kMaxDepth = 1024;
/// Attributes kept per start or end tag; the rest are dropped before parsing.
inline constexpr std::size_t kMaxAttributes = 256;

/// Attribute compares the parser may make on formatting elements in a page.
inline constexpr std::size_t kMaxFormattingWork = std::size_t{1} << 24;

/// An estimate of the deepest element nesting in html, without parsing it:
/// start tags of elements that nest (not void elements, nor those whose end
/// tag may be left out) minus their end tags, in the contexts above (so
/// <div>s after <svg><style> count: there <style> is no raw text).
std::size_t estimate_depth(std::string_view html);

struct AttributeCounts {
  std::size_t kept = 0;                // attributes left for the parser (the work it is given)
  std::size_t dropped = 0;             // attributes left out, all told
  std::size_t formatting_dropped = 0;  // of those, from formatting elements past the work
  std::size_t crowded_tags = 0;        // tags that had more than the limit
  std::size_t most = 0;                // the most attributes one tag (or <html>/<body>) had
  std::size_t first_line = 0;          // line (from 1) of the first crowded tag; 0 if none
};

struct BoundedMarkup {
  std::string text;  // the page without the dropped attributes; empty if none were
  AttributeCounts counts;
  std::size_t depth = 0;  // estimate_depth of the page
};

/// html with every tag's attributes after the first max_attributes left out,
/// and its estimate_depth, in one pass. Linear in html's size; the text
/// between tags is never changed.
BoundedMarkup bound_attributes(std::string_view html, std::size_t max_attributes = kMaxAttributes);

}  // namespace osprey::site
