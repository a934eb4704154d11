// Text parts (docs/index-format.md "Text parts", version 5): long searchable
// values kept apart from the display fields, cut in pieces; a sharded search
// fetches only the pieces its excerpts show and answers as the whole index
// does (same hits, scores and fields; excerpts holding the same matches, a
// window over a cut its matches do not cross moved into their part).
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/bytes.hpp"
#include "index/text_parts.hpp"
#include "part_host.hpp"
#include "query/excerpt.hpp"
#include "query/text_span.hpp"
#include "text/utf8.hpp"

namespace osprey {
namespace {

// A part's payload (after its 16-byte frame header and length), and a part
// framed again around another payload (with its checksum), to corrupt one.
std::string_view payload_of(std::string_view part) {
  ByteReader r(part.substr(16), "t");
  const uint64_t n = r.varint(part.size(), "n");
  return part.substr(16 + r.position(), n);
}

std::string reframe(std::string_view part, std::string_view payload) {
  ByteWriter w;
  w.bytes(part.substr(0, 16));
  w.varint(payload.size());
  w.bytes(payload);
  w.fixed32(crc32(payload));
  return w.take();
}

// Records with a short title and a body of 0 ... ~1,500 words drawn from a
// small vocabulary (deterministic), with compounds, accents and punctuation.
std::string long_records() {
  static const char* const kWords[] = {
      "river",  "stone",  "cross-border", "léger", "bridge", "valley",    "north", "light",
      "garden", "signal", "harbour",      "quiet", "ember",  "forest",    "tide",  "lantern",
      "meadow", "copper", "orbit",        "delta", "naïve",  "well-being"};
  uint32_t seed = 12345;
  const auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  std::string out = "[";
  for (int d = 0; d < 40; ++d) {
    const int words = d == 3 ? 0 : d % 7 == 0 ? 1500 : d % 3 == 0 ? 400 : 12 + d * 3;
    std::string body;
    for (int w = 0; w < words; ++w) {
      if (w > 0) body += w % 17 == 0 ? ". " : w % 11 == 0 ? ", " : " ";
      body += kWords[next() % (sizeof kWords / sizeof kWords[0])];
    }
    if (d == 5) body += " zephyr";  // a rare word at the end of a short body
    if (d == 14) body.insert(body.size() / 2, " zephyr quasar ");
    if (d == 21) body += " quasar";
    out += std::string(d ? "," : "") + "{\"url\":\"u" + std::to_string(d) +
           "\",\"title\":\"Title " + std::to_string(d) + (d % 5 == 0 ? " river" : "") +
           "\",\"body\":\"" + body + "\"}";
  }
  return out + "]";
}

Schema long_schema() {
  Schema s;
  s.id_field = "url";
  s.fields = {{.name = "title", .source = "title", .weight = 3.0, .stored = true},
              {.name = "body", .source = "body", .weight = 1.0, .stored = true},
              {.name = "url", .source = "url", .stored = true}};
  return s;
}

const Index& long_index() {
  static const Index ix = test::build(long_records(), long_schema());
  return ix;
}

PartOptions small_parts() {
  return {.postings_part_bytes = 300,
          .stored_part_bytes = 300,
          .text_part_bytes = 256,
          .dictionary_part_bytes = 200,
          .part_prefix = "x/"};
}

// What a sharded search shows against the whole index's answer: the same
// hits, scores, sections and fields; excerpts of the same fields, each a
// slice of its value at its offsets, holding every match the whole index's
// excerpt holds (a window reaching into a text part its matches do not is
// moved inside theirs, text_span.hpp). Returns the excerpts that differ.
std::size_t check_shown(const Index& whole, const SearchResult& lazy, const SearchResult& full) {
  const auto without_excerpts = [&](const SearchResult& r) {
    std::string out = std::to_string(r.total) + "\n";
    const auto one = [&](const auto& h) {
      out += std::to_string(h.doc) + " " + std::to_string(h.score) + ":";
      for (const auto& e : h.excerpts) out += " " + whole.schema.fields[e.field].name;
      for (uint32_t f : h.fields)
        out += " " + whole.schema.fields[f].name + "=" + *whole.stored[f][h.doc];
      out += "\n";
    };
    for (const Hit& h : r.hits) {
      one(h);
      for (const SectionHit& x : h.sections) one(x);
    }
    return out;
  };
  REQUIRE(without_excerpts(lazy) == without_excerpts(full));
  std::size_t differ = 0;
  const auto excerpts = [&](uint32_t doc, const auto& a, const auto& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      const query::Excerpt& x = a[i].excerpt;
      const query::Excerpt& y = b[i].excerpt;
      const std::string& value = *whole.stored[a[i].field][doc];
      std::string text;
      std::vector<uint32_t> got;
      for (const auto& seg : x.segments) {
        if (seg.match) got.push_back(x.begin + static_cast<uint32_t>(text.size()));
        text += seg.text;
      }
      INFO(doc << " " << whole.schema.fields[a[i].field].name << ": " << text);
      REQUIRE(x.begin <= value.size());
      CHECK(value.substr(x.begin, text.size()) == text);
      CHECK(x.begin16 == text::utf16_length(std::string_view(value).substr(0, x.begin)));
      std::size_t at = 0;
      bool same = x.begin == y.begin && x.segments.size() == y.segments.size();
      for (const auto& seg : y.segments) {
        if (seg.match) {
          const uint32_t m = y.begin + static_cast<uint32_t>(at);
          CHECK(std::find(got.begin(), got.end(), m) != got.end());
        }
        at += seg.text.size();
      }
      same = same && at == text.size();
      differ += !same;
    }
  };
  for (std::size_t i = 0; i < lazy.hits.size(); ++i) {
    excerpts(lazy.hits[i].doc, lazy.hits[i].excerpts, full.hits[i].excerpts);
    for (std::size_t j = 0; j < lazy.hits[i].sections.size(); ++j) {
      excerpts(lazy.hits[i].sections[j].doc, lazy.hits[i].sections[j].excerpts,
               full.hits[i].sections[j].excerpts);
    }
  }
  return differ;
}

const std::vector<std::string> kQueries = {"river",  "zephyr",          "quasar",   "zephyr quasar",
                                           "border", "cross-border",    "lantern",  "naive meadow",
                                           "title",  "\"north light\"", "welbeing", ""};

}  // namespace

