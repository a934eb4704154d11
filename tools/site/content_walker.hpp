// The walk over a page's content (the internals of html_extract.cpp; the
// rules are in html_extract.hpp): its text by weight, its sections, and the
// first <time> date.
#pragma once

#include <gumbo.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "site/html_extract.hpp"
#include "site/page_text.hpp"

namespace osprey::site::dom {

// Text with whitespace collapsed as it is appended, so offsets into it are
// final: runs of ASCII whitespace become one space, none at either end.
struct TextSink {
  std::string text;
  bool pending = false;

  void space() { pending = !text.empty(); }
  void append(std::string_view s) {
    for (char c : s) {
      if (is_space(c)) {
        pending = !text.empty();
      } else {
        if (pending) text += ' ';
        pending = false;
        text += c;
      }
    }
  }
  /// Where the next text will start.
  std::size_t mark() const { return text.size() + (pending ? 1 : 0); }
};

struct ContentWalker {
  PageContent& page;
  const Vocabulary& vocabulary;    // the page's (markup.hpp)
  bool fallback;                   // content is <body>: leave landmarks out
  const GumboNode* title_element;  // [data-osprey-title], or null
  bool title_taken;                // the title is known (no <h1> will give it)
  TextSink main;
  std::vector<std::pair<double, TextSink>> other;  // by weight
  std::unordered_set<std::string> anchors;
  std::vector<std::pair<const GumboNode*, double>> weights;  // innermost last
  std::optional<std::string> time_date;

  TextSink& sink();

  // A heading holds phrasing content; block elements in one (a parser's
  // recovery from an unclosed heading can put the rest of the page there)
  // are content of their own, walked after the heading's text is taken.
  void heading(const GumboNode* h);
  void take_heading(const GumboNode* h, const std::string& text);

  // data-*-weight="w" on n: its text goes to that weight until leave(n).
  void weight(const GumboNode* n, std::string_view w);
  // data-*-index-attrs="a, b": the values of n's attributes a and b are text.
  // Returns whether alt was one of them.
  bool index_attributes(const GumboNode* n, std::string_view list);

  // The two halves of walk() (gumbo_tree.hpp) over the content.
  bool enter(const GumboNode* n);
  void leave(const GumboNode* n);
};

// Outermost nodes of list (no ancestor in list).
std::vector<const GumboNode*> outermost(const std::vector<const GumboNode*>& list);

}  // namespace osprey::site::dom
