#include "site/html_extract.hpp"

#include <gumbo.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_set>

namespace osprey::site {
namespace {

// A deadline, looked at every kEvery calls of due() (reading the clock at
// every allocation of Gumbo would slow it down); once passed, it stays passed.
struct Clock {
  static constexpr unsigned kEvery = 256;
  Deadline deadline = Deadline::max();
  unsigned calls = 0;
  bool passed = false;

  bool due() { return passed || (++calls % kEvery == 0 && expired()); }
  bool expired() { return passed = passed || std::chrono::steady_clock::now() > deadline; }
};

// ---- tree access ----------------------------------------------------------

bool is_element(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

GumboTag tag_of(const GumboNode* n) {
  return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}

char lower_char(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The value of n's first attribute named name (any case), as
// gumbo_get_attribute, but comparing first letters before calling strcasecmp:
// this runs several times for every element.
const char* attr(const GumboNode* n, const char* name) {
  if (!is_element(n)) return nullptr;
  const GumboVector& attributes = n->v.element.attributes;
  const char first = lower_char(name[0]);
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attributes.data[i]);
    if (lower_char(a->name[0]) == first && strcasecmp(a->name, name) == 0) return a->value;
  }
  return nullptr;
}

// What the walks ask of every element, in one pass over its attributes: its
// role attribute, and whether it has a data-osprey-* attribute (most
// elements have none, and then none of those need looking up).
struct Marks {
  const char* role = nullptr;
  bool osprey = false;
};
Marks marks_of(const GumboNode* n) {
  Marks m;
  if (!is_element(n)) return m;
  const GumboVector& attributes = n->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attributes.data[i]);
    const char first = lower_char(a->name[0]);
    if (first == 'd' && !m.osprey) {
      m.osprey = strncasecmp(a->name, "data-osprey-", 12) == 0;
    } else if (first == 'r' && !m.role && strcasecmp(a->name, "role") == 0) {
      m.role = a->value;
    }
  }
  return m;
}

bool has_osprey_attribute(const GumboNode* n) {
  return marks_of(n).osprey;
}

const GumboVector* children(const GumboNode* n) {
  if (is_element(n)) return &n->v.element.children;
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  return nullptr;
}

bool is_text(const GumboNode* n) {
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
         n->type == GUMBO_NODE_CDATA;
}

bool is_heading(GumboTag t) {
  return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

// Never text of the page, wherever they are.
bool is_skipped(GumboTag t) {
  return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TEMPLATE ||
         t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_SVG;
}

// Elements that flow inside a line: no word boundary at their edges.
bool is_inline(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

// The first word of the role attribute (ARIA takes the first it knows).
std::string_view role_of(const Marks& m) {
  if (!m.role) return {};
  std::string_view v(m.role);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  return v.substr(0, v.find(' '));
}

// Page furniture left out when the content falls back to <body>.
bool is_landmark(const GumboNode* n, const Marks& m) {
  const GumboTag t = tag_of(n);
  if (t == GUMBO_TAG_NAV || t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER ||
      t == GUMBO_TAG_ASIDE) {
    return true;
  }
  const std::string_view role = role_of(m);
  return role == "navigation" || role == "banner" || role == "contentinfo" ||
         role == "complementary" || role == "search";
}

// Depth-first, document order, without recursion. enter(node) returns whether
// to descend; leave(node) follows the children of each node entered.
template <typename Enter, typename Leave>
void walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next;
  };
  if (!enter(root)) return;
  std::vector<Frame> stack{{root, 0}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* kids = children(f.node);
    if (kids && f.next < kids->length) {
      const auto* child = static_cast<const GumboNode*>(kids->data[f.next++]);
      if (enter(child)) stack.push_back({child, 0});
    } else {
      const GumboNode* done = f.node;
      stack.pop_back();
      leave(done);
    }
  }
}

// ---- text -----------------------------------------------------------------

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Runs of ASCII whitespace become one space; no space at either end.
void collapse(std::string& s) {
  std::size_t w = 0;
  bool pending = false;
  for (char c : s) {
    if (is_space(c)) {
      pending = w > 0;
    } else {
      if (pending) s[w++] = ' ';
      pending = false;
      s[w++] = c;
    }
  }
  s.resize(w);
}

std::string collapsed(std::string s) {
  collapse(s);
  return s;
}

std::string text_of(const GumboNode* root, bool skip_permalinks, bool phrasing_only = false);