TEST_CASE("text parts: the writer makes long searchable fields text fields", "[text_parts]") {
  const Index& ix = long_index();
  const std::vector<uint8_t> text = choose_text_fields(ix);
  REQUIRE(text.size() == 3);
  CHECK(text[0] == 0);  // title: short
  CHECK(text[1] == 1);  // body
  CHECK(text[2] == 0);  // url: not searchable
  // The sample corpus: summaries average 381 bytes, below kTextFieldMeanBytes.
  CHECK(choose_text_fields(test::sample_index()).empty());
}

TEST_CASE("text parts: stored parts beside text parts have their own size", "[text_parts]") {
  const auto stored_parts = [](const Index& ix, std::size_t with_text) {
    PartOptions o = small_parts();
    o.stored_part_bytes_with_text = with_text;
    std::size_t n = 0;
    for (const auto& p : test::ok(write_parts(ix, "t", o))) n += p.name.starts_with("x/s");
    return n;
  };
  // The long records (a text field): 0 keeps stored_part_bytes; bigger, fewer parts.
  const std::size_t same = stored_parts(long_index(), 0);
  CHECK(same > 1);
  CHECK(stored_parts(long_index(), 300) == same);
  CHECK(stored_parts(long_index(), 4096) < same);
  // The sample corpus (no text field) keeps stored_part_bytes.
  CHECK(stored_parts(test::sample_index(), 4096) == stored_parts(test::sample_index(), 0));
  CHECK(stored_parts(test::sample_index(), 0) > 1);
}

