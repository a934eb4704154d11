#include "site/content_walker.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/quote.hpp"
#include "site/gumbo_tree.hpp"

namespace osprey::site::dom {

TextSink& ContentWalker::sink() {
  const double w = weights.empty() ? 1.0 : weights.back().second;
  if (w == 1.0) return main;
  for (auto& [weight, text] : other) {
    if (weight == w) return text;
  }
  other.emplace_back(w, TextSink{});
  return other.back().second;
}

void ContentWalker::heading(const GumboNode* h) {
  std::string text = text_of(h, vocabulary, true, true);
  const bool blocks = !text.empty() && text != text_of(h, vocabulary, true);
  if (text.empty()) text = text_of(h, vocabulary, true);
  take_heading(h, text);
  if (!blocks) return;
  walk(
      h,
      [&](const GumboNode* n) {
        if (n == h) return true;
        if (!is_element(n) || is_skipped(tag_of(n)) || is_permalink(n)) return false;
        if (is_inline(tag_of(n))) return true;
        walk(
            n, [&](const GumboNode* m) { return enter(m); }, [&](const GumboNode* m) { leave(m); });
        return false;
      },
      [](const GumboNode*) {});
}

void ContentWalker::take_heading(const GumboNode* h, const std::string& text) {
  if (h == title_element) return;  // the title itself: neither section nor text
  if (!title_taken && tag_of(h) == GUMBO_TAG_H1) {
    page.title = text;
    title_taken = true;
    return;
  }
  std::string anchor = heading_anchor(h);
  if (!anchor.empty() && !anchors.insert(anchor).second) {
    page.warnings.push_back("heading " + quoted(text, 60) + " repeats the anchor #" +
                            anchor.substr(0, 60) + "; it starts no section");
    anchor.clear();
  }
  TextSink& out = sink();
  out.space();
  if (!anchor.empty()) page.sections.push_back({anchor, text, main.mark()});
  out.append(text);
  out.space();
}

bool ContentWalker::enter(const GumboNode* n) {
  if (is_text(n)) {
    sink().append(n->v.text.text);
    return false;
  }
  if (!is_element(n)) return false;
  const GumboTag t = tag_of(n);
  const Marks marks = marks_of(n);
  const bool marked = carries(marks, vocabulary);
  if (is_skipped(t) || (marked && attr(n, vocabulary.ignore))) return false;
  if (fallback && is_landmark(n, marks)) return false;
  if (is_heading(t)) {
    heading(n);
    return false;
  }
  if (t == GUMBO_TAG_TIME && !time_date) {
    if (const char* dt = attr(n, "datetime"); dt && *dt) time_date = collapsed(dt);
  }
  if (!is_inline(t)) sink().space();
  if (const char* w = marked ? attr(n, vocabulary.weight) : nullptr) weight(n, w);
  bool alt_indexed = false;
  if (const char* list = marked ? attr(n, vocabulary.index_attrs) : nullptr)
    alt_indexed = index_attributes(n, list);
  // An image's alt text is text of the page, words of its own (once, when
  // data-*-index-attrs does not list alt).
  const char* alt = t == GUMBO_TAG_IMG && !alt_indexed ? attr(n, "alt") : nullptr;
  if (alt && *alt) {
    sink().space();
    sink().append(alt);
    sink().space();
  }
  return true;
}

void ContentWalker::weight(const GumboNode* n, std::string_view w) {
  // Pagefind's scale includes 0 (markup.hpp); a weight is at least 0.1.
  const bool zero = vocabulary.markup == Markup::pagefind;
  double value = 0;
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), value);
  if (ec != std::errc() || p != w.data() + w.size() || !(value > 0 || (zero && value == 0)) ||
      value > 10) {
    page.warnings.push_back(std::string(vocabulary.weight) + "=" + quoted(w, 20) +
                            " is not a number " + (zero ? "from 0" : "above 0") +
                            " and at most 10; ignored");
    return;
  }
  value = std::max(0.1, std::round(value * 10) / 10);  // one decimal: few fields
  sink().space();
  weights.emplace_back(n, value);
  sink().space();
}

bool ContentWalker::index_attributes(const GumboNode* n, std::string_view list) {
  bool alt = false;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string name = lower_ascii(collapsed(std::string(list.substr(0, comma))));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    const char* value = name.empty() ? nullptr : attr(n, name.c_str());
    if (!value) continue;
    alt = alt || name == "alt";
    sink().space();
    sink().append(value);
    sink().space();
  }
  return alt;
}

void ContentWalker::leave(const GumboNode* n) {
  if (!weights.empty() && weights.back().first == n) {
    sink().space();
    weights.pop_back();
  }
  if (!is_inline(tag_of(n))) sink().space();
}

std::vector<const GumboNode*> outermost(const std::vector<const GumboNode*>& list) {
  std::unordered_set<const GumboNode*> all(list.begin(), list.end());
  std::vector<const GumboNode*> out;
  for (const GumboNode* n : list) {
    bool nested = false;
    for (const GumboNode* p = n->parent; p && !nested; p = p->parent) nested = all.count(p) > 0;
    if (!nested) out.push_back(n);
  }
  return out;
}

}  // namespace osprey::site::dom
