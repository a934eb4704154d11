// Fixtures of the text parts tests (text_parts_test.cpp: writing and cutting;
// text_parts_search_test.cpp: sharded searches; text_parts_corrupt_test.cpp:
// garbled parts): records with long bodies, a site's pages and sections, part
// options small enough to cut values across parts, and the check that a
// sharded search shows what the whole index shows.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "index/binary_codec.hpp"
#include "index/bytes.hpp"
#include "index/text_parts.hpp"
#include "part_host.hpp"
#include "query/excerpt.hpp"
#include "query/text_span.hpp"
#include "text/utf8.hpp"

namespace osprey::test {

// A part's payload (after its 16-byte frame header and length), and a part
// framed again around another payload (with its checksum), to corrupt one.
inline std::string_view payload_of(std::string_view part) {
  ByteReader r(part.substr(16), "t");
  const uint64_t n = r.varint(part.size(), "n");
  return part.substr(16 + r.position(), n);
}

inline std::string reframe(std::string_view part, std::string_view payload) {
  ByteWriter w;
  w.bytes(part.substr(0, 16));
  w.varint(payload.size());
  w.bytes(payload);
  w.fixed32(crc32(payload));
  return w.take();
}

// Records with a short title and a body of 0 ... ~1,500 words drawn from a
// small vocabulary (deterministic), with compounds, accents and punctuation.
inline std::string long_records() {
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

inline Schema long_schema() {
  Schema s;
  s.id_field = "url";
  s.fields = {{.name = "title", .source = "title", .weight = 3.0, .stored = true},
              {.name = "body", .source = "body", .weight = 1.0, .stored = true},
              {.name = "url", .source = "url", .stored = true}};
  return s;
}

inline const Index& long_index() {
  static const Index ix = test::build(long_records(), long_schema());
  return ix;
}

inline PartOptions small_parts() {
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
inline std::size_t check_shown(const Index& whole, const SearchResult& lazy,
                               const SearchResult& full) {
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

inline const std::vector<std::string> kQueries = {
    "river",   "zephyr",       "quasar", "zephyr quasar",   "border",   "cross-border",
    "lantern", "naive meadow", "title",  "\"north light\"", "welbeing", ""};

// A site's records (tools/site/site_index.hpp): per page one record with
// all its text, and one per section with the text after its heading, a
// slice of the page's. Bodies of ~100 ... ~900 words.
inline std::string site_records() {
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

inline Schema site_schema() {
  Schema s;
  s.id_field = "url";
  s.fields = {{.name = "title", .source = "title", .weight = 3.0, .stored = true},
              {.name = "section", .source = "section", .weight = 1.0, .stored = true},
              {.name = "body", .source = "body", .weight = 1.0, .stored = true},
              {.name = "url", .source = "url", .stored = true},
              {.name = "page", .source = "page", .stored = true, .group = true}};
  return s;
}

}  // namespace osprey::test
