// Per-language analysis (docs/languages.md): the stop words an index carries,
// folding by language, and text written without spaces.
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "base_tail.hpp"
#include "build/codec.hpp"
#include "build/stop_words.hpp"
#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/bytes.hpp"
#include "text/analyzer.hpp"
#include "text/tokenize.hpp"

using namespace osprey;

namespace {

bool has(const std::vector<std::string>& words, std::string_view w) {
  return std::binary_search(words.begin(), words.end(), w);
}

Schema schema_in(std::string language) {
  Schema s;
  s.language = std::move(language);
  s.id_field = "url";
  s.fields = {{.name = "title", .source = "title", .weight = 1.0, .stored = true},
              {.name = "url", .source = "url", .stored = true}};
  return s;
}

// The urls of a query's hits, in rank order (AND, whole words).
std::vector<std::string> urls(const Index& index, std::string_view query) {
  SearchOptions whole;
  whole.partial = false;
  const SearchResult r = test::run(index, query, whole);
  std::vector<std::string> out;
  for (const Hit& h : r.hits) {
    for (const auto& [name, value] : stored_fields(index, h.doc)) {
      if (name == "url") out.emplace_back(value);
    }
  }
  return out;
}

// The folded terms of text in language.
std::vector<std::string> terms(std::string_view text, std::string_view language) {
  std::vector<text::Token> tokens;
  text::tokenize(text, tokens, 0, text::folding_for(language));
  std::vector<std::string> out;
  for (const text::Token& t : tokens) out.push_back(t.term);
  return out;
}

}  // namespace

TEST_CASE("English keeps its short list of function words", "[languages][stopwords]") {
  const std::vector<std::string> en = stop_words_for("en");
  CHECK(std::is_sorted(en.begin(), en.end()));
  CHECK(std::adjacent_find(en.begin(), en.end()) == en.end());
  // The 96 words of the list before it came from Snowball's, and Snowball's
  // reflexives and -ing forms of "do" and "have".
  CHECK(en.size() == 106);
  for (std::string_view w : {"the", "a", "of", "also", "could", "us", "would", "once", "itself",
                             "yourselves", "having"}) {
    CHECK(has(en, w));
  }
  // Words that carry meaning in a query, and fragments of contractions.
  for (std::string_view w :
       {"against", "without", "first", "up", "more", "before", "won", "t", "don", "s"}) {
    CHECK_FALSE(has(en, w));
  }
}

TEST_CASE("German, French, Spanish and Russian take Snowball's lists, folded",
          "[languages][stopwords]") {
  const auto de = stop_words_for("de"), fr = stop_words_for("fr"), es = stop_words_for("es"),
             ru = stop_words_for("ru");
  CHECK(has(de, "der"));
  CHECK(has(de, "und"));
  CHECK(has(de, "dass"));  // "daß", folded
  CHECK(has(de, "fur"));   // "für": marks are removed as in indexed text
  CHECK_FALSE(has(de, "daß"));
  CHECK(has(fr, "le"));
  CHECK(has(fr, "et"));
  CHECK(has(fr, "etait"));  // "était"
  CHECK(has(es, "el"));
  CHECK(has(es, "de"));
  CHECK(has(ru, "и"));
  CHECK(has(ru, "в"));
  for (const auto* list : {&de, &fr, &es, &ru}) {
    CHECK(list->size() > 100);
    CHECK(list->size() <= kMaxStopWords);
    CHECK(std::is_sorted(list->begin(), list->end()));
    CHECK(std::adjacent_find(list->begin(), list->end()) == list->end());
  }
  // Turkish folds its list with its own rules (dotless ı stays).
  const auto tr = stop_words_for("tr");
  CHECK(has(tr, "ve"));
  CHECK(has(tr, "icin"));     // "için"
  CHECK(has(tr, "aslında"));  // ı is a letter of its own

  // No list: no stop words.
  CHECK(stop_words_for("zh").empty());
  CHECK(stop_words_for("ja").empty());
  CHECK(stop_words_for("el").empty());
}

