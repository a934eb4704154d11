#include "site/page_text.hpp"

#include <cctype>
#include <cstddef>

#include "site/gumbo_tree.hpp"

namespace osprey::site::dom {
namespace {

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

}  // namespace

std::string collapsed(std::string s) {
  collapse(s);
  return s;
}

bool is_permalink(const GumboNode* n) {
  if (tag_of(n) != GUMBO_TAG_A) return false;
  const char* href = attr(n, "href");
  if (!href || href[0] != '#') return false;
  if (const char* hidden = attr(n, "aria-hidden"); hidden && std::string_view(hidden) == "true") {
    return true;
  }
  const std::string text = text_of(n, kOspreyVocabulary, false);
  if (text.size() > 4) return false;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string text_of(const GumboNode* root, const Vocabulary& v, bool skip_permalinks,
                    bool phrasing_only) {
  std::string out;
  walk(
      root,
      [&](const GumboNode* n) {
        if (is_text(n)) {
          out += n->v.text.text;
          return false;
        }
        if (!is_element(n) || is_skipped(tag_of(n))) return false;
        if (is_ignored(n, v)) return false;
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

}  // namespace osprey::site::dom