TEST_CASE("text parts: values cut in pieces join back to the same values", "[text_parts]") {
  const Index& ix = long_index();
  const auto parts = test::ok(write_parts(ix, "t", small_parts()));
  std::size_t text_parts = 0;
  for (const auto& p : parts) text_parts += p.name.starts_with("x/t");
  CHECK(text_parts > 40);  // long bodies span many parts

  Result<Index> whole = read_index_binary(test::ok(write_index_binary(ix, "t")));
  REQUIRE(whole.ok());
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  REQUIRE(lazy.layout.text_first.size() == text_parts);
  for (std::size_t i = 1; i < parts.size(); ++i) REQUIRE(add_parts(lazy, parts[i].bytes).ok());
  for (uint32_t d = 0; d < ix.doc_count; ++d) {
    INFO(d);
    CHECK(lazy.stored[1][d] == ix.stored[1][d]);
    CHECK(whole.value().stored[1][d] == ix.stored[1][d]);
    CHECK(lazy.stored[0][d] == ix.stored[0][d]);
  }
  // A piece tokenizes alone as it does in its value.
  std::size_t continued = 0;
  for (const auto& pieces : lazy.text_pieces) {
    for (const TextPiece& p : pieces) continued += p.offset > 0;
  }
  CHECK(continued > 20);
}

TEST_CASE(
    "text parts: a sharded search fetches the excerpt's pieces and shows what the whole "
    "index shows",
    "[text_parts]") {
  const Index& ix = long_index();
  const auto parts = test::ok(write_parts(ix, "t", small_parts()));
  std::size_t text_parts = 0;
  for (const auto& p : parts) text_parts += p.name.starts_with("x/t");
  // Windows over a cut between parts are common with parts this small: some
  // move into their matches' part.
  std::size_t moved = 0;
  for (const std::size_t words : {30u, 8u, 200u}) {
    for (const bool body : {false, true}) {
      SearchOptions o;
      o.limit = 10;
      o.excerpt_words = words;
      if (body) o.fields = {"body"};
      test::Host host;
      for (std::size_t i = 1; i < parts.size(); ++i) host.files[parts[i].name] = parts[i].bytes;
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      for (const std::string& q : kQueries) {
        INFO(q << " words " << words << (body ? " fields body" : ""));
        const SearchResult lazy = host.search(base.value(), q, o);
        moved += check_shown(ix, lazy, test::run(ix, q, o));
      }
      std::size_t fetched_text = 0;
      for (const auto& n : host.names) fetched_text += n.starts_with("x/t");
      CHECK(fetched_text > 0);
      CHECK(fetched_text <= text_parts);
    }
  }
  CHECK(moved > 0);
}

TEST_CASE("text parts: a hit on a long value fetches the parts of its window", "[text_parts]") {
  const Index& ix = long_index();
  const auto parts = test::ok(write_parts(ix, "t", small_parts()));
  test::Host host;
  for (std::size_t i = 1; i < parts.size(); ++i) host.files[parts[i].name] = parts[i].bytes;
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  // "quasar" is in the middle of body 14 (1,500 words: many parts) and at
  // the end of body 21.
  SearchOptions o;
  const SearchResult r = host.search(lazy, "zephyr quasar", o);
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].doc == 14);  // the only full match
  const auto [first, last] = lazy.text_parts(14, 1, 0, query::kWholeValue);
  REQUIRE(last - first > 10);
  std::size_t of_14 = 0;
  for (uint32_t k = first; k < last; ++k) of_14 += lazy.layout.text_loaded[k];
  CHECK(of_14 >= 1);
  CHECK(of_14 <= 2);
  CHECK_FALSE(lazy.stored[1][14]);  // never fetched whole
  REQUIRE(r.hits[0].excerpts.size() == 2);
  const query::Excerpt& e = r.hits[0].excerpts[1].excerpt;
  CHECK(e.cut_start);
  CHECK(e.cut_end);
  check_shown(ix, r, test::run(ix, "zephyr quasar", o));
}

