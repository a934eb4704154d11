#include "site/html_extract.hpp"

#include <gumbo.h>

#include <algorithm>
#include <vector>

#include "site/content_walker.hpp"
#include "site/data_attributes.hpp"
#include "site/gumbo_arena.hpp"
#include "site/gumbo_tree.hpp"
#include "site/page_text.hpp"

namespace osprey::site {

// The parts of the extraction, one file each: gumbo_arena (memory and the
// deadline), gumbo_tree (reading the tree), page_text (text and anchors),
// data_attributes (data-osprey-* and <meta>), content_walker (the content).
using namespace dom;

namespace {

// What a page marks with one vocabulary, anywhere in the document.
struct Marked {
  bool seen = false;  // an attribute of the vocabulary, anywhere
  std::vector<const GumboNode*> bodies;
  const GumboNode* title_element = nullptr;
  std::vector<DataValue> meta, filters, sorts;
  std::vector<std::string> warnings;

  void read(const GumboNode* n, const Vocabulary& v) {
    if (attr(n, v.body)) bodies.push_back(n);
    if (v.title && !title_element && attr(n, v.title)) title_element = n;
    read_data_attribute(n, v.meta, v, meta, warnings, /*title_key=*/v.title == nullptr);
    read_data_attribute(n, v.filter, v, filters, warnings);
    read_data_attribute(n, v.sort, v, sorts, warnings);
  }
};

// Pagefind's data-pagefind-ignore="all": nothing inside is read.
bool hides_all(const GumboNode* n) {
  const char* value = attr(n, kPagefindVocabulary.ignore);
  return value && lower_ascii(collapsed(value)) == "all";
}

}  // namespace

PageContent extract_page(std::string_view html, Deadline deadline, bool allow_pagefind) {
  PageContent page;
  BoundedMarkup bounded = bound_attributes(html);
  if (bounded.depth > kMaxDepth) {
    page.too_deep = true;
    return page;
  }
  Clock clock{.deadline = deadline};
  auto too_slow = [&] {
    PageContent refused;
    refused.too_slow = true;
    return refused;
  };
  page.attributes = bounded.counts;
  if (bounded.counts.dropped > 0) html = bounded.text;
  thread_local GumboArena arena;
  struct Release {  // the tree is gone once the page is read, however it ends
    ~Release() { arena.reset(); }
  } release;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;  // only counted; a cap keeps memory bounded
  options.allocator = &GumboArena::allocate;
  options.deallocator = &GumboArena::deallocate;
  options.userdata = &arena;
  GumboOutput* out = arena.parse(options, html, clock);
  if (!out || clock.expired()) return too_slow();
  page.markup_errors = out->errors.length;

  // One pass over the whole document for what may be anywhere.
  const GumboNode* title_tag = nullptr;
  const GumboNode* body = nullptr;
  std::vector<const GumboNode*> mains;
  std::vector<DataValue> meta_tags;
  Marked osprey, pagefind;
  const GumboNode* hidden = nullptr;  // the outermost data-pagefind-ignore="all" walked
  if (const char* lang = attr(out->root, "lang")) page.lang = collapsed(lang);
  walk(
      out->document,
      [&](const GumboNode* n) {
        if (clock.due()) return false;
        if (!is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
        const GumboTag t = tag_of(n);
        if (t == GUMBO_TAG_TITLE && !title_tag) title_tag = n;
        if (t == GUMBO_TAG_BODY && !body) body = n;
        const Marks marks = marks_of(n);
        if (t == GUMBO_TAG_MAIN || role_of(marks) == "main") mains.push_back(n);
        if (marks.osprey) {
          osprey.seen = true;
          osprey.read(n, kOspreyVocabulary);
        }
        if (marks.pagefind) {
          pagefind.seen = true;
          if (!hidden && hides_all(n)) hidden = n;
          if (!hidden) pagefind.read(n, kPagefindVocabulary);
        }
        if (t == GUMBO_TAG_META) {
          const std::string key = meta_key(n);
          const char* content = attr(n, "content");
          if (!key.empty() && content && *content) {
            meta_tags.push_back({key, collapsed(content), key == "image", true});
          }
        }
        return t != GUMBO_TAG_TEMPLATE;
      },
      [&](const GumboNode* n) {
        if (n == hidden) hidden = nullptr;
      });
  if (clock.expired()) return too_slow();

  page.markup = osprey.seen                       ? Markup::osprey
                : pagefind.seen && allow_pagefind ? Markup::pagefind
                                                  : Markup::none;
  page.other_markup = pagefind.seen && page.markup != Markup::pagefind;
  const Vocabulary& vocabulary = dom::vocabulary(page.markup);
  Marked& own = page.markup == Markup::pagefind ? pagefind : osprey;
  const std::vector<const GumboNode*>& marked = own.bodies;
  const GumboNode* title_element = own.title_element;
  page.meta = std::move(own.meta);
  page.filters = std::move(own.filters);
  page.sorts = std::move(own.sorts);
  page.warnings = std::move(own.warnings);
  page.body_marked = !marked.empty();
  // Pagefind's title: the metadata key "title", first wins; not metadata.
  bool title_taken = title_element != nullptr;
  for (const DataValue& v : page.meta) {
    if (v.key == "title" && !title_taken) {
      page.title = v.value;
      title_taken = true;
    }
  }
  std::erase_if(page.meta, [](const DataValue& v) { return v.key == "title"; });

  const bool fallback = marked.empty() && mains.empty();
  std::vector<const GumboNode*> roots = !marked.empty()  ? outermost(marked)
                                        : !mains.empty() ? outermost(mains)
                                                         : std::vector<const GumboNode*>{};
  if (fallback && body) roots.push_back(body);

  if (title_element) page.title = text_of(title_element, vocabulary, true);
  ContentWalker content{page, vocabulary, fallback, title_element, title_taken, {}, {}, {}, {}, {}};
  for (const GumboNode* root : roots) {
    walk(
        root, [&](const GumboNode* n) { return !clock.due() && content.enter(n); },
        [&](const GumboNode* n) { content.leave(n); });
  }
  if (clock.expired()) return too_slow();
  if (page.title.empty() && title_tag) page.title = text_of(title_tag, vocabulary, false);
  page.text = std::move(content.main.text);
  for (auto& [weight, sink] : content.other) {
    if (!sink.text.empty()) page.weighted.push_back({weight, std::move(sink.text)});
  }
  // A heading at the very end starts after the last character.
  for (Section& s : page.sections) s.offset = std::min(s.offset, page.text.size());
  // Lower precedence after the explicit values: <meta> tags, then <time>.
  page.meta.insert(page.meta.end(), meta_tags.begin(), meta_tags.end());
  if (content.time_date && !content.time_date->empty()) {
    page.meta.push_back({"date", *content.time_date, false, true});
  }
  return page;  // the tree goes with the arena's reset
}

}  // namespace osprey::site
