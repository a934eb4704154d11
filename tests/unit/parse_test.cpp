#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "query/parse.hpp"
#include "text/utf8.hpp"

using osprey::query::Atom;
using osprey::query::Group;
using osprey::query::kMaxGroups;
using osprey::query::kMaxQueryBytes;
using osprey::query::parse_query;
using osprey::query::ParsedQuery;

namespace {

const std::vector<std::string> kFields = {"title", "type", "body"};

// [a|b] -[c] [title:"x y"] [d*]: '-' marks an excluded group, quotes a
// phrase, "name:" a field, '*' a prefix atom.
std::string show(const ParsedQuery& q) {
  std::string out;
  for (const Group& g : q.all) {
    if (!out.empty()) out += ' ';
    if (g.exclude) out += '-';
    out += '[';
    for (std::size_t i = 0; i < g.any.size(); ++i) {
      const Atom& a = g.any[i];
      if (i > 0) out += '|';
      if (!a.field.empty()) out += a.field + ':';
      out += a.phrase ? '"' + a.text + '"' : a.text;
      if (a.prefix) out += '*';
    }
    out += ']';
  }
  return out;
}

std::string parse(std::string_view text) {
  return show(parse_query(text, kFields));
}

}  // namespace

TEST_CASE("words are AND-ed groups; the last bare word is a prefix", "[parse]") {
  CHECK(parse("torture germany") == "[torture] [germany*]");
  CHECK(parse("torture germany ") == "[torture] [germany]");
  CHECK(parse("  torture\t\ngermany\r\n") == "[torture] [germany]");
  CHECK(parse("") == "");
  CHECK(parse(" \t ") == "");
  CHECK(parse("Élan") == "[Élan*]");  // raw text, no folding
}

TEST_CASE("phrases", "[parse]") {
  CHECK(parse("\"sexual violence\"") == "[\"sexual violence\"]");
  CHECK(parse("a \"b c\" d") == "[a] [\"b c\"] [d*]");
  CHECK(parse("\"  b c \"") == "[\"b c\"]");  // outer whitespace trimmed
  CHECK(parse("\"a (b OR -c) title:d\"") == "[\"a (b OR -c) title:d\"]");
  // Quotes end words: adjacent units are separate groups.
  CHECK(parse("a\"b c\"d") == "[a] [\"b c\"] [d*]");
}

TEST_CASE("typographic quotes open and close phrases", "[parse]") {
  CHECK(parse("“sexual violence”") == "[\"sexual violence\"]");
  CHECK(parse("„sexual violence“ x") == "[\"sexual violence\"] [x*]");
  CHECK(parse("”a b“") == "[\"a b\"]");
  CHECK(parse("\"a b” c") == "[\"a b\"] [c*]");  // any quote closes any
  CHECK(parse("-“un aid”") == "-[\"un aid\"]");
}

TEST_CASE("apostrophes are not quotes", "[parse]") {
  CHECK(parse("Tarek Al A'lo") == "[Tarek] [Al] [A'lo*]");
  CHECK(parse("A’lo ‘x’") == "[A’lo] [‘x’*]");
}

TEST_CASE("exclusion", "[parse]") {
  CHECK(parse("-report") == "-[report]");  // never a prefix
  CHECK(parse("a -report") == "[a] -[report]");
  CHECK(parse("a -\"un aid\" b") == "[a] -[\"un aid\"] [b*]");
  CHECK(parse("-(a OR b) c") == "-[a|b] [c*]");
  CHECK(parse("(-a b)") == "-[a] [b]");
  CHECK(parse("-title:x") == "-[title:x]");
  CHECK(parse("-title:\"x y\"") == "-[title:\"x y\"]");
  CHECK(parse("-OR") == "-[OR]");
}

TEST_CASE("exclusion of parentheses excludes every group inside", "[parse]") {
  CHECK(parse("-(a b)") == "-[a] -[b]");
  CHECK(parse("-(a -b)") == "-[a] -[b]");
  CHECK(parse("-(a OR b") == "-[a|b]");  // no prefix in an excluded group
  CHECK(parse("-(x OR (a OR b)) c") == "-[x|a|b] [c*]");
  CHECK(parse("-()") == "");
}