TEST_CASE(
    "text parts: a text part with bad content behind a valid checksum is refused or "
    "harmless",
    "[text_parts]") {
  std::string alphabet;
  for (int i = 0; i < 8; ++i) {
    alphabet +=
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron "
        "pi rho sigma tau upsilon phi chi psi omega ";
  }
  std::string compounds;
  for (int i = 0; i < 40; ++i) compounds += "cross-border naïve well-being ";
  const Index ix = test::build(R"([
    {"url": "a", "title": "One", "body": ")" +
                                   alphabet + R"("},
    {"url": "b", "title": "Two", "body": ")" +
                                   compounds + R"("}
  ])",
                               long_schema());
  REQUIRE(choose_text_fields(ix).size() == 3);
  const auto parts = test::ok(write_parts(ix, "t",
                                          {.postings_part_bytes = 100,
                                           .stored_part_bytes = 40,
                                           .text_part_bytes = 300,
                                           .dictionary_part_bytes = 100,
                                           .part_prefix = "x/"}));
  int refused = 0, text_parts = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!parts[i].name.starts_with("x/t")) continue;
    ++text_parts;
    const std::string_view payload = payload_of(parts[i].bytes);
    for (std::size_t at = 0; at < payload.size(); ++at) {
      for (uint8_t flip : {0x01, 0x7f, 0xff}) {
        std::string changed(payload);
        changed[at] = static_cast<char>(changed[at] ^ flip);
        Result<Index> base = read_index_binary(parts[0].bytes);
        REQUIRE(base.ok());
        Index& lazy = base.value();
        refused += !add_parts(lazy, reframe(parts[i].bytes, changed)).ok();
        for (std::size_t k = 1; k < parts.size(); ++k) (void)add_parts(lazy, parts[k].bytes);
        for (const char* q : {"alpha", "omega psi", "border", "naive", "sigma tau"}) {
          for (const bool body : {false, true}) {
            SearchOptions o;
            if (body) o.fields = {"body"};
            Result<SearchResult> r = search(lazy, q, o);
            REQUIRE(r.ok());
            for (const Hit& h : r.value().hits) CHECK(h.doc < lazy.doc_count);
          }
        }
      }
    }
    // Truncated at every byte.
    for (std::size_t n = 0; n < payload.size(); ++n) {
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      CHECK_FALSE(add_parts(base.value(), reframe(parts[i].bytes, payload.substr(0, n))).ok());
    }
  }
  CHECK(text_parts > 3);
  CHECK(refused > 0);
}

TEST_CASE("text parts: an excerpt cut from a slice equals the whole value's", "[text_parts]") {
  // best_window is the one rule: from the text's tokens and from positions.
  const std::string text =
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
      "fifteen sixteen seventeen eighteen nineteen twenty";
  query::Excerpter whole;
  whole.add("twelve", 0);
  whole.add("fifteen", 1);
  const query::Excerpt a = whole.excerpt(text, 5);
  // The slice from "ten" (position 9, byte 41) to the end.
  const std::size_t at = text.find("ten ");
  const query::SliceContext where{.position = 9,
                                  .offset16 = static_cast<uint32_t>(at),
                                  .before = true,
                                  .after = false,
                                  .total = 20};
  const query::Excerpt b = whole.excerpt(std::string_view(text).substr(at), 5, where);
  CHECK(a.segments.size() == b.segments.size());
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    CHECK(a.segments[i].text == b.segments[i].text);
    CHECK(a.segments[i].match == b.segments[i].match);
  }
  CHECK(a.cut_start == b.cut_start);
  CHECK(a.cut_end == b.cut_end);
  CHECK(a.begin == b.begin + at);
  CHECK(a.begin16 == b.begin16);
}

