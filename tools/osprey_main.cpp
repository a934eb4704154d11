#include <cstdio>
#include <string>
#include <vector>

#include "cli.hpp"

namespace osprey::cli {

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "osprey: %s\n", message.c_str());
  return code;
}

namespace {

constexpr const char* kUsage = R"(usage: osprey <command> [options]

Osprey is site search that runs in the visitor's browser. This program builds
the index (and the folder that serves it) and can search it from the shell.

COMMANDS
  osprey index --site DIR [options]      index the HTML pages of a built site
  osprey index INPUT [options]           index records (JSON array or JSON Lines)
  osprey search INDEX QUERY [options]    search an index file
  osprey serve DIR [--port N]            preview a folder on http://127.0.0.1
  osprey assets [--assets DIR]           the web files bundles copy, and where
  osprey help                            this text (also -h, --help)
  osprey --version                       the version

INDEXING A SITE
  Run it after your site generator (Hugo, Jekyll, Eleventy, Sphinx, ...):

    osprey index --site public/

  reads every *.html under public/ with an HTML5 parser and writes the bundle
  public/osprey/: the index (one file per language), the engine and the
  scripts. Deploy = copy the folder with the site. What is read from each page
  (content, title, sections, data-osprey-* attributes, language) is described
  in docs/site-indexing.md. A site marked for Pagefind (data-pagefind-*, and
  no data-osprey-*) is read with Pagefind's meanings: see
  docs/migrating-from-pagefind.md.

