#include "text/unicode.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "text/unicode_tables_pack.hpp"
#include "text/utf8.hpp"

namespace {

using osprey::text::char_class;
using osprey::text::CharClass;
using osprey::text::fold;
using osprey::text::fold_append;
using osprey::text::Folding;
using osprey::text::is_cjk;

std::u32string fold_cp(char32_t cp) {
  std::u32string out;
  fold_append(cp, out);
  return out;
}

bool is_surrogate(char32_t cp) {
  return cp >= 0xD800 && cp <= 0xDFFF;
}

}  // namespace

TEST_CASE("fold lower-cases ASCII and leaves other ASCII alone") {
  CHECK(fold("") == "");
  CHECK(fold("Hello, World! 42") == "hello, world! 42");
  CHECK(fold("AZaz@[`{") == "azaz@[`{");
  std::string all;
  for (int c = 0; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  std::string expected = all;
  for (char& c : expected) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 0x20);
  }
  CHECK(fold(all) == expected);
}

TEST_CASE("fold applies NFKD, full case folding and Mn removal") {
  CHECK(fold("É") == "e");
  CHECK(fold("E\u0301") == "e");  // decomposed É
  CHECK(fold("Straße") == "strasse");
  CHECK(fold("ẞ") == "ss");  // capital sharp s
  CHECK(fold("ﬁ") == "fi");
  CHECK(fold("ﬃ") == "ffi");
  CHECK(fold("Ａ") == "a");  // fullwidth
  CHECK(fold("１２３") == "123");
  CHECK(fold("𝐀𝐛") == "ab");  // mathematical bold
  CHECK(fold("①") == "1");
  CHECK(fold("㎏") == "kg");
  CHECK(fold("Ⅻ") == "xii");
  CHECK(fold("ΣΑΣ") == "σασ");
  CHECK(fold("σας") == "σασ");  // final sigma folds to σ
  CHECK(fold("Ά") == "α");
  CHECK(fold("ΐ") == "ι");
  CHECK(fold("ᾳ") == "αι");  // ypogegrammeni folds to iota, a letter
  CHECK(fold("Ǆ") == "dz");  // NFKD "DŽ" -> folded "dž" -> mark stripped
  CHECK(fold("ǅ") == "dz");
  CHECK(fold("ǆ") == "dz");
  CHECK(fold("İ") == "i");  // C+F folding gives "i̇", mark removal gives "i"
  CHECK(fold("I") == "i");
  CHECK(fold("ı") == "ı");  // dotless i has no folding
  CHECK(fold("ǰ") == "j");
  CHECK(fold("ŉ") == "ʼn");
  CHECK(fold("ꭰ") == "Ꭰ");  // Cherokee folds to the uppercase letters
  CHECK(fold("Việt") == "viet");
  CHECK(fold("Việt Nam") == "viet nam");
  CHECK(fold("Ελληνικά") == "ελληνικα");
  CHECK(fold("МОСКВА") == "москва");
  CHECK(fold("ё") == "е");
  // Cyrillic й and Ukrainian ї are letters of their own, not и and і with a mark.
  CHECK(fold("Новый ЙОД") == "новый йод");
  CHECK(fold("ЇЖАК її") == "їжак її");
  CHECK(fold("и\u0306") == "и");  // a decomposed й: the mark is removed as any
}