TEST_CASE("text parts: a whole file with text parts truncated or garbled is refused",
          "[text_parts]") {
  // Version 5's base has the text layout after the lengths layout, and text
  // parts come last in the file: cut and flipped anywhere, the file is refused.
  std::string body;  // ~1.2 KB: over kTextFieldMeanBytes
  for (int i = 0; i < 40; ++i) body += "cross-border naïve well-being ";
  const Index ix =
      test::build(R"([{"url": "a", "title": "One", "body": ")" + body +
                      R"("}, {"url": "b", "title": "Two", "body": ")" + body + R"( end"}])",
                  long_schema());
  REQUIRE(choose_text_fields(ix).size() == 3);
  const std::string bytes = test::ok(write_index_binary(ix, "t"));
  Result<Index> whole = read_index_binary(bytes);
  REQUIRE(whole.ok());
  REQUIRE(whole.value().layout.text_loaded.size() >= 1);  // bodies over the mean: a text field
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    INFO(cut);
    CHECK_FALSE(read_index_binary(std::string_view(bytes).substr(0, cut)).ok());
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      std::string garbled = bytes;
      garbled[i] = static_cast<char>(garbled[i] ^ flip);
      INFO(i << " ^ " << int(flip));
      CHECK_FALSE(read_index_binary(garbled).ok());
    }
  }
}

}  // namespace osprey