TEST_CASE("stop words of other languages are optional in AND, indexed, exact in phrases",
          "[languages][stopwords][search]") {
  struct Case {
    const char* language;
    const char* records;
    const char* stop_query;  // a stop word beside a content word
    const char* stop_alone;  // a stop word alone: found, it is indexed
    const char* phrase;      // a phrase with a stop word: exact
    std::vector<std::string> stop_hits, alone_hits, phrase_hits;
  };
  const std::vector<Case> cases = {
      {"de",
       R"([{"url":"1","title":"Der Hund schläft"},{"url":"2","title":"Hund und Katze"},
           {"url":"3","title":"Die Katze"}])",
       "der hund",
       "und",
       "\"hund und katze\"",
       {"1", "2"},
       {"2"},
       {"2"}},
      {"fr",
       R"([{"url":"1","title":"Le chat dort"},{"url":"2","title":"Un chat et un chien"},
           {"url":"3","title":"La maison"}])",
       "le chat",
       "et",
       "\"chat et un chien\"",
       {"1", "2"},
       {"2"},
       {"2"}},
      {"es",
       R"([{"url":"1","title":"El perro duerme"},{"url":"2","title":"Un perro y un gato"},
           {"url":"3","title":"La casa"}])",
       "el perro",
       "y",
       "\"perro y un gato\"",
       {"1", "2"},
       {"2"},
       {"2"}},
      {"ru",
       R"([{"url":"1","title":"Кошка в доме"},{"url":"2","title":"Кошка и собака"},
           {"url":"3","title":"Дом"}])",
       "и кошка",
       "и",
       "\"кошка и собака\"",
       {"2", "1"},
       {"2"},
       {"2"}},
  };
  for (const Case& c : cases) {
    INFO(c.language);
    const Index built = test::build(c.records, schema_in(c.language));
    REQUIRE_FALSE(built.stop_words.empty());
    // Through the binary format, as a page loads it: the list travels in the base.
    const Index read = test::ok(read_index_binary(test::ok(write_index_binary(built, "test"))));
    CHECK(read.stop_words == built.stop_words);
    for (const Index* index : {&built, &read}) {
      // The stop word is optional: a record without it matches, one with it first.
      CHECK(urls(*index, c.stop_query) == c.stop_hits);
      CHECK(urls(*index, c.stop_alone) == c.alone_hits);
      CHECK(urls(*index, c.phrase) == c.phrase_hits);
    }
  }
}

TEST_CASE("an index without a list requires every word", "[languages][stopwords][search]") {
  // Greek has no list: "και" (and) is required like any word.
  const Index el = test::build(
      R"([{"url":"1","title":"Σκύλος και γάτα"},{"url":"2","title":"Σκύλος"}])", schema_in("el"));
  CHECK(el.stop_words.empty());
  CHECK(urls(el, "και σκυλος") == std::vector<std::string>{"1"});
  // And its base is byte for byte what it was before stop words existed: no item 13.
  Index with = el;
  with.stop_words = {"και"};
  const std::string without_bytes = test::ok(write_index_binary(el, "test"));
  const std::string with_bytes = test::ok(write_index_binary(with, "test"));
  CHECK(with_bytes.size() > without_bytes.size());
  const Index read = test::ok(read_index_binary(with_bytes));
  CHECK(read.stop_words == std::vector<std::string>{"και"});
  std::vector<std::string> both = urls(read, "και σκυλος");
  std::sort(both.begin(), both.end());
  CHECK(both == (std::vector<std::string>{"1", "2"}));
}