TEST_CASE("'-' is an operator only at the start of a group", "[parse]") {
  CHECK(parse("cross-border") == "[cross-border*]");
  CHECK(parse("cross-border aid") == "[cross-border] [aid*]");
  CHECK(parse("a-") == "[a-*]");
  CHECK(parse("a - b") == "[a] [b*]");  // lone '-' dropped
  CHECK(parse("a -") == "[a]");
  CHECK(parse("-") == "");
  CHECK(parse("(a -)") == "[a]");
  CHECK(parse("\"x\"-\"y\"") == "[\"x\"] [\"y\"]");  // not after whitespace: dropped
  CHECK(parse("(a)-b") == "[a] [-b*]");              // not after whitespace: a word
  CHECK(parse("--a") == "[--a*]");
  CHECK(parse("a -- b") == "[a] [--] [b*]");
  CHECK(parse("-a-b") == "-[a-b]");
}

TEST_CASE("OR binds tighter than AND", "[parse]") {
  CHECK(parse("a OR b") == "[a|b*]");
  CHECK(parse("a b OR c d") == "[a] [b|c] [d*]");
  CHECK(parse("a OR b OR c") == "[a|b|c*]");
  CHECK(parse("\"a b\" OR c") == "[\"a b\"|c*]");
  CHECK(parse("title:a OR b") == "[title:a|b*]");
  CHECK(parse("a OR\"b\"") == "[a|\"b\"]");
}

TEST_CASE("stray OR is dropped; lower-case or is a word", "[parse]") {
  CHECK(parse("OR a") == "[a*]");
  CHECK(parse("a OR") == "[a]");
  CHECK(parse("a OR ") == "[a]");
  CHECK(parse("a OR OR b") == "[a|b*]");
  CHECK(parse("OR") == "");
  CHECK(parse("OR OR") == "");
  CHECK(parse("a or b") == "[a] [or] [b*]");
  CHECK(parse("a Or b") == "[a] [Or] [b*]");
  CHECK(parse("a ORb") == "[a] [ORb*]");
  CHECK(parse("(OR a)") == "[a]");
  CHECK(parse("(a OR) b") == "[a] [b*]");  // parentheses bound the OR
}

TEST_CASE("OR with an excluded operand is dropped", "[parse]") {
  CHECK(parse("-a OR b") == "-[a] [b*]");
  CHECK(parse("a OR -b") == "[a] -[b]");
  CHECK(parse("-a OR -b") == "-[a] -[b]");
  CHECK(parse("a OR b OR -c OR d") == "[a|b] -[c] [d*]");
  CHECK(parse("-(a OR b) OR c") == "-[a|b] [c*]");
  CHECK(parse("c OR -(a OR b)") == "[c] -[a|b]");
}

TEST_CASE("units that produce nothing are transparent to OR", "[parse]") {
  CHECK(parse("a OR () b") == "[a|b*]");
  CHECK(parse("a OR \"\" b") == "[a|b*]");
  CHECK(parse("a OR - b") == "[a|b*]");
  CHECK(parse("a OR title: b") == "[a|b*]");
  CHECK(parse("a () OR b") == "[a|b*]");
}

TEST_CASE("parentheses", "[parse]") {
  CHECK(parse("(a OR b) c") == "[a|b] [c*]");
  CHECK(parse("(a b)") == "[a] [b]");
  CHECK(parse("((a OR b) OR (c))") == "[a|b|c]");
  CHECK(parse("((a b) (c (d)))") == "[a] [b] [c] [d]");
  CHECK(parse("x OR (a OR b)") == "[x|a|b]");
  CHECK(parse("(a OR b) OR x") == "[a|b|x*]");
  // An OR next to parentheses holding several groups cannot join them.
  CHECK(parse("x OR (a b)") == "[x] [a] [b]");
  CHECK(parse("(a b) OR x") == "[a] [b] [x*]");
  CHECK(parse("()") == "");
  CHECK(parse("(()) a") == "[a*]");
  CHECK(parse("a(b)c") == "[a] [b] [c*]");
}

TEST_CASE("unbalanced parentheses and quotes", "[parse]") {
  CHECK(parse("(a OR b") == "[a|b*]");
  CHECK(parse("((a") == "[a*]");
  CHECK(parse("(a OR b ") == "[a|b]");
  CHECK(parse("a) b") == "[a] [b*]");
  CHECK(parse(")a") == "[a*]");
  CHECK(parse("a b))") == "[a] [b]");
  CHECK(parse("(a))) OR b") == "[a|b*]");
  CHECK(parse("\"a b") == "[\"a b\"]");
  CHECK(parse("x \"a (b OR") == "[x] [\"a (b OR\"]");
  CHECK(parse("\"") == "");
  CHECK(parse("\"\"") == "");
  CHECK(parse("\" \"") == "");
  CHECK(parse("(\"a b)") == "[\"a b)\"]");  // the quote runs to the end
}