  --include GLOB         pages to read (repeatable; default **/*.html)
  --exclude GLOB         pages to leave out (repeatable), e.g. 'genindex*'
                         or 'drafts/'. A glob without '/' matches file names.
  --base-path PATH       prefix page URLs with PATH (e.g. /docs/); by default
                         they are relative to the site root, so the site
                         works at any path
  --language CODE        language of pages without <html lang> (default en)
  --max-file-size BYTES  skip larger pages (default 16777216)
  --page-time-limit S    skip a page that takes longer to read (default 10)
  --split-above BYTES    in a bundle, shard an index bigger than this into a base
                         and parts that browsers fetch as queries need them
                         (default 1048576; 0: always)
  --threads N            pages or records read in parallel (default: one per core)
  --follow-symlinks      follow symbolic links that lead out of the site (by
                         default they are skipped, each with a warning)

INDEXING RECORDS
    osprey index data/news.json -o news.osp

  INPUT is a JSON array of objects, or JSON Lines (one object per line; chosen
  by a .jsonl or .ndjson name, or --format jsonl). The schema (which fields are
  searched, stored, facets, sort keys) is the built-in one for news records
  (title, summary, type, date, year, url) unless the config file gives one.
  Malformed JSON stops with FILE:LINE:COLUMN: message.

  --format json|jsonl    how INPUT is read

OUTPUT (both kinds of input)
  -o, --output FILE      write one index file (one language only)
  --index-format F       the -o file's format: binary (default) or json, the
                         interchange format that tools in any language can
                         write (docs/index-format.md, "JSON format"). Pages
                         load either: a JSON index is converted by
                         engine/osprey-convert.wasm, fetched only for it. With
                         -o alone: bundles and the single file are binary
  --bundle DIR           write the bundle folder (default with --site:
                         SITE/osprey); osprey-manifest.json is its entry
  --single-file FILE     also write one self-contained HTML page that
                         searches offline, opened from disk (file://)
  --title TEXT           heading of that page (default "Search")
  --assets DIR           where osprey.js and engine/ are (default: found)
  --config FILE          osprey.json: the same settings as a file (see
                         docs/config.md); flags override it. A bare schema
                         file ({"id", "fields"}) is accepted too.
  -q, --quiet            no progress bar

  Every file or record that cannot be indexed is a warning line on stderr
  (FILE: warning: ...); nothing stops the run. A summary closes it: pages or
  records, words, warnings by kind, bytes and time. On a terminal a progress
  bar shows while pages are read.

SEARCHING
  osprey search INDEX QUERY [--json] [--limit N] [--offset N]
      [--filter FIELD=VALUE] [--filter-all FIELD=VALUE] [--filter-not FIELD=VALUE]
      [--range FIELD=FROM..TO] [--sort FIELD[:asc|:desc]] [--no-typos]
      [--options JSON] [--complete]
  osprey search INDEX --info
  Prints ranked results (score, id, title) or, with --json, the value the
  engine gives a page for the same query, as one line of JSON:
  {"ok": true, "total", "fullTotal", "terms", "hits": [{"doc", "score", "full",
  "matched", "fields", "excerpts"}], "facets", "didYouMean"}: a hit's fields
  hold what a results list shows, a text longer than its excerpt (a page's
  body) only in excerpts, unless asked: --options '{"fields": ["body"]}'. With
  --complete,
  {"ok": true, "completions": [{"query", "term", "docs"}]}. --info prints what
  loading the index gives: {"ok": true, "docCount", "parts", "language",
  "fields": [{"name", "searchable", "stored", "facet", "sortable", "boost",
  "weight"}], "idField"}.
  --options takes the page API's options object, e.g.
  '{"limit": 5, "filters": {"type": "Report"}, "sort": "date:asc"}'; flags
  and --options apply in order (the later wins; filters and ranges add up).
  Ranking parameters go there too (docs/ranking.md, "Ranking options"):
  '{"ranking": {"pageLength": 0.5, "fieldWeights": {"title": 5}}}'.
  docs/query-language.md has the query syntax.

SERVING
  osprey serve DIR [--port N] [--quiet]
  Serves DIR on 127.0.0.1 (port 8080; 0 picks a free one) with the right
  types for .wasm, .js and .json, for a preview in a browser. Ctrl-C stops.
  Only DIR's own files are served: no dotfiles, nothing through a symbolic
  link out of DIR, and only to a loopback Host (127.0.0.1, localhost, [::1]).
  A busy port is an error, never shared.

ASSETS
  osprey assets [--assets DIR]
  A bundle copies the web files (osprey.js, the worker, engine/, the widget)
  from the assets folder: --assets DIR, else $OSPREY_ASSETS (the npm
  package's osprey-search command sets it), else web/ beside the program
  (the release folder), else share/osprey/web beside the program's folder;
  a build from source also looks in its source tree's web/. `osprey assets`
  prints the folder found, then its files that bundles copy, one a line.

INPUTS AND LIMITS
  Inputs must be regular files of at most 1 GiB; FIFOs, devices, sockets and
  UTF-16 or UTF-32 text are refused with a message. In a site, symbolic links
  that lead out of it and special files are skipped, each with a warning.
  "--" ends the options: osprey search INDEX -- --literal-query

EXIT CODES
  0  success (warnings may have been printed)
  1  invalid input or config, unreadable or corrupt files, a failed write,
     nothing could be indexed
  2  a usage error (unknown option, missing argument)

EXAMPLES
  osprey index --site public/ --exclude 'drafts/' --single-file search.html
  osprey serve public/
  osprey index --config osprey.json
  osprey search public/osprey/index.en.*.osp "install" --limit 5
  osprey index data/news.json -o news.json --index-format json
  osprey search news.json "syria" --limit 3
)";

}  // namespace

void print_usage(std::FILE* to) {
  std::fputs(kUsage, to);
}

}  // namespace osprey::cli

int main(int argc, char** argv) {
  using namespace osprey::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(stderr);
    return kExitUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    print_usage(stdout);
    return kExitOk;
  }
  if (command == "--version") {
    std::puts("osprey " OSPREY_VERSION);
    return kExitOk;
  }
  if (command == "index") return cmd_index(args);
  if (command == "search") return cmd_search(args);
  if (command == "serve") return cmd_serve(args);
  if (command == "assets") return cmd_assets(args);
  return fail("unknown command \"" + command + "\" (see osprey --help)", kExitUsage);
}
