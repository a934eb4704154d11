#include "site/html_prescan.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <limits>
#include <vector>

#include "site/ascii.hpp"

namespace osprey::site {
namespace {

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// A tag name in the source: its length and its first bytes, lower-cased.
// Names longer than kShort are none of those the functions below know.
struct TagName {
  static constexpr std::size_t kShort = 16;
  std::size_t size = 0;
  char text[kShort];

  std::string_view known() const {
    return size <= kShort ? std::string_view(text, size) : std::string_view("-");
  }
  bool operator==(const TagName& o) const { return size == o.size && known() == o.known(); }
};

bool is_raw_text(const TagName& tag) {
  const std::string_view name = tag.known();
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes" ||
         name == "plaintext";
}

// A name of at most 8 bytes as one number (its bytes, big-endian).
constexpr uint64_t packed(std::string_view name) {
  uint64_t k = 0;
  for (char c : name) k = k << 8 | static_cast<unsigned char>(c);
  return k;
}

// Elements that do not nest: void elements, and those whose end tag may be
// left out (the parser closes them itself). A switch over packed names: this
// runs for every tag of every page.
bool nests(const TagName& tag) {
  if (tag.size > 8) return true;
  switch (packed(tag.known())) {
    case packed("area"):
    case packed("base"):
    case packed("br"):
    case packed("col"):
    case packed("embed"):
    case packed("hr"):
    case packed("img"):
    case packed("input"):
    case packed("link"):
    case packed("meta"):
    case packed("param"):
    case packed("source"):
    case packed("track"):
    case packed("wbr"):
    case packed("keygen"):
    case packed("frame"):
    case packed("basefont"):
    case packed("bgsound"):
    case packed("command"):
    case packed("p"):
    case packed("li"):
    case packed("dt"):
    case packed("dd"):
    case packed("option"):
    case packed("optgroup"):
    case packed("tr"):
    case packed("td"):
    case packed("th"):
    case packed("tbody"):
    case packed("thead"):
    case packed("tfoot"):
    case packed("colgroup"):
    case packed("caption"):
    case packed("rb"):
    case packed("rt"):
    case packed("rtc"):
    case packed("rp"):
    case packed("html"):
    case packed("head"):
    case packed("body"):
      return false;
    default:
      return true;
  }
}

bool is_named(const TagName& tag, std::string_view name) {
  return tag.known() == name;
}

// Start tags that end foreign content (an <svg> or <math> subtree): the
// parser closes the foreign elements and reads them as HTML.
bool breaks_out_of_foreign(const TagName& tag) {
  static constexpr std::string_view kNames[] = {
      "b",      "big",  "blockquote", "body",  "br",   "center", "code",    "dd",   "div",
      "dl",     "dt",   "em",         "embed", "h1",   "h2",     "h3",      "h4",   "h5",
      "h6",     "head", "hr",         "i",     "img",  "li",     "listing", "menu", "meta",
      "nobr",   "ol",   "p",          "pre",   "ruby", "s",      "small",   "span", "strong",
      "strike", "sub",  "sup",        "table", "tt",   "u",      "ul",      "var"};
  for (std::string_view n : kNames) {
    if (tag.known() == n) return true;
  }
  return false;
}

// Elements inside <svg> or <math> whose content is HTML again.
bool is_integration_point(const TagName& tag) {
  const std::string_view n = tag.known();
  return n == "foreignobject" || n == "desc" || n == "title" || n == "mi" || n == "mo" ||
         n == "mn" || n == "ms" || n == "mtext";
}

// The formatting elements of the HTML parser (WHATWG 13.2.4.3).
constexpr std::string_view kFormatting[] = {"a",    "b", "big",   "code",   "em",     "font", "i",
                                            "nobr", "s", "small", "strike", "strong", "tt",   "u"};

int formatting_index(const TagName& tag) {
  for (std::size_t k = 0; k < std::size(kFormatting); ++k) {
    if (tag.known() == kFormatting[k]) return static_cast<int>(k);
  }
  return -1;
}

// One pass of bound_attributes: a cursor through the tokenizer's states.
class AttributeScanner {
 public:
  AttributeScanner(std::string_view in, std::size_t max) : in_(in), max_(max) {}

  BoundedMarkup run() {
    std::size_t i = 0;
    while ((i = in_.find('<', i)) != std::string_view::npos) i = markup(i);
    if (out_.counts.dropped > 0) out_.text.append(in_.substr(copied_));
    return std::move(out_);
  }

 private:
  static constexpr auto npos = std::string_view::npos;