TEST_CASE("field restrictions", "[parse]") {
  CHECK(parse("title:torture") == "[title:torture*]");
  CHECK(parse("title:torture x") == "[title:torture] [x*]");
  CHECK(parse("type:\"press release\"") == "[type:\"press release\"]");
  CHECK(parse("title:(a OR b) c") == "[title:a|title:b] [c*]");
  CHECK(parse("title:(a b)") == "[title:a] [title:b]");
  CHECK(parse("title:(a -b") == "[title:a] -[title:b]");
  CHECK(parse("title:(a OR b") == "[title:a|title:b*]");
  CHECK(parse("title:(a body:b \"c\")") == "[title:a] [body:b] [title:\"c\"]");  // innermost wins
  CHECK(parse("title:(body:(a) b)") == "[body:a] [title:b]");
  CHECK(parse("title:a:b") == "[title:a:b*]");
  CHECK(parse("(title:x OR y)") == "[title:x|y]");
}

TEST_CASE("a field with nothing after it is dropped", "[parse]") {
  CHECK(parse("title:") == "");
  CHECK(parse("title: x") == "[x*]");
  CHECK(parse("-title: x") == "[x*]");
  CHECK(parse("(title:) x") == "[x*]");
  CHECK(parse("title:\"\" x") == "[x*]");
  CHECK(parse("title:() x") == "[x*]");
}

TEST_CASE("unknown fields and times stay plain", "[parse]") {
  CHECK(parse("author:smith") == "[author:smith*]");
  CHECK(parse("Title:x") == "[Title:x*]");  // exact match only
  CHECK(parse("author:\"a b\"") == "[author:] [\"a b\"]");
  CHECK(parse("author:(a OR b)") == "[author:] [a|b]");
  CHECK(parse("meeting 10:30") == "[meeting] [10:30*]");
  CHECK(parse(":title") == "[:title*]");
  CHECK(parse("title") == "[title*]");
  CHECK(parse_query("title:x", {}).all.front().any.front().field.empty());
}

TEST_CASE("punctuation and emoji are atoms for the analyzer to judge", "[parse]") {
  CHECK(parse("🙂") == "[🙂*]");
  CHECK(parse("🙂 🎉") == "[🙂] [🎉*]");
  CHECK(parse("!!! ...") == "[!!!] [...*]");
  CHECK(parse("-!") == "-[!]");
}

TEST_CASE("Unicode whitespace separates words", "[parse]") {
  CHECK(parse("a\u00A0b") == "[a] [b*]");
  CHECK(parse("a\u3000b") == "[a] [b*]");
  CHECK(parse("a\u2003b\u200B") == "[a] [b]");
  CHECK(parse("a\u202Fb") == "[a] [b*]");
  CHECK(parse("\u00A0-a") == "-[a]");
  CHECK(parse("\"\u3000a b\u00A0\"") == "[\"a b\"]");
}

TEST_CASE("invalid UTF-8 is kept as bytes and never splits words", "[parse]") {
  CHECK(parse("a\x80z \xFF") == "[a\x80z] [\xFF*]");
  CHECK(parse("\xE2\x80") == "[\xE2\x80*]");  // truncated U+201C is not a quote
  CHECK(parse("\"a\xC3") == "[\"a\xC3\"]");
  CHECK(parse("\xC0\xA2x\xC0\xA2") == "[\xC0\xA2x\xC0\xA2*]");  // overlong '"' is not a quote
  CHECK(parse("-\xED\xA0\x80") == "-[\xED\xA0\x80]");           // surrogate
}

TEST_CASE("at most kMaxGroups groups are kept", "[parse]") {
  std::string q;
  for (int i = 0; i < 40; ++i) q += "w" + std::to_string(i) + " ";
  q.pop_back();
  const ParsedQuery p = parse_query(q, kFields);
  REQUIRE(p.all.size() == kMaxGroups);
  CHECK(p.all.back().any.front().text == "w31");
  CHECK_FALSE(p.all.back().any.front().prefix);  // the query's last word was dropped

  // OR-joining happens before the cap: one group may hold many alternatives.
  std::string alternatives = "a";
  for (int i = 0; i < 100; ++i) alternatives += " OR a";
  const ParsedQuery one = parse_query(alternatives, kFields);
  REQUIRE(one.all.size() == 1);
  CHECK(one.all[0].any.size() == 101);
  CHECK(one.all[0].any.back().prefix);
}