TEST_CASE("fold leaves punctuation, symbols and CJK alone, bar compatibility forms") {
  CHECK(fold("A’lo") == "a’lo");
  CHECK(fold("«x»—y") == "«x»—y");
  CHECK(fold("…") == "...");  // compatibility decomposition does reach punctuation
  CHECK(fold("€100 ©") == "€100 ©");
  CHECK(fold("中") == "中");
  CHECK(fold("中文检索") == "中文检索");
  CHECK(fold("한국어") == "한국어");                      // Hangul syllables are not decomposed
  CHECK(fold("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // emoji
}

TEST_CASE("fold drops the kana voicing marks, which are Mn") {
  CHECK(fold("が") == "か");  // U+304C decomposes to U+304B U+3099
  CHECK(fold("パ") == "ハ");  // U+30D1 decomposes to U+30CF U+309A
  CHECK(fold("ﾊﾟ") == "ハ");  // halfwidth forms
  CHECK(fold("かな") == "かな");
}

TEST_CASE("fold strips Arabic and Hebrew vowel marks") {
  // Marks are spelled as escapes so that each one is visible.
  // بِسْمِ: beh kasra seen sukun meem kasra
  CHECK(fold("\u0628\u0650\u0633\u0652\u0645\u0650") == "\u0628\u0633\u0645");
  // مُحَمَّد: meem damma hah fatha meem shadda fatha dal
  CHECK(fold("\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F") == "\u0645\u062D\u0645\u062F");
  // كِتَابٌ: kaf kasra teh fatha alef beh dammatan
  CHECK(fold("\u0643\u0650\u062A\u064E\u0627\u0628\u064C") == "\u0643\u062A\u0627\u0628");
  // שָׁלוֹם: shin qamats shin-dot lamed vav holam final-mem
  CHECK(fold("\u05E9\u05B8\u05C1\u05DC\u05D5\u05B9\u05DD") == "\u05E9\u05DC\u05D5\u05DD");
  // בְּרֵאשִׁית: bet sheva dagesh resh tsere alef shin hiriq shin-dot yod tav
  CHECK(fold("\u05D1\u05B0\u05BC\u05E8\u05B5\u05D0\u05E9\u05B4\u05C1\u05D9\u05EA") ==
        "\u05D1\u05E8\u05D0\u05E9\u05D9\u05EA");
  CHECK(fold("\uFB2A") == "\u05E9");        // presentation form shin with shin dot
  CHECK(fold("\uFEFB") == "\u0644\u0627");  // presentation form lam-alef ligature
}

TEST_CASE("fold drops lone combining marks and replaces invalid UTF-8") {
  CHECK(fold("\u0301") == "");
  CHECK(fold_cp(0x0301).empty());
  CHECK(fold("a\xFF"
             "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(fold("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(fold("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("fold_append appends and maps out-of-range values to themselves") {
  std::u32string out = U"x";
  fold_append(U'É', out);
  fold_append(U'ß', out);
  CHECK(out == U"xess");
  CHECK(fold_cp(U'中') == U"中");
  CHECK(fold_cp(0x10FFFF) == std::u32string(1, 0x10FFFF));
  CHECK(fold_cp(0x110000) == std::u32string(1, 0x110000));
  CHECK(fold_cp(0xFFFFFFFF) == std::u32string(1, 0xFFFFFFFF));
}

TEST_CASE("fold is idempotent for every code point") {
  std::size_t failures = 0;
  char32_t first_failure = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (is_surrogate(cp)) continue;
    const std::u32string once = fold_cp(cp);
    std::u32string twice;
    for (char32_t c : once) fold_append(c, twice);
    std::string utf8;
    osprey::text::append_utf8(utf8, cp);
    const std::string folded = fold(utf8);
    if (twice != once || fold(folded) != folded) {
      if (failures++ == 0) first_failure = cp;
    }
  }
  INFO("first failure at " << static_cast<uint32_t>(first_failure));
  CHECK(failures == 0);
}

TEST_CASE("lowercase_latin lowers Latin capitals and keeps marks") {
  using osprey::text::lowercase_latin;
  CHECK(lowercase_latin("ÉTÉ Tulipán ÀÞ×") == "été tulipán àþ×");
  CHECK(lowercase_latin("ŐŰ Ÿ ĽŽ ȘȚ Ŋ") == "őű ÿ ľž șț ŋ");
  CHECK(lowercase_latin("İSTANBUL") == "istanbul");
  CHECK(lowercase_latin("IŞIK", Folding::kTurkic) == "ışık");
  // Other scripts and invalid bytes: kept, U+FFFD.
  CHECK(lowercase_latin("ΟΔΟΣ Дом") == "ΟΔΟΣ Дом");
  CHECK(lowercase_latin("a\xff"
                        "b") ==
        "a\xef\xbf\xbd"
        "b");
  // fold with a language's rules, as the tokenizer folds.
  CHECK(osprey::text::fold("IŞIK", Folding::kTurkic) == "ısık");
}

TEST_CASE("char_class follows the general category") {
  CHECK(char_class(U'A') == CharClass::kLetter);
  CHECK(char_class(U'z') == CharClass::kLetter);
  CHECK(char_class(U'é') == CharClass::kLetter);
  CHECK(char_class(U'ß') == CharClass::kLetter);
  CHECK(char_class(U'ʼ') == CharClass::kLetter);  // U+02BC modifier letter apostrophe, Lm
  CHECK(char_class(U'中') == CharClass::kLetter);
  CHECK(char_class(0x4DBF) == CharClass::kLetter);   // end of a UnicodeData range entry
  CHECK(char_class(0x20000) == CharClass::kLetter);  // start of a range entry
  CHECK(char_class(U'한') == CharClass::kLetter);
  CHECK(char_class(U'0') == CharClass::kNumber);
  CHECK(char_class(U'9') == CharClass::kNumber);
  CHECK(char_class(U'٣') == CharClass::kNumber);   // Arabic-Indic digit three, Nd
  CHECK(char_class(U'Ⅻ') == CharClass::kNumber);   // Nl
  CHECK(char_class(U'½') == CharClass::kNumber);   // No
  CHECK(char_class(0x0301) == CharClass::kMark);   // combining acute, Mn
  CHECK(char_class(0x0903) == CharClass::kMark);   // Devanagari visarga, Mc
  CHECK(char_class(0x20DD) == CharClass::kMark);   // enclosing circle, Me
  CHECK(char_class(0xE0100) == CharClass::kMark);  // variation selector 17
  CHECK(char_class(U'-') == CharClass::kOther);
  CHECK(char_class(U'’') == CharClass::kOther);
  CHECK(char_class(U' ') == CharClass::kOther);
  CHECK(char_class(0x00A0) == CharClass::kOther);
  CHECK(char_class(0x3000) == CharClass::kOther);   // ideographic space
  CHECK(char_class(0x1F600) == CharClass::kOther);  // emoji
  CHECK(char_class(0x0378) == CharClass::kOther);   // unassigned
  CHECK(char_class(0xE000) == CharClass::kOther);   // private use
  CHECK(char_class(0xD800) == CharClass::kOther);   // surrogate
  CHECK(char_class(0x10FFFF) == CharClass::kOther);
  CHECK(char_class(0x110000) == CharClass::kOther);
}

TEST_CASE("is_cjk covers Han, kana and Hangul") {
  CHECK(is_cjk(U'中'));
  CHECK(is_cjk(0x3400));
  CHECK(is_cjk(0x4DBF));
  CHECK(is_cjk(0x4E00));
  CHECK(is_cjk(0x9FFF));
  CHECK(is_cjk(0x20000));
  CHECK(is_cjk(0x3134F));
  CHECK(is_cjk(0xF900));   // compatibility ideograph
  CHECK(is_cjk(0x2F800));  // compatibility ideograph supplement
  CHECK(is_cjk(U'あ'));
  CHECK(is_cjk(U'ア'));
  CHECK(is_cjk(0x31F0));  // katakana phonetic extension
  CHECK(is_cjk(U'한'));
  CHECK(is_cjk(0xD7A3));
  CHECK(is_cjk(0x1100));  // Hangul Jamo
  CHECK(is_cjk(0x3131));  // Hangul compatibility Jamo
  CHECK_FALSE(is_cjk(U'a'));
  CHECK_FALSE(is_cjk(U'é'));
  CHECK_FALSE(is_cjk(0x3000));  // ideographic space
  CHECK_FALSE(is_cjk(0x3002));  // ideographic full stop
  CHECK_FALSE(is_cjk(0xA000));  // Yi
  CHECK_FALSE(is_cjk(0xD7B0));  // Hangul Jamo Extended-B
  CHECK_FALSE(is_cjk(0x1F600));
  CHECK_FALSE(is_cjk(0x110000));
}

TEST_CASE("the packed tables unpack by the formats of unicode_tables_pack.hpp") {
  using namespace osprey::text::tables;
  // Ranges: gap varint, length varint, class byte; 0x80 0x01 is 128.
  const uint8_t ranges[] = {0x30, 0x09, 2, 0x80, 0x01, 0x00, 1, 0x05};
  const auto r = unpack_class_ranges(ranges);
  REQUIRE(r.size() == 2);  // the truncated third range is dropped
  CHECK(r[0].first == 0x30);
  CHECK(r[0].last_class == (0x39 | 2u << kClassShift));
  CHECK(r[1].first == 0x3A + 128);
  CHECK(r[1].last_class == ((0x3A + 128) | 1u << kClassShift));
  // Segments: the count, the start steps, the zigzag kind-index steps (3 is
  // -2, 4 is +2).
  const uint8_t segments[] = {0x03, 0x00, 0x41, 0x80, 0x02, 0x04, 0x03, 0x06};
  CHECK(unpack_fold_segments(segments) ==
        std::vector<uint32_t>{2, 0x41u << kFoldKindBits, (0x41u + 256) << kFoldKindBits | 3});
  // A truncated column drops the entries it does not reach.
  const uint8_t truncated[] = {0x03, 0x00, 0x41, 0x80, 0x02, 0x04, 0x03};
  CHECK(unpack_fold_segments(truncated) == std::vector<uint32_t>{2, 0x41u << kFoldKindBits});
  const uint8_t kinds[] = {0x00, 0x02, 0xFF, 0x7F};
  CHECK(unpack_fold_kinds(kinds) == std::vector<uint32_t>{0, 2, 2 + 0x3FFF});
}

TEST_CASE("the generated tables unpack to the counts their header states") {
  using namespace osprey::text::tables;
  // src/search/text/unicode_tables.cpp: 1106 class ranges, 5368 segments, 3698 kinds.
  const auto r = unpack_class_ranges(kClassRangesPacked);
  CHECK(r.size() == 1106);
  CHECK(r.front().first == 0x30);
  CHECK(unpack_fold_segments(kFoldSegmentsPacked).size() == 5368);
  CHECK(unpack_fold_kinds(kFoldKindsPacked).size() == 3698);
}