namespace osprey {
namespace {

// A site's records (tools/site/site_index.hpp): per page one record with
// all its text, and one per section with the text after its heading, a
// slice of the page's. Bodies of ~100 ... ~900 words.
std::string site_records() {
  static const char* const kWords[] = {"river",  "stone",  "cross-border", "léger",  "bridge",
                                       "valley", "north",  "light",        "garden", "signal",
                                       "ember",  "forest", "tide",         "orbit",  "well-being"};
  uint32_t seed = 777;
  const auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  const auto words = [&](int n) {
    std::string out;
    for (int w = 0; w < n; ++w) {
      if (w > 0) out += w % 13 == 0 ? ". " : " ";
      out += kWords[next() % (sizeof kWords / sizeof kWords[0])];
    }
    return out + ".";
  };
  std::string out = "[";
  for (int p = 0; p < 8; ++p) {
    const std::string url = "p" + std::to_string(p) + "/";
    std::string page = words(20 + p * 7);
    std::string sections;
    for (int s = 0; s < 1 + p % 4; ++s) {
      const std::string heading = "Heading " + std::to_string(p) + " " + std::to_string(s);
      std::string text = words(40 + (p * 5 + s * 31) % 200);
      if (p == 5 && s == 2) text += " zephyr quasar";
      if (p == 6 && s == 0) text = "(" + text;  // starts before its first word: not shared
      page += " " + heading + " " + text;
      sections += ",{\"url\":\"" + url + "#s" + std::to_string(s) + "\",\"page\":\"" + url +
                  "\",\"section\":\"" + heading + "\",\"body\":\"" + text + "\"}";
    }
    out += std::string(p ? "," : "") + "{\"url\":\"" + url + "\",\"page\":\"" + url +
           "\",\"title\":\"Page " + std::to_string(p) + "\",\"body\":\"" + page + "\"}" + sections;
  }
  return out + "]";
}

Schema site_schema() {
  Schema s;
  s.id_field = "url";
  s.fields = {{.name = "title", .source = "title", .weight = 3.0, .stored = true},
              {.name = "section", .source = "section", .weight = 1.0, .stored = true},
              {.name = "body", .source = "body", .weight = 1.0, .stored = true},
              {.name = "url", .source = "url", .stored = true},
              {.name = "page", .source = "page", .stored = true, .group = true}};
  return s;
}

}  // namespace

TEST_CASE("text parts: a section's value is cut from its page's pieces", "[text_parts]") {
  const Index ix = test::build(site_records(), site_schema());
  REQUIRE(ix.grouped());
  const std::vector<uint8_t> text = choose_text_fields(ix);
  REQUIRE(text.size() == 5);
  REQUIRE(text[2] == 1);
  const EncodedText encoded = encode_text_parts(ix, text, 512);
  // Every section with a body but p6's first (its value starts with "(").
  std::size_t sections = 0;
  for (uint32_t d = 0; d < ix.doc_count; ++d) sections += ix.section[d] && ix.stored[2][d];
  CHECK(encoded.shares.size() == sections - 1);
  for (const TextShare& s : encoded.shares) {
    INFO(s.doc);
    const std::string& page = *ix.stored[2][ix.page_of[s.doc]];
    CHECK(page.find(*ix.stored[2][s.doc]) != std::string::npos);
  }
  const PartOptions small{.postings_part_bytes = 300,
                          .stored_part_bytes = 300,
                          .text_part_bytes = 512,
                          .dictionary_part_bytes = 200,
                          .part_prefix = "x/"};
  const auto parts = test::ok(write_parts(ix, "t", small));
  Result<Index> base = read_index_binary(parts[0].bytes);
  REQUIRE(base.ok());
  Index& lazy = base.value();
  REQUIRE(lazy.text_share.size() == encoded.shares.size());
  for (std::size_t i = 1; i < parts.size(); ++i) REQUIRE(add_parts(lazy, parts[i].bytes).ok());
  for (uint32_t d = 0; d < ix.doc_count; ++d) {
    INFO(d);
    CHECK(lazy.stored[2][d] == ix.stored[2][d]);
  }
  std::size_t values = 0;
  for (const auto& pieces : lazy.text_pieces) {
    for (const TextPiece& p : pieces) values += p.offset == 0;
  }
  CHECK(values == 8 + 1);  // the pages' values and p6's first section's

  // A sharded search shows what the whole index shows, fetching one page's
  // parts for its sections' excerpts.
  for (const std::size_t words : {30u, 8u}) {
    for (const bool body : {false, true}) {
      SearchOptions o;
      o.limit = 10;
      o.excerpt_words = words;
      if (body) o.fields = {"body"};
      test::Host host;
      for (std::size_t i = 1; i < parts.size(); ++i) host.files[parts[i].name] = parts[i].bytes;
      Result<Index> fresh = read_index_binary(parts[0].bytes);
      REQUIRE(fresh.ok());
      for (const char* q : {"river", "zephyr quasar", "heading", "border", "léger stone",
                            "\"north light\"", "tide", "quasar", "orbit ember"}) {
        INFO(q << " words " << words << (body ? " fields body" : ""));
        const SearchResult lazy_r = host.search(fresh.value(), q, o);
        const SearchResult whole_r = test::run(ix, q, o);
        check_shown(ix, lazy_r, whole_r);
      }
    }
  }
}

TEST_CASE("text parts: a garbled or cut text part with shared sections is refused or harmless",
          "[text_parts]") {
  const Index ix = test::build(site_records(), site_schema());
  const auto parts = test::ok(write_parts(ix, "t",
                                          {.postings_part_bytes = 300,
                                           .stored_part_bytes = 300,
                                           .text_part_bytes = 512,
                                           .dictionary_part_bytes = 200,
                                           .part_prefix = "x/"}));
  int refused = 0, text_parts = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!parts[i].name.starts_with("x/t")) continue;
    ++text_parts;
    const std::string_view payload = payload_of(parts[i].bytes);
    for (std::size_t at = 0; at < payload.size(); ++at) {
      for (uint8_t flip : {0x02, 0xff}) {  // 2: a piece's section end flag
        std::string changed(payload);
        changed[at] = static_cast<char>(changed[at] ^ flip);
        Result<Index> base = read_index_binary(parts[0].bytes);
        REQUIRE(base.ok());
        Index& lazy = base.value();
        refused += !add_parts(lazy, reframe(parts[i].bytes, changed)).ok();
        for (std::size_t k = 1; k < parts.size(); ++k) (void)add_parts(lazy, parts[k].bytes);
        for (const char* q : {"river", "heading", "tide"}) {
          SearchOptions o;
          o.excerpt_words = 8;
          Result<SearchResult> r = search(lazy, q, o);
          REQUIRE(r.ok());
          for (const Hit& h : r.value().hits) CHECK(h.doc < lazy.doc_count);
        }
      }
    }
    for (std::size_t n = 0; n < payload.size(); ++n) {
      Result<Index> base = read_index_binary(parts[0].bytes);
      REQUIRE(base.ok());
      CHECK_FALSE(add_parts(base.value(), reframe(parts[i].bytes, payload.substr(0, n))).ok());
    }
  }
  CHECK(text_parts > 3);
  CHECK(refused > 0);
}

}  // namespace osprey
