// Indexes a built static site: walk.hpp finds the pages, decode.hpp and
// html_extract.hpp read them (in parallel), and each page becomes records for
// the core's IndexBuilder, one index per language.
//
// Records (docs/site-indexing.md): a page gives one record with all its text,
// url = page = the page URL, and one record per section (a heading with an
// anchor, html_extract.hpp, and the weight-1 text under it up to the next
// such heading unless SiteOptions::section_text is false), url = PAGE#ANCHOR,
// page = the page URL.
// `page` is the schema's group field: a search's hits are pages, with their
// matching sections under them (docs/ranking.md "Pages").
// Fields, in schema order:
//   title      weight 3    the page title (page records)
//   section    weight 1    the section heading (section records)
//   body       weight 1    the page text (page records); the section's own
//                          text after its heading (section records)
//   body_wN    weight N    text under data-osprey-weight="N" ('_' for '.')
//   anchors    stored      page records with sections: JSON text
//                          [[offset, anchor, heading], ...], offset in UTF-16
//                          units of body where the section's heading starts
//   url (id)               stored
//   page                   stored, the group field
//   KEY ...                one per data key the site uses, on every record:
//                          stored; a facet if some page filters on it,
//                          sortable if some page sorts on it
//
// The site's vocabulary (markup.hpp): Osprey's data-osprey-* if any page has
// one; else Pagefind's data-pagefind-* if any page has one. A page of an
// Osprey site is never read with Pagefind's vocabulary. The body rule (as
// Pagefind's): once a page has the vocabulary's body attribute
// (data-osprey-body, data-pagefind-body), pages without it are left out
// (counted in SiteResult::unmarked).
//
// Nothing stops a run: every file that cannot be read or indexed, and every
// value that is dropped, is a warning naming the file.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "index/index.hpp"
#include "site/markup.hpp"
#include "site/walk.hpp"

namespace osprey::site {

struct SiteOptions {
  std::filesystem::path root;
  WalkOptions walk;
  std::string base_path;        // prefix of page URLs; "" keeps them relative to the site root
  std::string language = "en";  // for pages without a usable <html lang>
  uint64_t max_file_bytes = uint64_t{16} << 20;
  /// Reading a page (decoding, parsing, extracting) that takes longer is
  /// stopped and the page skipped (html_extract.hpp says how).
  std::chrono::milliseconds page_time_limit{10000};
  /// Section records hold their own text (matched and excerpted), not only
  /// their heading; false halves a site's index (docs/site-indexing.md).
  bool section_text = true;
  unsigned threads = 0;  // 0: one per core, at most 8
  /// Called on the calling thread while pages are read: (done, total).
  std::function<void(std::size_t, std::size_t)> progress;
};

struct SiteWarning {
  std::string file;     // relative path, or the folder for walk problems
  std::string kind;     // one word, for the summary: see kWarningKinds
  std::string message;  // one line
};

/// Warning kinds, in the order the summary lists them.
inline const std::vector<std::string> kWarningKinds = {
    "unreadable", "link",   "special", "in-bundle", "too-large", "binary", "too-deep", "too-slow",
    "encoding",   "markup", "no-text", "language",  "attribute", "record", "fields"};

struct LanguageIndex {
  std::string language;
  Index index;
  std::size_t pages = 0;
};

struct SiteResult {
  std::vector<LanguageIndex> indexes;  // sorted by language
  std::vector<std::string> paths;      // the files the walk found, relative to the site
  std::size_t pages = 0;               // pages indexed
  std::size_t skipped = 0;             // files not indexed (each has a warning)
  Markup markup = Markup::none;        // the site's vocabulary (markup.hpp), if it has one
  std::size_t unmarked = 0;            // pages left out by the body rule (markup.hpp)
  std::size_t other_markup = 0;        // pages whose data-pagefind-* was not read
  std::size_t records = 0;             // documents over all indexes
  std::size_t words = 0;               // words of text indexed
  uint64_t bytes_read = 0;
  std::vector<SiteWarning> warnings;              // in file order
  std::vector<std::string> filters, sorts, meta;  // data keys, sorted
};

SiteResult index_site(const SiteOptions& options);

/// The URL of the page at relative path rel: "dir/index.html" -> "dir/",
/// "index.html" -> "./", percent-encoded, after base_path when given. A
/// ':' in the path's first segment is written %3A, so it is never read as
/// a scheme ("https:x/" -> "https%3Ax/"): a page URL stays on the site. URLs
/// found in pages (src, href, og:image) follow the same rule.
std::string page_url(const std::string& rel, const std::string& base_path);

/// The language code a lang attribute gives ("en-US" -> "en"), or "".
std::string language_code(std::string_view lang);

}  // namespace osprey::site