// A heading's "link to this section" marker: an <a href="#..."> that is
// aria-hidden or whose text is at most one symbol (¶ # § 🔗) with no letter.
bool is_permalink(const GumboNode* n) {
  if (tag_of(n) != GUMBO_TAG_A) return false;
  const char* href = attr(n, "href");
  if (!href || href[0] != '#') return false;
  if (const char* hidden = attr(n, "aria-hidden"); hidden && std::string_view(hidden) == "true") {
    return true;
  }
  const std::string text = text_of(n, false);
  if (text.size() > 4) return false;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The text of an element: word boundaries at block edges, collapsed. With
// phrasing_only, block elements inside are left out (a heading's own text).
std::string text_of(const GumboNode* root, bool skip_permalinks, bool phrasing_only) {
  std::string out;
  walk(
      root,
      [&](const GumboNode* n) {
        if (is_text(n)) {
          out += n->v.text.text;
          return false;
        }
        if (!is_element(n) || is_skipped(tag_of(n))) return false;
        if (has_osprey_attribute(n) && attr(n, "data-osprey-ignore")) return false;
        if (skip_permalinks && is_permalink(n)) return false;
        if (phrasing_only && n != root && !is_inline(tag_of(n))) return false;
        if (!is_inline(tag_of(n))) out += ' ';
        return true;
      },
      [&](const GumboNode* n) {
        if (!is_inline(tag_of(n))) out += ' ';
      });
  collapse(out);
  return out;
}

std::string percent_decode(std::string_view s) {
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The anchor a heading can be linked to, or "" (rules in the header).
std::string heading_anchor(const GumboNode* h) {
  if (const char* id = attr(h, "id"); id && *id) return id;
  const GumboNode* parent = h->parent;
  if (parent && is_element(parent)) {
    if (const char* pid = attr(parent, "id"); pid && *pid) {
      bool first = true;
      const GumboVector& kids = parent->v.element.children;
      for (unsigned i = 0; i < h->index_within_parent && i < kids.length; ++i) {
        if (is_heading(tag_of(static_cast<const GumboNode*>(kids.data[i])))) first = false;
      }
      if (first) return pid;
    }
  }
  std::string named, permalink;
  walk(
      h,
      [&](const GumboNode* n) {
        if (!is_element(n)) return false;
        if (tag_of(n) == GUMBO_TAG_A && named.empty()) {
          const char* id = attr(n, "id");
          const char* name = attr(n, "name");
          if (id && *id) {
            named = id;
          } else if (name && *name) {
            named = name;
          } else if (permalink.empty() && is_permalink(n)) {
            permalink = percent_decode(attr(n, "href") + 1);
          }
        }
        return true;
      },
      [](const GumboNode*) {});
  return named.empty() ? permalink : named;
}

// ---- data attributes ------------------------------------------------------

bool valid_key(std::string_view k) {
  if (k.empty() || k.size() > 40 || k[0] < 'a' || k[0] > 'z') return false;
  for (char c : k) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

// Field names the site records use themselves (site_records.cpp).
bool reserved_key(std::string_view k) {
  return k == "url" || k == "page" || k == "title" || k == "section" || k == "page_title" ||
         k == "body" || k.substr(0, 6) == "body_w";
}

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Reads data-osprey-<kind>="key, key:attr, ..." of n into out.
void read_data_attribute(const GumboNode* n, const char* name, std::vector<DataValue>& out,
                         std::vector<std::string>& warnings) {
  const char* spec = attr(n, name);
  if (!spec) return;
  std::string_view rest(spec);
  const std::string where = std::string(name) + "=\"" + std::string(rest.substr(0, 60)) + "\"";
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string item = collapsed(std::string(rest.substr(0, comma)));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t colon = item.find(':');
    const std::string key = lower_ascii(collapsed(item.substr(0, colon)));
    const std::string attribute =
        colon == std::string::npos ? "" : lower_ascii(collapsed(item.substr(colon + 1)));
    if (!valid_key(key)) {
      warnings.push_back(where + ": \"" + key.substr(0, 40) +
                         "\" is not a key (a letter, then letters, digits, _ or -; at most 40)");
      continue;
    }
    if (reserved_key(key)) {
      warnings.push_back(where + ": \"" + key + "\" is a reserved field name" +
                         (key == "title" ? " (mark the title with data-osprey-title)" : ""));
      continue;
    }
    DataValue v{key, "", false};
    if (colon != std::string::npos) {
      const char* value = attribute.empty() ? nullptr : attr(n, attribute.c_str());
      if (!value) {
        warnings.push_back(where + ": the element has no " +
                           (attribute.empty() ? std::string("attribute named") : attribute) +
                           " attribute");
        continue;
      }
      v.value = collapsed(value);
      v.url = attribute == "src" || attribute == "href" || attribute == "poster";
    } else {
      v.value = text_of(n, false);
    }
    if (!v.value.empty()) out.push_back(std::move(v));
  }
}

// <meta name|property=... content=...> -> a metadata key, or "".
std::string meta_key(const GumboNode* n) {
  const char* name = attr(n, "name");
  if (!name) name = attr(n, "property");
  if (!name) name = attr(n, "itemprop");
  if (!name) return "";
  const std::string k = lower_ascii(name);
  if (k == "description" || k == "og:description") return "description";
  if (k == "author" || k == "article:author") return "author";
  if (k == "keywords") return "keywords";
  if (k == "og:image" || k == "twitter:image") return "image";
  if (k == "article:published_time" || k == "date" || k == "datepublished") return "date";
  return "";
}

// ---- the walk over the content --------------------------------------------

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
  bool fallback;                   // content is <body>: leave landmarks out
  const GumboNode* title_element;  // [data-osprey-title], or null
  bool title_taken;                // the title is known (no <h1> will give it)
  TextSink main;
  std::vector<std::pair<double, TextSink>> other;  // by weight
  std::unordered_set<std::string> anchors;
  std::vector<std::pair<const GumboNode*, double>> weights;  // innermost last
  std::optional<std::string> time_date;

  TextSink& sink() {
    const double w = weights.empty() ? 1.0 : weights.back().second;
    if (w == 1.0) return main;
    for (auto& [weight, text] : other) {
      if (weight == w) return text;
    }
    other.emplace_back(w, TextSink{});
    return other.back().second;
  }

  // A heading holds phrasing content; block elements in one (a parser's
  // recovery from an unclosed heading can put the rest of the page there)
  // are content of their own, walked after the heading's text is taken.
  void heading(const GumboNode* h) {
    std::string text = text_of(h, true, true);
    const bool blocks = !text.empty() && text != text_of(h, true);
    if (text.empty()) text = text_of(h, true);
    take_heading(h, text);
    if (!blocks) return;
    walk(
        h,
        [&](const GumboNode* n) {
          if (n == h) return true;
          if (!is_element(n) || is_skipped(tag_of(n)) || is_permalink(n)) return false;
          if (is_inline(tag_of(n))) return true;
          walk(
              n, [&](const GumboNode* m) { return enter(m); },
              [&](const GumboNode* m) { leave(m); });
          return false;
        },
        [](const GumboNode*) {});
  }

  void take_heading(const GumboNode* h, const std::string& text) {
    if (h == title_element) return;  // the title itself: neither section nor text
    if (!title_taken && tag_of(h) == GUMBO_TAG_H1) {
      page.title = text;
      title_taken = true;
      return;
    }
    std::string anchor = heading_anchor(h);
    if (!anchor.empty() && !anchors.insert(anchor).second) {
      page.warnings.push_back("heading \"" + text.substr(0, 60) + "\" repeats the anchor #" +
                              anchor.substr(0, 60) + "; it starts no section");
      anchor.clear();
    }
    TextSink& out = sink();
    out.space();
    if (!anchor.empty()) page.sections.push_back({anchor, text, main.mark()});
    out.append(text);
    out.space();
  }

  bool enter(const GumboNode* n) {
    if (is_text(n)) {
      sink().append(n->v.text.text);
      return false;
    }
    if (!is_element(n)) return false;
    const GumboTag t = tag_of(n);
    const Marks marks = marks_of(n);
    const bool osprey = marks.osprey;
    if (is_skipped(t) || (osprey && attr(n, "data-osprey-ignore"))) return false;
    if (fallback && is_landmark(n, marks)) return false;
    if (is_heading(t)) {
      heading(n);
      return false;
    }
    if (t == GUMBO_TAG_TIME && !time_date) {
      if (const char* dt = attr(n, "datetime"); dt && *dt) time_date = collapsed(dt);
    }
    if (!is_inline(t)) sink().space();
    if (const char* w = osprey ? attr(n, "data-osprey-weight") : nullptr) {
      double value = 0;
      const std::string_view s(w);
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
      if (ec != std::errc() || p != s.data() + s.size() || !(value > 0) || value > 10) {
        page.warnings.push_back("data-osprey-weight=\"" + std::string(s.substr(0, 20)) +
                                "\" is not a number above 0 and at most 10; ignored");
      } else {
        value = std::max(0.1, std::round(value * 10) / 10);  // one decimal: few fields
        sink().space();
        weights.emplace_back(n, value);
        sink().space();
      }
    }
    return true;
  }

  void leave(const GumboNode* n) {
    if (!weights.empty() && weights.back().first == n) {
      sink().space();
      weights.pop_back();
    }
    if (!is_inline(tag_of(n))) sink().space();
  }
};

// Outermost nodes of list (no ancestor in list).
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

// Gumbo allocates every node, string and vector on its own and frees them one
// by one; through malloc that was a fifth of its time. A page's allocations
// come from this arena instead and are released at once after the page. The
// memory is kept for the next page of the thread (the largest page of the
// Python docs takes 34 MB), so pages do not fault in fresh memory each time.
// It is also where a parse past its deadline is stopped (html_extract.hpp).
class GumboArena {
 public:
  static void* allocate(void* arena, std::size_t size) {
    auto* self = static_cast<GumboArena*>(arena);
    if (self->clock_->due()) std::longjmp(*self->stop_, 1);
    return self->take(size);
  }
  static void deallocate(void*, void*) {}  // all at once, in reset()

  /// Gumbo's parse of html, or null if the clock passed its deadline first.
  /// No object with a destructor may live in this frame: longjmp lands here.
  GumboOutput* parse(const GumboOptions& options, std::string_view html, Clock& clock) {
    std::jmp_buf stop;
    clock_ = &clock;
    stop_ = &stop;
    if (setjmp(stop) != 0) return nullptr;
    return gumbo_parse_with_options(&options, html.data(), html.size());
  }

  void reset() {
    next_ = 0;
    at_ = end_ = nullptr;
    large_.clear();
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 20;
  static constexpr std::size_t kAlign = alignof(std::max_align_t);

  void* take(std::size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size > static_cast<std::size_t>(end_ - at_)) return take_new(size);
    void* p = at_;
    at_ += size;
    return p;
  }
  void* take_new(std::size_t size) {
    if (size > kChunk / 4) {  // a big buffer (a long text) gets its own block
      large_.push_back(std::make_unique_for_overwrite<std::max_align_t[]>(size / kAlign));
      return large_.back().get();
    }
    if (next_ == chunks_.size()) {
      chunks_.push_back(std::make_unique_for_overwrite<std::max_align_t[]>(kChunk / kAlign));
    }
    at_ = reinterpret_cast<char*>(chunks_[next_++].get());
    end_ = at_ + kChunk;
    return take(size);
  }

  std::vector<std::unique_ptr<std::max_align_t[]>> chunks_;  // kept across pages
  std::size_t next_ = 0;                                     // the next chunk to use
  char* at_ = nullptr;                                       // free bytes of the chunk in use
  char* end_ = nullptr;
  std::vector<std::unique_ptr<std::max_align_t[]>> large_;
  Clock* clock_ = nullptr;
  std::jmp_buf* stop_ = nullptr;
};

}  // namespace