TEST_CASE("the writer refuses more stop words than the format holds", "[languages][stopwords]") {
  Index index = test::build(R"([{"url":"1","title":"x"}])", schema_in("en"));
  index.stop_words.clear();
  for (std::size_t i = 0; i <= kMaxStopWords; ++i) {
    index.stop_words.push_back(std::to_string(1000 + i));  // "1000" ... "2024": sorted
  }
  const auto written = write_index_binary(index, "test");
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().message ==
        "too many stop words: 1,025 (the index format holds at most 1,024)");
}

TEST_CASE("folding respects the language", "[languages][fold]") {
  // German ß folds to ss in every language (full case folding).
  CHECK(terms("Straße STRASSE straße", "de") ==
        std::vector<std::string>{"strasse", "strasse", "strasse"});
  // Turkish and Azeri pair I with dotless ı and İ with i.
  CHECK(terms("ISPARTA Isparta İSTANBUL İstanbul ılık", "tr") ==
        std::vector<std::string>{"ısparta", "ısparta", "istanbul", "istanbul", "ılık"});
  CHECK(terms("KIRMIZI kırmızı", "az") == std::vector<std::string>{"kırmızı", "kırmızı"});
  // Other languages fold I to i; İ loses its dot (a mark) and ı stays ı.
  CHECK(terms("ISPARTA İstanbul ılık", "en") ==
        std::vector<std::string>{"isparta", "istanbul", "ılık"});
  CHECK(terms("ISPARTA", "de") == std::vector<std::string>{"isparta"});
  // Greek: final sigma is sigma, tonos and dialytika go, capitals fold.
  CHECK(terms("ΟΔΟΣ οδός Οδός", "el") == std::vector<std::string>{"οδοσ", "οδοσ", "οδοσ"});
  CHECK(terms("προϊόν ΠΡΟΪΟΝ", "el") == std::vector<std::string>{"προιον", "προιον"});
}

TEST_CASE("Russian й reaches the stemmer: adjective forms group", "[languages][fold][search]") {
  const Index ru = test::build(
      R"([{"url":"1","title":"Новый дом"},{"url":"2","title":"Старая книга"}])", schema_in("ru"));
  CHECK(urls(ru, "новая") == std::vector<std::string>{"1"});
  CHECK(urls(ru, "НОВОЕ") == std::vector<std::string>{"1"});
  CHECK(urls(ru, "старый") == std::vector<std::string>{"2"});
}

TEST_CASE("Turkish text is found whatever case the query is typed in",
          "[languages][fold][search]") {
  const Index tr =
      test::build(R"([{"url":"1","title":"IRMAK kıyısında"},{"url":"2","title":"İzmir limanı"}])",
                  schema_in("tr"));
  CHECK(urls(tr, "ırmak") == std::vector<std::string>{"1"});
  CHECK(urls(tr, "IRMAK") == std::vector<std::string>{"1"});
  CHECK(urls(tr, "izmir") == std::vector<std::string>{"2"});
  CHECK(urls(tr, "İZMİR") == std::vector<std::string>{"2"});
  // The stemmer sees Turkish letters: the inflected form finds its stem group.
  CHECK(urls(tr, "limanda") == std::vector<std::string>{"2"});
}

