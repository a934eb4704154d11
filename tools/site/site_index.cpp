#include "site/site_index.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "build/builder.hpp"
#include "core/quote.hpp"
#include "file_io.hpp"
#include "parallel.hpp"
#include "site/ascii.hpp"
#include "site/decode.hpp"
#include "site/html_extract.hpp"
#include "text/utf8.hpp"

namespace osprey::site {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Field weights (docs/site-indexing.md explains the choice): a page is found by
// its title and text, a section record by its heading; `page` groups them, so
// a hit is a page with its matching sections (docs/ranking.md "Pages").
constexpr double kTitleWeight = 3.0;
constexpr double kSectionWeight = 1.0;

struct PageResult {
  bool indexed = false;
  bool unmarked = false;  // left out by the body rule
  bool empty = false;     // read, with no text to index (a "no-text" warning)
  std::string language;
  PageContent content;
  std::vector<SiteWarning> warnings;
  uint64_t bytes = 0;
  std::vector<AnalyzedRecord> records;  // once the schema is known
  std::size_t words = 0;
};

bool has_text(const PageContent& p) {
  return !p.text.empty() || !p.weighted.empty();
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// "10 s", "0.5 s".
std::string seconds(std::chrono::milliseconds t) {
  std::string s = std::to_string(t.count() / 1000);
  if (t.count() % 1000) {
    std::string ms = std::to_string(1000 + t.count() % 1000).substr(1);
    while (ms.back() == '0') ms.pop_back();
    s += "." + ms;
  }
  return s + " s";
}

PageResult read_page(const SiteOptions& o, const std::string& rel, bool allow_pagefind) {
  const Deadline deadline = std::chrono::steady_clock::now() + o.page_time_limit;
  PageResult r;
  auto warn = [&](const char* kind, std::string message) {
    r.warnings.push_back({rel, kind, std::move(message)});
  };
  const fs::path path = o.root / rel;
  Result<std::string> bytes = cli::read_file(path.string(), o.max_file_bytes);
  if (!bytes.ok()) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);  // only to say how large
    if (bytes.error().code == ErrorCode::kLimit && !ec) {
      warn("too-large", std::to_string(size) + " bytes, over the limit of " +
                            std::to_string(o.max_file_bytes) + " (max_file_size); skipped");
    } else {
      warn("unreadable", bytes.error().message + "; skipped");
    }
    return r;
  }
  r.bytes = bytes.value().size();
  DecodedPage decoded = decode_page(bytes.value());
  std::string().swap(bytes.value());  // freed before parsing (clear() keeps the memory)
  if (decoded.binary) {
    warn("binary", "not text (binary bytes in the first 8 KiB); skipped");
    return r;
  }
  if (decoded.unsupported_charset) {
    warn("encoding", "charset " + quoted(decoded.charset, 30) + " is not supported; read as UTF-8");
  }
  if (decoded.replaced > 0) {
    warn("encoding", "invalid UTF-8 from line " + std::to_string(decoded.first_bad_line) + ": " +
                         plural(decoded.replaced, "sequence") + " replaced by U+FFFD");
  }
  r.content = extract_page(decoded.text, deadline, allow_pagefind);
  PageContent& c = r.content;
  if (c.too_deep) {
    warn("too-deep", "elements nested more than " + std::to_string(kMaxDepth) +
                         " deep (browsers stop at 512); skipped");
    return r;
  }
  if (c.too_slow) {
    warn("too-slow", "reading it took over the limit of " + seconds(o.page_time_limit) +
                         " (page_time_limit); skipped");
    return r;
  }
  const AttributeCounts& a = c.attributes;
  if (a.crowded_tags > 0) {
    warn("markup", plural(a.crowded_tags, "tag") + " with over " + std::to_string(kMaxAttributes) +
                       " attributes, the first on line " + std::to_string(a.first_line) +
                       " (most on one tag: " + std::to_string(a.most) + "); " +
                       plural(a.dropped - a.formatting_dropped, "attribute") +
                       " past the limit dropped");
  }
  if (a.formatting_dropped > 0) {
    warn("markup", plural(a.formatting_dropped, "attribute") +
                       " of nested formatting elements (<a>, <b>, <i>, ...) dropped: the "
                       "parser compares each with all those still open");
  }
  if (c.markup_errors > 0) {
    warn("markup", plural(c.markup_errors, "HTML syntax error") +
                       (c.markup_errors >= 1000 ? " or more" : "") +
                       ", recovered as a browser does");
  }
  for (std::string& m : c.warnings) warn("attribute", std::move(m));
  r.language = language_code(c.lang);
  if (r.language.empty()) {
    if (!c.lang.empty()) {
      warn("language", "lang=" + quoted(c.lang, 30) + " is not a language code; indexed as \"" +
                           o.language + "\"");
    }
    r.language = o.language;
  }
  if (!has_text(c)) {
    warn("no-text", "no text to index; skipped");
    r.empty = true;
    return r;
  }
  r.indexed = true;
  return r;
}

