// Reading Gumbo's tree (the internals of html_extract.cpp): what an element
// is, its attributes, and a depth-first walk. Inline: they run for every node.
#pragma once

#include <gumbo.h>
#include <strings.h>

#include <string_view>
#include <vector>

#include "site/ascii.hpp"

namespace osprey::site::dom {

inline bool is_element(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

inline GumboTag tag_of(const GumboNode* n) {
  return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}

// The value of n's first attribute named name (any case), as
// gumbo_get_attribute, but comparing first letters before calling strcasecmp:
// this runs several times for every element.
inline const char* attr(const GumboNode* n, const char* name) {
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
// role attribute, and whether it has a data-osprey-* or a data-pagefind-*
// attribute (most elements have none, and then none of those need looking up).
struct Marks {
  const char* role = nullptr;
  bool osprey = false;
  bool pagefind = false;
};
inline Marks marks_of(const GumboNode* n) {
  Marks m;
  if (!is_element(n)) return m;
  const GumboVector& attributes = n->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attributes.data[i]);
    const char first = lower_char(a->name[0]);
    if (first == 'd') {
      if (strncasecmp(a->name, "data-osprey-", 12) == 0) m.osprey = true;
      if (strncasecmp(a->name, "data-pagefind-", 14) == 0) m.pagefind = true;
    } else if (first == 'r' && !m.role && strcasecmp(a->name, "role") == 0) {
      m.role = a->value;
    }
  }
  return m;
}

inline const GumboVector* children(const GumboNode* n) {
  if (is_element(n)) return &n->v.element.children;
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  return nullptr;
}

inline bool is_text(const GumboNode* n) {
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
         n->type == GUMBO_NODE_CDATA;
}

inline bool is_heading(GumboTag t) {
  return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

// Never text of the page, wherever they are.
inline bool is_skipped(GumboTag t) {
  return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TEMPLATE ||
         t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_SVG;
}

// Elements that flow inside a line: no word boundary at their edges.
inline bool is_inline(GumboTag t) {
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
inline std::string_view role_of(const Marks& m) {
  if (!m.role) return {};
  std::string_view v(m.role);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  return v.substr(0, v.find(' '));
}

// Page furniture left out when the content falls back to <body>.
inline bool is_landmark(const GumboNode* n, const Marks& m) {
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

}  // namespace osprey::site::dom
