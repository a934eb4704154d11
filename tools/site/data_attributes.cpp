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

}  // namespace

void read_data_attribute(const GumboNode* n, const char* name, std::vector<DataValue>& out,
                         std::vector<std::string>& warnings) {
  const char* spec = attr(n, name);
  if (!spec) return;
  std::string_view rest(spec);
  const std::string where = std::string(name) + "=" + quoted(rest, 60);
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
      warnings.push_back(where + ": " + quoted(key, 40) +
                         " is not a key (a letter, then letters, digits, _ or -; at most 40)");
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
