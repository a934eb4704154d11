// One left-to-right pass over the (cut) query, one code point of lookahead.
// Parentheses do not recurse: each open '(' is a Frame on an explicit stack
// (so "((((..." cannot overflow the wasm stack), and every frame appends its
// groups to the one output vector, which is what "nesting flattens" means.
// A frame's field and exclusion are resolved when it opens, so each atom is
// finished when it is created and no group is revisited: the pass is linear.
#include "query/parse.hpp"

#include <utility>

#include "text/utf8.hpp"

namespace osprey::query {
namespace {

enum class Kind { kSpace, kQuote, kOpen, kClose, kWordChar };

Kind classify(char32_t cp) {
  switch (cp) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\f':
    case U'\v':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return Kind::kSpace;
    case U'"':
    case 0x201C:
    case 0x201D:
    case 0x201E:
      return Kind::kQuote;
    case U'(':
      return Kind::kOpen;
    case U')':
      return Kind::kClose;
    default:
      return cp >= 0x2000 && cp <= 0x200B ? Kind::kSpace : Kind::kWordChar;
  }
}

// The longest prefix of text that is at most kMaxQueryBytes and ends on a
// decoding boundary (a code point or a whole ill-formed subpart).
std::string_view cut(std::string_view text) {
  if (text.size() <= kMaxQueryBytes) return text;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t next = pos + text::decode_utf8(text, pos).size;
    if (next > kMaxQueryBytes) return text.substr(0, pos);
    pos = next;
  }
}

// One open '(' (or the whole query, at the bottom of the stack).
struct Frame {
  std::size_t start;           // index in ParsedQuery::all of this frame's first group
  std::string field;           // restriction for atoms without their own: innermost wins
  bool exclude;                // '-' before this '(' or before any enclosing one
  bool own_exclude;            // '-' written directly before this '('
  bool last_joinable = false;  // the last unit is one group without its own '-'
  bool pending_or = false;     // an OR follows that unit and awaits its right operand
};

// '-' and "field:" written directly before a quote or '(' apply to that unit.
struct Modifiers {
  std::string field;
  bool exclude = false;
};

class Parser {
 public:
  Parser(std::string_view text, const std::vector<std::string>& fields)
      : text_(text), fields_(fields) {
    frames_.push_back(Frame{0, {}, false, false});
  }

  ParsedQuery run() {
    bool at_start = true;  // at the query start, or after whitespace or '('
    while (pos_ < text_.size()) {
      const text::Decoded d = text::decode_utf8(text_, pos_);
      switch (classify(d.cp)) {
        case Kind::kSpace:
          pos_ += d.size;
          at_start = true;
          break;
        case Kind::kQuote:
          phrase(Modifiers{});
          at_start = false;
          break;
        case Kind::kOpen:
          pos_ += d.size;
          open(Modifiers{});
          at_start = true;
          break;
        case Kind::kClose:
          pos_ += d.size;
          if (frames_.size() > 1) close();  // a stray ')' is ignored
          at_start = false;
          break;
        case Kind::kWordChar:
          word(at_start);
          at_start = false;
          break;
      }
    }
    while (frames_.size() > 1) close();  // unbalanced '(' closes at the end
    if (out_.all.size() > kMaxGroups) {
      out_.all.erase(out_.all.begin() + kMaxGroups, out_.all.end());
    }
    return std::move(out_);
  }

 private:
  Kind peek() const {
    return pos_ < text_.size() ? classify(text::decode_utf8(text_, pos_).cp) : Kind::kSpace;
  }

  bool is_field(std::string_view name) const {
    for (const std::string& f : fields_) {
      if (f == name) return true;
    }
    return false;
  }