TEST_CASE("input past kMaxQueryBytes is cut at a code point", "[parse]") {
  SECTION("a 10,000-character query") {
    std::string q;
    while (q.size() < 10000) q += "ab ";
    const ParsedQuery p = parse_query(q, kFields);
    CHECK(p.all.size() == kMaxGroups);
  }
  SECTION("one long word") {
    const ParsedQuery p = parse_query(std::string(10000, 'x'), kFields);
    REQUIRE(p.all.size() == 1);
    CHECK(p.all[0].any[0].text == std::string(kMaxQueryBytes, 'x'));
    CHECK(p.all[0].any[0].prefix);  // the cut text is the query
  }
  SECTION("a two-byte code point across the limit is dropped whole") {
    const std::string q = std::string(kMaxQueryBytes - 1, 'x') + "éé";
    CHECK(parse_query(q, kFields).all[0].any[0].text == std::string(kMaxQueryBytes - 1, 'x'));
  }
  SECTION("a code point ending at the limit is kept") {
    const std::string q = std::string(kMaxQueryBytes - 2, 'x') + "éé";
    CHECK(parse_query(q, kFields).all[0].any[0].text == std::string(kMaxQueryBytes - 2, 'x') + "é");
  }
  SECTION("a four-byte code point across the limit") {
    const std::string q = std::string(kMaxQueryBytes - 3, 'x') + "🙂";
    CHECK(parse_query(q, kFields).all[0].any[0].text == std::string(kMaxQueryBytes - 3, 'x'));
  }
  SECTION("text after the limit has no effect") {
    const std::string q = "a \"" + std::string(kMaxQueryBytes, ' ') + "b\"";
    CHECK(show(parse_query(q, kFields)) == "[a]");
  }
  SECTION("deep nesting does not recurse") {
    const std::string q = std::string(10000, '(') + "a";
    CHECK(show(parse_query(q, kFields)) == "");
    const std::string r = std::string(4000, '(') + "a OR b" + std::string(4000, ')');
    CHECK(show(parse_query(r, kFields)) == "[a|b]");
  }
}

namespace {

// Invariants every parse must satisfy: at most kMaxGroups groups, none empty,
// no empty atom text, at most one prefix atom (a bare, non-excluded term, last
// in the query), and valid UTF-8 input gives valid UTF-8 atoms.
void check_invariants(std::string_view text) {
  INFO("query: " << text);
  const ParsedQuery p = parse_query(text, kFields);
  REQUIRE(p.all.size() <= kMaxGroups);
  const bool valid = osprey::text::sanitize_utf8(text) == text;
  int prefixes = 0;
  for (std::size_t g = 0; g < p.all.size(); ++g) {
    REQUIRE_FALSE(p.all[g].any.empty());
    for (std::size_t i = 0; i < p.all[g].any.size(); ++i) {
      const Atom& a = p.all[g].any[i];
      REQUIRE_FALSE(a.text.empty());
      if (valid) REQUIRE(osprey::text::sanitize_utf8(a.text) == a.text);
      if (a.prefix) {
        ++prefixes;
        REQUIRE_FALSE(a.phrase);
        REQUIRE_FALSE(p.all[g].exclude);
        REQUIRE(g + 1 == p.all.size());
        REQUIRE(i + 1 == p.all[g].any.size());
      }
    }
  }
  REQUIRE(prefixes <= 1);
}

}  // namespace

TEST_CASE("random operator soup parses within the invariants", "[parse][prop]") {
  const std::vector<std::string> alphabet = {"a", "b", " ",     "\"", "(", ")", "-",   ":",
                                             "O", "R", "title", "OR", "“", "”", "\xC3"};
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  for (int n = 0; n < 20000; ++n) {
    std::string q;
    for (int i = length(rng); i > 0; --i) q += alphabet[pick(rng)];
    check_invariants(q);
  }
}

TEST_CASE("random bytes parse within the invariants", "[parse][prop]") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 64);
  for (int n = 0; n < 5000; ++n) {
    std::string q;
    for (int i = length(rng); i > 0; --i) q += static_cast<char>(byte(rng));
    check_invariants(q);
  }
  std::string big;
  for (int i = 0; i < 20000; ++i) big += static_cast<char>(byte(rng));
  check_invariants(big);
}