TEST_CASE("words of languages whose stemmer reads marks are stemmed before folding",
          "[languages][stem]") {
  using text::stem_term;
  using text::stem_word;
  // Folded first, the singular lost its plural: tulipan -> tulip.
  CHECK(stem_term("tulipan", "es") == "tulip");
  CHECK(stem_word("tulipan", "tulipán", "es") == "tulipan");
  CHECK(stem_word("tulipan", "TULIPÁN", "es") == "tulipan");
  CHECK(stem_word("tulipanes", "tulipanes", "es") == "tulipan");
  CHECK(stem_word("frances", "Francés", "es") == stem_word("franceses", "franceses", "es"));
  CHECK(stem_word("aleman", "alemán", "es") == stem_word("alemanes", "alemanes", "es"));
  CHECK(stem_word("achete", "acheté", "fr") == stem_word("achetees", "achetées", "fr"));
  CHECK(stem_word("alemao", "alemão", "pt") == stem_word("alemaes", "alemães", "pt"));
  // The stem is folded: the index's stems are folded like its terms.
  CHECK(stem_word("fermiere", "fermière", "fr") == "fermi");
  CHECK(stem_word("ılık", "ILIK", "tr") == stem_term("ılık", "tr"));
  // Languages left out (docs/stemming.md) and unmarked words: the folded term.
  CHECK(stem_word("cafe", "café", "en") == stem_term("cafe", "en"));
  CHECK(stem_word("tulipan", "tulipán", "fi") == stem_term("tulipan", "fi"));
  CHECK(stem_word("tulipan", "tulipan", "es") == "tulip");
  // A word that does not fold to the term (an apostrophe, a compound's whole,
  // a script lowercase_latin leaves in capitals) is not used.
  CHECK(text::marked_word("lete", "l'été", "fr").empty());
  CHECK(text::marked_word("tulipan", "tulipán", "es") == "tulipán");
  CHECK(text::marked_word("srbija", "СРБИЈА", "sr").empty());
  CHECK(stem_word("3.11", "3.11", "es") == "3.11");
}

TEST_CASE("marked words reach the index's stems; queries meet them with or without marks",
          "[languages][stem][search]") {
  const char* docs =
      R"([{"url":"1","title":"Tulipanes rojos"},{"url":"2","title":"Un tulipán blanco"},)"
      R"({"url":"3","title":"Quesos franceses"},{"url":"4","title":"El queso FRANCÉS"}])";
  const Index es = test::build(docs, schema_in("es"));
  auto found = [&es](std::string_view query) {
    std::vector<std::string> u = urls(es, query);
    std::sort(u.begin(), u.end());
    return u;
  };
  CHECK(found("tulipán") == std::vector<std::string>{"1", "2"});
  CHECK(found("tulipanes") == std::vector<std::string>{"1", "2"});
  // Typed without its accent: the exact term, and the stem the index stored for it.
  CHECK(found("tulipan") == std::vector<std::string>{"1", "2"});
  CHECK(found("francés") == std::vector<std::string>{"3", "4"});
  CHECK(found("FRANCESES") == std::vector<std::string>{"3", "4"});
  // The stem of a term does not depend on the order of the records.
  const Index reversed = test::build(
      R"([{"url":"4","title":"El queso FRANCÉS"},{"url":"3","title":"Quesos franceses"},)"
      R"({"url":"2","title":"Un tulipán blanco"},{"url":"1","title":"Tulipanes rojos"}])",
      schema_in("es"));
  CHECK(reversed.stems == es.stems);
  CHECK(reversed.term_stem == es.term_stem);
  // English is stemmed as before: from the folded term.
  const Index en = test::build(R"([{"url":"1","title":"Café"}])", schema_in("en"));
  CHECK(en.stems == std::vector<std::string>{"cafe"});
}