  // A run of word characters at pos_: "OR", [-][field:]term, or [-][field:]
  // as modifiers of the quote or '(' that follows.
  void word(bool at_start) {
    const std::size_t begin = pos_;
    while (pos_ < text_.size()) {
      const text::Decoded d = text::decode_utf8(text_, pos_);
      if (classify(d.cp) != Kind::kWordChar) break;
      pos_ += d.size;
    }
    std::string_view w = text_.substr(begin, pos_ - begin);
    if (w == "OR") {
      or_operator();
      return;
    }
    const Kind next = peek();
    const bool operand_follows = next == Kind::kQuote || next == Kind::kOpen;

    Modifiers mods;
    // "--x" is not a negation: dashes used as punctuation stay words.
    if (at_start && w[0] == '-' && (w.size() == 1 ? operand_follows : w[1] != '-')) {
      mods.exclude = true;
      w.remove_prefix(1);
    }
    const std::size_t colon = w.find(':');
    if (colon != std::string_view::npos && colon > 0 && is_field(w.substr(0, colon))) {
      mods.field = std::string(w.substr(0, colon));
      w.remove_prefix(colon + 1);
    }
    if (w.empty()) {
      // Only modifiers: they bind to an immediately following quote or '(',
      // otherwise ("title: x", "- x") they are dropped.
      if (next == Kind::kQuote) {
        phrase(std::move(mods));
      } else if (next == Kind::kOpen) {
        pos_ += 1;  // '(' is one byte
        open(std::move(mods));
      }
      return;
    }
    if (w == "-") return;  // a lone '-' that is not an operator
    Atom atom;
    atom.field = std::move(mods.field);
    atom.text = std::string(w);
    atom.prefix = pos_ == text_.size();
    add_atom(std::move(atom), mods.exclude);
  }

  // A quoted phrase starting at the quote at pos_; runs to the next quote of
  // any kind, or to the end. Whitespace around the inside is trimmed.
  void phrase(Modifiers mods) {
    pos_ += text::decode_utf8(text_, pos_).size;
    std::size_t first = std::string_view::npos;  // first non-space byte inside
    std::size_t last = pos_;                     // end of the last non-space code point
    while (pos_ < text_.size()) {
      const text::Decoded d = text::decode_utf8(text_, pos_);
      const Kind k = classify(d.cp);
      if (k == Kind::kQuote) {
        pos_ += d.size;
        break;
      }
      if (k != Kind::kSpace) {
        if (first == std::string_view::npos) first = pos_;
        last = pos_ + d.size;
      }
      pos_ += d.size;
    }
    if (first == std::string_view::npos) return;  // "" and " " are nothing
    Atom atom;
    atom.field = std::move(mods.field);
    atom.text = std::string(text_.substr(first, last - first));
    atom.phrase = true;
    add_atom(std::move(atom), mods.exclude);
  }

  // Adds a unit of one group holding atom to the innermost frame.
  void add_atom(Atom atom, bool own_exclude) {
    Frame& f = frames_.back();
    if (atom.field.empty()) atom.field = f.field;
    const bool exclude = own_exclude || f.exclude;
    if (exclude) atom.prefix = false;
    if (f.pending_or && !own_exclude) {
      out_.all.back().any.push_back(std::move(atom));
    } else {
      Group g;
      g.any.push_back(std::move(atom));
      g.exclude = exclude;
      out_.all.push_back(std::move(g));
      f.last_joinable = !own_exclude;
    }
    f.pending_or = false;
  }

  // Leading, doubled, or after an excluded unit: dropped.
  void or_operator() {
    Frame& f = frames_.back();
    if (f.last_joinable) f.pending_or = true;
  }

  void open(Modifiers mods) {
    const Frame& parent = frames_.back();
    Frame f{out_.all.size(), mods.field.empty() ? parent.field : std::move(mods.field),
            mods.exclude || parent.exclude, mods.exclude};
    frames_.push_back(std::move(f));
  }

  // Ends the innermost frame; its groups become one unit of the parent.
  // Empty parentheses are no unit at all: the parent's OR state carries over.
  void close() {
    const Frame child = std::move(frames_.back());
    frames_.pop_back();
    Frame& parent = frames_.back();
    const std::size_t n = out_.all.size() - child.start;
    if (n == 0) return;
    const bool single = n == 1 && !child.own_exclude;
    if (single && parent.pending_or) {
      // The group before child.start is the parent's last unit (pending_or
      // implies last_joinable); both share the parent's inherited exclusion.
      std::vector<Atom>& into = out_.all[child.start - 1].any;
      for (Atom& a : out_.all.back().any) into.push_back(std::move(a));
      out_.all.pop_back();
    } else {
      parent.last_joinable = single;
    }
    parent.pending_or = false;
  }

  std::string_view text_;
  const std::vector<std::string>& fields_;
  std::size_t pos_ = 0;
  std::vector<Frame> frames_;
  ParsedQuery out_;
};

}  // namespace

ParsedQuery parse_query(std::string_view text, const std::vector<std::string>& fields) {
  return Parser(cut(text), fields).run();
}

}  // namespace osprey::query