PageContent extract_page(std::string_view html, Deadline deadline) {
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
  const GumboNode* title_element = nullptr;
  const GumboNode* body = nullptr;
  std::vector<const GumboNode*> marked, mains;
  std::vector<DataValue> meta_tags;
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
          if (attr(n, "data-osprey-body")) marked.push_back(n);
          if (!title_element && attr(n, "data-osprey-title")) title_element = n;
          read_data_attribute(n, "data-osprey-meta", page.meta, page.warnings);
          read_data_attribute(n, "data-osprey-filter", page.filters, page.warnings);
          read_data_attribute(n, "data-osprey-sort", page.sorts, page.warnings);
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
      [](const GumboNode*) {});
  if (clock.expired()) return too_slow();

  const bool fallback = marked.empty() && mains.empty();
  std::vector<const GumboNode*> roots = !marked.empty()  ? outermost(marked)
                                        : !mains.empty() ? outermost(mains)
                                                         : std::vector<const GumboNode*>{};
  if (fallback && body) roots.push_back(body);

  if (title_element) page.title = text_of(title_element, true);
  ContentWalker content{page, fallback, title_element, title_element != nullptr, {}, {}, {},
                        {},   {}};
  for (const GumboNode* root : roots) {
    walk(
        root, [&](const GumboNode* n) { return !clock.due() && content.enter(n); },
        [&](const GumboNode* n) { content.leave(n); });
  }
  if (clock.expired()) return too_slow();
  if (page.title.empty() && title_tag) page.title = text_of(title_tag, false);
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