TEST_CASE("Chinese, Japanese and Korean sentences are found by their words",
          "[languages][cjk][search]") {
  // Sentences written for this test; words inside them, as a reader would search.
  const Index zh = test::build(R"([
      {"url":"1","title":"这个程序可以压缩文件并显示进度"},
      {"url":"2","title":"请在安装之前阅读说明书"},
      {"url":"3","title":"文件系统的权限由管理员设置"}])",
                               schema_in("zh"));
  CHECK(urls(zh, "压缩") == std::vector<std::string>{"1"});
  CHECK(urls(zh, "说明书") == std::vector<std::string>{"2"});
  CHECK(urls(zh, "管理员") == std::vector<std::string>{"3"});
  CHECK((urls(zh, "文件") == std::vector<std::string>{"1", "3"} ||
         urls(zh, "文件") == std::vector<std::string>{"3", "1"}));
  CHECK(urls(zh, "文件 权限") == std::vector<std::string>{"3"});
  CHECK(urls(zh, "安装说明").empty());  // its bigram 装说 is in no sentence

  const Index ja = test::build(R"([
      {"url":"1","title":"このコマンドはファイルを圧縮します"},
      {"url":"2","title":"設定ファイルの場所を表示する"},
      {"url":"3","title":"東京都の天気予報"}])",
                               schema_in("ja"));
  CHECK(urls(ja, "圧縮") == std::vector<std::string>{"1"});
  CHECK(urls(ja, "設定ファイル") == std::vector<std::string>{"2"});
  CHECK(urls(ja, "天気予報") == std::vector<std::string>{"3"});
  CHECK(urls(ja, "ファイル").size() == 2);
  CHECK(urls(ja, "京都").size() == 1);  // bigrams: "Kyoto" inside "Tokyo-to"

  // Korean: bigrams of syllable blocks inside a run; spaces separate runs.
  const Index ko = test::build(R"([
      {"url":"1","title":"파일을 압축하는 프로그램"},
      {"url":"2","title":"설정 파일의 위치를 보여 줍니다"}])",
                               schema_in("ko"));
  CHECK(urls(ko, "압축") == std::vector<std::string>{"1"});
  CHECK(urls(ko, "프로그램") == std::vector<std::string>{"1"});
  CHECK(urls(ko, "파일").size() == 2);
  CHECK(urls(ko, "위치") == std::vector<std::string>{"2"});
}

TEST_CASE("Thai, Lao, Khmer and Myanmar runs are bigrams of characters with their marks",
          "[languages][unspaced]") {
  // Thai: ไฟล์ is ไ, ฟ, ล with its mark (removed by folding).
  CHECK(terms("ไฟล์", "th") == std::vector<std::string>{"ไฟ", "ฟล"});
  CHECK(terms("abcไทย", "th") == std::vector<std::string>{"abc", "ไท", "ทย"});
  CHECK(terms("ก", "th") == std::vector<std::string>{"ก"});
  // Thai digits are numbers, Thai punctuation separates.
  CHECK(terms("๒๕๖๗", "th") == std::vector<std::string>{"๒๕๖๗"});
  // Lao, Myanmar, Khmer.
  CHECK(terms("ພາສາ", "lo").size() == 3);
  CHECK(terms("မြန်မာ", "my").size() >= 2);
  CHECK(terms("ខ្មែរ", "km").size() >= 1);
}

TEST_CASE("Thai and Khmer sentences are found by the words inside them",
          "[languages][unspaced][search]") {
  // Sentences written for this test.
  const Index th = test::build(R"([
      {"url":"1","title":"โปรแกรมนี้บีบอัดไฟล์ให้เล็กลง"},
      {"url":"2","title":"ภาษาไทยไม่มีช่องว่างระหว่างคำ"},
      {"url":"3","title":"อ่านคู่มือก่อนติดตั้งโปรแกรม"}])",
                               schema_in("th"));
  CHECK(urls(th, "ไฟล์") == std::vector<std::string>{"1"});
  CHECK(urls(th, "ช่องว่าง") == std::vector<std::string>{"2"});
  CHECK(urls(th, "คู่มือ") == std::vector<std::string>{"3"});
  CHECK(urls(th, "โปรแกรม").size() == 2);
  CHECK(urls(th, "ภาษา ไทย") == std::vector<std::string>{"2"});
  CHECK(urls(th, "ภาษาลาว").empty());

  const Index km = test::build(R"([
      {"url":"1","title":"ភាសាខ្មែរ"},
      {"url":"2","title":"ប្រទេសកម្ពុជា"}])",
                               schema_in("km"));
  CHECK(urls(km, "ខ្មែរ") == std::vector<std::string>{"1"});
  CHECK(urls(km, "កម្ពុជា") == std::vector<std::string>{"2"});
}