  std::size_t after(std::size_t found, std::size_t length) const {
    return found == npos ? in_.size() : found + length;
  }
  bool at(std::size_t i, std::string_view s) const { return in_.substr(i, s.size()) == s; }
  // "name" at i (any case) followed by whitespace, '/' or '>': an end tag of
  // raw text, or a <script> in script text.
  bool names(std::size_t i, std::string_view name) const {
    if (i + name.size() >= in_.size()) return false;
    for (std::size_t k = 0; k < name.size(); ++k) {
      if (lower_char(in_[i + k]) != name[k]) return false;
    }
    const char c = in_[i + name.size()];
    return is_space(c) || c == '/' || c == '>';
  }
  bool foreign() const { return !open_.empty() && open_.back() == kForeign; }

  // The markup at in_[i] == '<'; returns where the text after it starts.
  std::size_t markup(std::size_t i) {
    if (at(i, "<!--")) return comment_end(i + 4);
    if (i + 1 >= in_.size()) return in_.size();
    const char next = in_[i + 1];
    if (next == '!' && foreign() && at(i, "<![CDATA[")) return after(in_.find("]]>", i + 9), 3);
    if (next == '!' || next == '?') return after(in_.find('>', i + 2), 1);  // bogus comment
    if (next == '/') {
      if (i + 2 < in_.size() && is_alpha(in_[i + 2])) {
        TagName name;
        bool self_closing = false;
        const std::size_t end = tag(i + 2, false, name, self_closing);
        if (nests(name) && depth_ > 0) --depth_;
        if (is_named(name, "select")) in_select_ = false;
        const char kind = is_named(name, "svg") || is_named(name, "math") ? kForeign : kHtml;
        if (!open_.empty() && open_.back() == kind &&
            (kind == kForeign || is_integration_point(name))) {
          open_.pop_back();
        }
        return end;
      }
      if (at(i + 2, ">")) return i + 3;
      return after(in_.find('>', i + 2), 1);  // "</" + other: a bogus comment
    }
    if (!is_alpha(next)) return i + 1;
    TagName name;
    bool self_closing = false;
    const std::size_t end = tag(i + 1, true, name, self_closing);
    if (!self_closing && nests(name)) out_.depth = std::max(out_.depth, ++depth_);
    if (is_named(name, "svg") || is_named(name, "math")) {
      if (!self_closing) open_.push_back(kForeign);
      return end;
    }
    if (foreign()) {
      if (breaks_out_of_foreign(name)) {
        while (foreign()) open_.pop_back();
      } else {
        if (is_integration_point(name) && !self_closing) open_.push_back(kHtml);
        return end;
      }
    }
    // Inside <select> the parser ignores every start tag but a few, so a
    // <style> there is no raw text; <input>, <keygen> and <textarea> close it.
    const std::string_view n = name.known();
    if (n == "select" || n == "input" || n == "keygen" || n == "textarea") {
      in_select_ = n == "select" && !in_select_;  // a <select> in one closes it
    } else if (in_select_ && n != "script") {
      return end;
    }
    if (!is_raw_text(name)) return end;
    if (is_named(name, "plaintext")) return in_.size();
    if (is_named(name, "script")) return script_end(end);
    // To "</name" + a delimiter (then read as an end tag), or the end.
    for (std::size_t k = end; (k = in_.find("</", k)) != npos; k += 2) {
      if (names(k + 2, name.known())) return k;
    }
    return in_.size();
  }

  // After "<!--": "<!-->" and "<!--->" end at once; else "-->" or "--!>".
  std::size_t comment_end(std::size_t i) const {
    if (at(i, ">")) return i + 1;
    if (at(i, "->")) return i + 2;
    for (std::size_t k = i; (k = in_.find("--", k)) != npos; ++k) {
      std::size_t p = k + 2;
      while (p < in_.size() && in_[p] == '-') ++p;
      if (at(p, ">")) return p + 1;
      if (at(p, "!>")) return p + 2;
    }
    return in_.size();
  }

  // Script text from i: where its "</script" is, past "<!--" escapes in
  // which a "<script" hides the next "</script" (WHATWG "script data
  // escaped" and "double escaped" states).
  std::size_t script_end(std::size_t i) const {
    enum { kData, kEscaped, kDoubleEscaped } state = kData;
    for (; i < in_.size(); ++i) {
      const char c = in_[i];
      if (c == '>' && state != kData && i >= 2 && in_[i - 1] == '-' && in_[i - 2] == '-') {
        state = kData;
      } else if (c == '<') {
        if (in_.substr(i + 1, 1) == "/" && names(i + 2, "script")) {
          if (state != kDoubleEscaped) return i;
          state = kEscaped;
        } else if (state == kData && at(i, "<!--")) {
          state = kEscaped;
          i += 3;
        } else if (state == kEscaped && names(i + 1, "script")) {
          state = kDoubleEscaped;
        }
      }
    }
    return in_.size();
  }

