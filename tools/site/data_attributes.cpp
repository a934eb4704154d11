#include "site/data_attributes.hpp"

#include <cstddef>

#include "core/quote.hpp"
#include "site/gumbo_tree.hpp"
#include "site/page_text.hpp"

namespace osprey::site::dom {
namespace {

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

// One item of a value list: KEY, and where its value comes from.
struct Item {
  std::string key;
  enum { kText, kAttribute, kLiteral } source = kText;
  std::string from;  // the attribute's name (lower-case), or the literal
};

// "key, key:attr, ..." (Osprey's syntax, markup.hpp).
std::vector<Item> osprey_items(std::string_view rest) {
  std::vector<Item> items;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string item = collapsed(std::string(rest.substr(0, comma)));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t colon = item.find(':');
    Item out{lower_ascii(collapsed(item.substr(0, colon)))};
    if (colon != std::string::npos) {
      out.source = Item::kAttribute;
      out.from = lower_ascii(collapsed(item.substr(colon + 1)));
    }
    items.push_back(std::move(out));
  }
  return items;
}

// "key, key[attr], ..., key:literal to the end" (Pagefind's syntax, markup.hpp).
std::vector<Item> pagefind_items(std::string_view rest) {
  std::vector<Item> items;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    const std::size_t colon = item.find(':');
    const std::size_t bracket = item.find('[');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon < bracket)) {
      items.push_back({lower_ascii(collapsed(std::string(item.substr(0, colon)))), Item::kLiteral,
                       collapsed(std::string(rest.substr(colon + 1)))});
      break;  // the literal runs to the end of the list
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    Item out{lower_ascii(collapsed(std::string(item.substr(0, bracket))))};
    if (bracket != std::string_view::npos) {
      const std::size_t close = item.find(']', bracket);
      out.source = Item::kAttribute;
      out.from = lower_ascii(collapsed(std::string(item.substr(
          bracket + 1, close == std::string_view::npos ? close : close - bracket - 1))));
    }
    if (!out.key.empty() || out.source != Item::kText) items.push_back(std::move(out));
  }
  return items;
}

}  // namespace

void read_data_attribute(const GumboNode* n, const char* name, const Vocabulary& v,
                         std::vector<DataValue>& out, std::vector<std::string>& warnings,
                         bool title_key) {
  const char* spec = attr(n, name);
  if (!spec) return;
  const std::string_view list(spec);
  const std::string where = std::string(name) + "=" + quoted(list, 60);
  const std::vector<Item> items =
      v.markup == Markup::pagefind ? pagefind_items(list) : osprey_items(list);
  for (const Item& item : items) {
    const std::string& key = item.key;
    if (!valid_key(key)) {
      warnings.push_back(where + ": " + quoted(key, 40) +
                         " is not a key (a letter, then letters, digits, _ or -; at most 40)");
      continue;
    }
    if (reserved_key(key) && !(title_key && key == "title")) {
      warnings.push_back(where + ": \"" + key + "\" is a reserved field name" +
                         (key == "title" && v.title
                              ? std::string(" (mark the title with ") + v.title + ")"
                              : std::string()));
      continue;
    }
    DataValue value{key, "", false};
    if (item.source == Item::kAttribute) {
      const char* found = item.from.empty() ? nullptr : attr(n, item.from.c_str());
      if (!found) {
        warnings.push_back(where + ": the element has no " +
                           (item.from.empty() ? std::string("attribute named") : item.from) +
                           " attribute");
        continue;
      }
      value.value = collapsed(found);
      value.url = item.from == "src" || item.from == "href" || item.from == "poster";
    } else if (item.source == Item::kLiteral) {
      value.value = item.from;
    } else {
      value.value = text_of(n, v, false);
    }
    if (!value.value.empty()) out.push_back(std::move(value));
  }
}

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

}  // namespace osprey::site::dom