TEST_CASE("a corrupt stop-word list in a base is an error value",
          "[languages][stopwords][codec2]") {
  const Index el = test::build(R"([{"url":"1","title":"Σκύλος"}])", schema_in("el"));
  const auto parts = test::ok(write_parts(el, "t", {.part_prefix = "x/"}));
  // Items 13 and 14 of a base without stop words or hints (two counts of 0)
  // made of these bytes.
  auto with_item = [&](const std::function<void(ByteWriter&)>& item) {
    return test::with_base_tail(parts[0].bytes, 2, item);
  };
  auto error_of = [&](const std::function<void(ByteWriter&)>& item) {
    return test::read_error(with_item(item));
  };
  using test::contains;
  const Result<Index> good = with_item([](ByteWriter& w) {
    w.varint(2);
    w.string("και");
    w.string("το");
    w.varint(0);
  });
  REQUIRE(good.ok());
  CHECK(good.value().stop_words == std::vector<std::string>{"και", "το"});
  const Result<Index> none = with_item([](ByteWriter& w) {
    w.varint(0);
    w.varint(0);
  });
  REQUIRE(none.ok());
  CHECK(none.value().stop_words.empty());
  CHECK(contains(error_of([](ByteWriter& w) {
                   w.varint(2);
                   w.string("το");
                   w.string("και");
                 }),
                 "stop words not sorted and unique"));
  CHECK(contains(error_of([](ByteWriter& w) { w.varint(0); }), "unexpected end of data"));
  CHECK(contains(error_of([](ByteWriter& w) {
                   w.varint(1);
                   w.string("");
                 }),
                 "stop word of 0 bytes"));
  CHECK(contains(error_of([](ByteWriter& w) {
                   w.varint(1);
                   w.string(std::string(65, 'x'));
                 }),
                 "stop word of 65 bytes"));
  CHECK(contains(error_of([](ByteWriter& w) { w.varint(kMaxStopWords + 1); }), "stop word count"));
  CHECK(contains(error_of([](ByteWriter& w) {
                   w.varint(3);
                   w.string("α");
                 }),
                 "unexpected end of data"));
  CHECK(contains(error_of([](ByteWriter& w) {
                   w.varint(1);
                   w.string("α");
                   w.varint(0);
                   w.u8(0);
                 }),
                 "unexpected bytes after the base"));
}

TEST_CASE("the JSON index format carries the stop words too", "[languages][stopwords][codec]") {
  const Index de = test::build(R"([{"url":"1","title":"Der Hund"}])", schema_in("de"));
  const std::string json = write_index(de, "t");
  CHECK(json.find("\"stop_words\":[") != std::string::npos);
  const Index read = test::ok(read_index(json));
  CHECK(read.stop_words == de.stop_words);
  CHECK(urls(read, "der hund") == std::vector<std::string>{"1"});
  // Without the key (an index written before it): none.
  const Index el = test::build(R"([{"url":"1","title":"Σκύλος"}])", schema_in("el"));
  const std::string el_json = write_index(el, "t");
  CHECK(el_json.find("stop_words") == std::string::npos);
  CHECK(test::ok(read_index(el_json)).stop_words.empty());
  // A bad list is an error value.
  auto error_of = [&](const std::string& list) {
    std::string j = el_json;
    j.insert(j.rfind('}'), ",\"stop_words\":" + list);
    const Result<Index> r = read_index(j);
    return r.ok() ? std::string("ok") : r.error().message;
  };
  CHECK(error_of("[\"a\",\"b\"]") == "ok");
  CHECK(error_of("\"a\"") == "\"stop_words\" must be an array");
  CHECK(error_of("[\"b\",\"a\"]") == "stop_words is not sorted and unique at item 1");
  CHECK(error_of("[\"\"]") == "stop_words[0] has 0 bytes");
  CHECK(error_of("[1]") == "stop_words[0] must be a string");
}