bool unreserved(unsigned char c) {
  return std::isalnum(c) || std::string_view("-._~!$&'()*+,;=:@/").find(static_cast<char>(c)) !=
                                std::string_view::npos;
}

std::string percent_encode(std::string_view s, bool fragment) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (unreserved(c) || (fragment && c == '?')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

// A path on the site (relative to its root) as a URL: after base_path when
// given. A ':' in its first segment becomes %3A, so it never reads as a scheme
// ("javascript:x.html" is a javascript: URL, RFC 3986 4.2): the one rule for
// page URLs and the URLs found in pages.
std::string site_url(std::string path, const std::string& base_path) {
  for (std::size_t colon = path.find(':'); colon < path.find('/'); colon = path.find(':', colon)) {
    path.replace(colon, 1, "%3A");
  }
  if (base_path.empty()) return path;
  std::string url = base_path;
  if (url.back() != '/') url += '/';
  return url + path;
}

// A URL found in a page (src, href, og:image) made relative to the site root
// like page URLs; absolute ones ("/x", "https://...", "data:...") stay.
std::string resolve_in_page(const std::string& value, const std::string& rel,
                            const std::string& base_path) {
  const std::size_t colon = value.find(':');
  const std::size_t slash = value.find('/');
  if (value.empty() || value[0] == '/' || value[0] == '#' ||
      (colon != std::string::npos && (slash == std::string::npos || colon < slash))) {
    return value;
  }
  std::vector<std::string> parts;
  std::string dir = rel.substr(0, rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/'));
  auto push_path = [&](std::string_view p) {
    while (!p.empty()) {
      const std::size_t cut = p.find('/');
      const std::string_view seg = p.substr(0, cut);
      if (seg == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.emplace_back(seg);
      }
      if (cut == std::string_view::npos) break;
      p.remove_prefix(cut + 1);
    }
  };
  push_path(dir);
  push_path(value);
  std::string path;
  for (std::size_t i = 0; i < parts.size(); ++i) path += (i ? "/" : "") + parts[i];
  if (!value.empty() && value.back() == '/' && !parts.empty()) path += '/';
  return site_url(std::move(path), base_path);
}

std::string weight_field(double w) {
  // In tenths: 2 -> "body_w2", 0.5 -> "body_w0_5", 1.5 -> "body_w1_5".
  const int tenths = static_cast<int>(std::lround(w * 10));
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10) s += "_" + std::to_string(tenths % 10);
  return "body_w" + s;
}

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// The text of section i of c without its heading: c.text from the
// section's offset to the next section's ('' when there is none).
std::string section_own_text(const PageContent& c, std::size_t i) {
  const Section& sec = c.sections[i];
  const std::size_t end = i + 1 < c.sections.size() ? c.sections[i + 1].offset : c.text.size();
  std::string_view own = std::string_view(c.text).substr(sec.offset, end - sec.offset);
  if (own.starts_with(sec.heading)) own.remove_prefix(sec.heading.size());
  while (!own.empty() && own.front() == ' ') own.remove_prefix(1);
  while (!own.empty() && own.back() == ' ') own.remove_suffix(1);
  return std::string(own);
}

struct KeyUse {
  bool filter = false, sort = false, meta = false;
};

// The records of an indexed page (docs/site-indexing.md "Sections and deep
// links"), analyzed against schema into p.records; its words into p.words.
// The page's content is released.
void page_records(const SiteOptions& o, const std::string& file, const Schema& schema,
                  const std::set<std::string>& dropped, PageResult& p) {
  const PageContent& c = p.content;
  const std::string url = page_url(file, o.base_path);
  std::string title = c.title;
  if (title.empty()) title = file;

  // Data values shared by every record of the page.
  json data = json::object();
  std::set<std::string> single_done;
  auto add = [&](const DataValue& v, bool single) {
    if (dropped.count(v.key)) return;
    if (single && !single_done.insert(v.key).second) return;
    const std::string value = v.url ? resolve_in_page(v.value, file, o.base_path) : v.value;
    json& slot = data[v.key];
    if (slot.is_null()) slot = json::array();
    if (std::find(slot.begin(), slot.end(), value) == slot.end()) slot.push_back(value);
  };
  // Data attributes first, then <meta> and <time>: for a single-valued key
  // (meta, sort) the first value wins.
  for (const DataValue& v : c.meta) {
    if (!v.implicit) add(v, true);
  }
  for (const DataValue& v : c.sorts) add(v, true);
  for (const DataValue& v : c.filters) add(v, false);
  for (const DataValue& v : c.meta) {
    if (v.implicit && !data.contains(v.key)) add(v, true);
  }

  auto add_record = [&](json record) {
    for (const auto& [k, v] : data.items()) record[k] = v;
    p.records.push_back(analyze_record(schema, record));
  };
  // A section record of a heading without words ("_", only symbols) could
  // match nothing, and a record with no searchable text is reported: none.
  auto add_section = [&](json record) {
    for (const auto& [k, v] : data.items()) record[k] = v;
    AnalyzedRecord analyzed = analyze_record(schema, record);
    const bool words = std::any_of(analyzed.field_length.begin(), analyzed.field_length.end(),
                                   [](uint32_t n) { return n > 0; });
    if (words) p.records.push_back(std::move(analyzed));
  };
  // The page: all of its text.
  json record = {{"url", url}, {"page", url}, {"title", title}};
  if (!c.text.empty()) record["body"] = c.text;
  for (const WeightedText& w : c.weighted) record[weight_field(w.weight)] = w.text;
  if (!c.sections.empty()) {
    // [[offset, anchor, heading], ...], offsets in UTF-16 units of body, as
    // JavaScript indexes strings.
    json anchors = json::array();
    std::size_t bytes = 0, units = 0;
    for (const Section& sec : c.sections) {
      units += text::utf16_length(std::string_view(c.text).substr(bytes, sec.offset - bytes));
      bytes = sec.offset;
      anchors.push_back({units, sec.anchor, sec.heading});
    }
    record["anchors"] = anchors.dump();
  }
  p.words = count_words(title) + count_words(c.text);
  for (const WeightedText& w : c.weighted) p.words += count_words(w.text);
  add_record(std::move(record));
  // Its sections: a heading each and the text under it, up to the next
  // heading with an anchor, found by their own words.
  for (std::size_t i = 0; i < c.sections.size(); ++i) {
    const Section& sec = c.sections[i];
    json section = {{"url", url + "#" + percent_encode(sec.anchor, true)},
                    {"page", url},
                    {"section", sec.heading}};
    if (o.section_text) {
      const std::string own = section_own_text(c, i);
      if (!own.empty()) section["body"] = own;
    }
    add_section(std::move(section));
  }
  p.content = PageContent();
}

// The site's vocabulary, from the pages as first read (each with its own):
// pages read with Pagefind's in a site that uses Osprey's are read again
// without it; then the body rule of the site's vocabulary.
void settle_markup(const SiteOptions& o, const std::vector<std::string>& files, unsigned threads,
                   std::vector<PageResult>& pages, SiteResult& result) {
  auto uses = [&](Markup m) {
    return std::any_of(pages.begin(), pages.end(),
                       [&](const PageResult& p) { return p.content.markup == m; });
  };
  if (uses(Markup::osprey)) {
    result.markup = Markup::osprey;
    std::vector<std::size_t> again;
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (pages[i].content.markup == Markup::pagefind) again.push_back(i);
    }
    cli::parallel_for(again.size(), cli::thread_count(threads, again.size()), [&](std::size_t k) {
      pages[again[k]] = read_page(o, files[again[k]], false);
    });
  } else if (uses(Markup::pagefind)) {
    result.markup = Markup::pagefind;
  }
  // The body rule, in either vocabulary: once a page is marked with the
  // site's data-*-body, pages without it are left out.
  const bool bodies = std::any_of(pages.begin(), pages.end(), [](const PageResult& p) {
    return p.indexed && p.content.body_marked;
  });
  // An unmarked page with no text is left out by the rule too (counted as
  // unmarked, without its "no-text" warning): the site chose what is text.
  for (PageResult& p : pages) {
    if (bodies && (p.indexed || p.empty) && !p.content.body_marked) {
      p.indexed = false;
      p.unmarked = true;
      std::erase_if(p.warnings, [](const SiteWarning& w) { return w.kind == "no-text"; });
    }
  }
  for (const PageResult& p : pages) result.other_markup += p.content.other_markup ? 1 : 0;
}

}  // namespace