  // A start or end tag from its name at in_[i]: counts its attributes and
  // drops those past the limit. Returns where the text after it starts.
  std::size_t tag(std::size_t i, bool start, TagName& name, bool& self_closing) {
    const std::size_t begin = i;
    // The name runs to whitespace, '/' or '>': "<style\"x\">" is no <style>.
    name = TagName();
    for (; i < in_.size() && !is_space(in_[i]) && in_[i] != '/' && in_[i] != '>'; ++i) {
      if (name.size < TagName::kShort) name.text[name.size] = lower_char(in_[i]);
      ++name.size;
    }
    std::size_t own = 0;
    std::size_t& count = !start                   ? own
                         : is_named(name, "html") ? html_attributes_
                         : is_named(name, "body") ? body_attributes_
                                                  : own;
    const int formatting = formatting_index(name);
    // Once the formatting work is spent, such tags keep no attributes.
    const bool bare = start && formatting >= 0 && formatting_work_ > kMaxFormattingWork;
    bool crowded = false;
    while (i < in_.size()) {
      const char c = in_[i];
      if (is_space(c)) {
        ++i;
        continue;
      }
      if (c == '/') {
        self_closing = at(i + 1, ">");
        ++i;
        continue;
      }
      if (c == '>') {
        ++i;
        break;
      }
      // An attribute: a name (its first byte may be anything, even '='),
      // then maybe '=' and a value, quoted or not.
      const std::size_t from = i++;
      while (i < in_.size() && !is_space(in_[i]) && in_[i] != '/' && in_[i] != '>' &&
             in_[i] != '=') {
        ++i;
      }
      std::size_t j = i;
      while (j < in_.size() && is_space(in_[j])) ++j;
      if (j < in_.size() && in_[j] == '=') {
        ++j;
        while (j < in_.size() && is_space(in_[j])) ++j;
        if (j < in_.size() && (in_[j] == '"' || in_[j] == '\'')) {
          i = after(in_.find(in_[j], j + 1), 1);
        } else {
          i = j;
          while (i < in_.size() && !is_space(in_[i]) && in_[i] != '>') ++i;
        }
      }
      if (bare) {
        drop(from, i);
        ++out_.counts.formatting_dropped;
      } else if (++count > max_) {
        drop(from, i);
        crowded = true;
      } else {
        ++out_.counts.kept;
      }
    }
    out_.counts.most = std::max(out_.counts.most, count);
    if (formatting >= 0) {
      count_formatting(static_cast<std::size_t>(formatting), start, std::min(own, max_));
    }
    if (crowded && out_.counts.crowded_tags++ == 0) {
      out_.counts.first_line = 1 + static_cast<std::size_t>(std::count(
                                       in_.begin(), in_.begin() + static_cast<long>(begin), '\n'));
    }
    return i;
  }

  // The parser's work on formatting elements (WHATWG "list of active
  // formatting elements"): each new one is compared, attribute by attribute,
  // with every one of its name still open (at most 3 may be equal), at a cost
  // up to the product of their attribute counts. Counted as an upper bound:
  // open ones of the name times the new one's attributes times the most any
  // of the name had.
  void count_formatting(std::size_t f, bool start, std::size_t attributes) {
    Formatting& x = formatting_[f];
    if (!start) {
      x.open -= x.open > 0 ? 1 : 0;
      return;
    }
    x.widest = std::max(x.widest, attributes);
    formatting_work_ += x.open * attributes * x.widest;
    ++x.open;
  }

  // Leaves out in_[from, to), an attribute. After a '/' it leaves a space,
  // so "a/b>" does not become the self-closing "a/>".
  void drop(std::size_t from, std::size_t to) {
    if (out_.counts.dropped++ == 0) out_.text.reserve(in_.size());
    out_.text.append(in_.substr(copied_, from - copied_));
    if (from > 0 && in_[from - 1] == '/') out_.text += ' ';
    copied_ = to;
  }

  static constexpr char kForeign = 'f', kHtml = 'h';
  std::string_view in_;
  std::size_t max_;
  BoundedMarkup out_;
  std::size_t copied_ = 0;  // in_[0, copied_) is in out_.text (once something is dropped)
  std::size_t html_attributes_ = 0, body_attributes_ = 0;  // merged over all their tags
  std::vector<char> open_;  // open <svg>/<math> (kForeign) and HTML inside them (kHtml)
  bool in_select_ = false;
  struct Formatting {
    std::size_t open = 0;    // start tags not yet ended
    std::size_t widest = 0;  // the most attributes one had
  };
  Formatting formatting_[std::size(kFormatting)];
  std::size_t formatting_work_ = 0;
  std::size_t depth_ = 0;  // elements open, as estimate_depth counts them
};

}  // namespace

std::size_t estimate_depth(std::string_view html) {
  return bound_attributes(html, std::numeric_limits<std::size_t>::max()).depth;
}

BoundedMarkup bound_attributes(std::string_view html, std::size_t max_attributes) {
  return AttributeScanner(html, max_attributes).run();
}

}  // namespace osprey::site