std::string language_code(std::string_view lang) {
  while (!lang.empty() && lang.front() == ' ') lang.remove_prefix(1);
  const std::string code = lower_ascii(std::string(lang.substr(0, lang.find_first_of("-_ "))));
  return valid_language(code) ? code : "";
}

std::string page_url(const std::string& rel, const std::string& base_path) {
  std::string p = rel;
  if (p == "index.html") {
    p.clear();
  } else if (p.size() > 11 && p.compare(p.size() - 11, 11, "/index.html") == 0) {
    p.resize(p.size() - 10);
  }
  if (p.empty() && base_path.empty()) return "./";
  return site_url(percent_encode(p, false), base_path);
}

SiteResult index_site(const SiteOptions& o) {
  SiteResult result;
  WalkResult walked = walk_site(o.root, o.walk);
  for (WalkWarning& w : walked.warnings) {
    // A folder that could not be read names itself in the message.
    const bool folder = w.kind == "unreadable";
    result.warnings.push_back({folder ? "" : std::move(w.path), w.kind, std::move(w.message)});
  }
  result.paths = std::move(walked.files);
  const std::vector<std::string>& files = result.paths;

  // Read and extract in parallel; results land by file index, so the output
  // does not depend on scheduling.
  std::vector<PageResult> pages(files.size());
  const unsigned threads = cli::thread_count(o.threads, files.size());
  std::function<void(std::size_t)> progress;
  if (o.progress) progress = [&](std::size_t done) { o.progress(done, files.size()); };
  cli::parallel_for(
      files.size(), threads, [&](std::size_t i) { pages[i] = read_page(o, files[i], true); },
      progress);
  if (o.progress) o.progress(files.size(), files.size());
  settle_markup(o, files, threads, pages, result);

  // The schema: every data key and weight any page uses.
  std::map<std::string, KeyUse> keys;
  std::set<double> weights;
  for (const PageResult& p : pages) {
    if (!p.indexed) continue;
    for (const DataValue& v : p.content.meta) keys[v.key].meta = true;
    for (const DataValue& v : p.content.filters) keys[v.key].filter = true;
    for (const DataValue& v : p.content.sorts) keys[v.key].sort = true;
    for (const WeightedText& w : p.content.weighted) weights.insert(w.weight);
  }
  Schema schema;
  schema.id_field = "url";
  schema.fields = {
      {.name = "title", .source = "title", .weight = kTitleWeight, .stored = true},
      {.name = "section", .source = "section", .weight = kSectionWeight, .stored = true},
      {.name = "body", .source = "body", .weight = 1.0, .stored = true},
  };
  for (double w : weights) {
    const std::string name = weight_field(w);
    schema.fields.push_back({.name = name, .source = name, .weight = w, .stored = true});
  }
  schema.fields.push_back({.name = "anchors", .source = "anchors", .stored = true});
  schema.fields.push_back({.name = "url", .source = "url", .stored = true});
  schema.fields.push_back({.name = "page", .source = "page", .stored = true, .group = true});
  std::set<std::string> dropped;
  for (const auto& [key, use] : keys) {
    if (schema.fields.size() >= kMaxFields) {
      dropped.insert(key);
      continue;
    }
    schema.fields.push_back(
        {.name = key, .source = key, .stored = true, .facet = use.filter, .sortable = use.sort});
    if (use.filter) result.filters.push_back(key);
    if (use.sort) result.sorts.push_back(key);
    if (use.meta) result.meta.push_back(key);
  }
  if (!dropped.empty()) {
    std::string list;
    for (const std::string& k : dropped) list += (list.empty() ? "" : ", ") + k;
    result.warnings.push_back({"", "fields",
                               "more than " + std::to_string(kMaxFields) +
                                   " fields; these data keys are not indexed: " + list});
  }

  // Each page's records, analyzed in parallel (analyze_record needs no
  // builder) and added in file order on this thread as they become ready.
  std::map<std::string, IndexBuilder> builders;
  std::map<std::string, std::size_t> language_pages;
  auto analyze = [&](std::size_t i) {
    if (!pages[i].indexed) return;
    // Analyzed in the page's language, as its index's builder and queries
    // are: its folding (Turkish I) and the words its stems are taken from.
    Schema page_schema = schema;
    page_schema.language = pages[i].language;
    page_records(o, files[i], page_schema, dropped, pages[i]);
  };
  auto add = [&](std::size_t i) {
    PageResult& p = pages[i];
    result.bytes_read += p.bytes;
    for (SiteWarning& w : p.warnings) result.warnings.push_back(std::move(w));
    if (!p.indexed) {
      ++(p.unmarked ? result.unmarked : result.skipped);
      return true;
    }
    auto it = builders.find(p.language);
    if (it == builders.end()) {
      Schema s = schema;
      s.language = p.language;
      it = builders.emplace(p.language, IndexBuilder(std::move(s))).first;
    }
    for (AnalyzedRecord& r : p.records) {
      AddReport report = it->second.add(std::move(r));
      for (std::string& m : report.messages) {
        result.warnings.push_back({files[i], "record", std::move(m)});
      }
      if (report.indexed) ++result.records;
    }
    p.records = {};
    result.words += p.words;
    ++result.pages;
    ++language_pages[p.language];
    return true;
  };
  cli::ordered_for(files.size(), threads, analyze, add);
  for (auto& [language, builder] : builders) {
    result.indexes.push_back({language, builder.finish(), language_pages[language]});
  }
  return result;
}

}  // namespace osprey::site
