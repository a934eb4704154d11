// osprey index: records (a JSON array or JSON Lines) or a built site (--site)
// -> an index file (-o), a bundle folder (--bundle) and/or an offline page
// (--single-file). Settings come from osprey.json (--config, site/config.hpp),
// then from flags, which win.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "build/builder.hpp"
#include "build/bundle_files.hpp"
#include "build/records.hpp"
#include "cli.hpp"
#include "edge_text.hpp"
#include "file_io.hpp"
#include "index_outputs.hpp"
#include "parallel.hpp"
#include "site/config.hpp"
#include "site/site_index.hpp"

namespace osprey::cli {
namespace {

namespace fs = std::filesystem;

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

class Progress {
 public:
  explicit Progress(bool enabled) : tty_(enabled && isatty(STDERR_FILENO)) {}
  void update(std::size_t done, std::size_t total) {
    if (!tty_ || total == 0) return;
    const int width = 30;
    const int filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\rosprey: reading pages [%.*s%.*s] %zu/%zu", filled,
                 "##############################", width - filled, "                              ",
                 done, total);
    std::fflush(stderr);
    drawn_ = true;
  }
  void clear() {
    if (drawn_) std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }

 private:
  bool tty_;
  bool drawn_ = false;
};

// Puts the default language first: it names the default in the manifest.
void order_languages(std::vector<Output>& outputs, const std::string& preferred) {
  std::stable_partition(outputs.begin(), outputs.end(),
                        [&](const Output& o) { return o.language == preferred; });
}

int index_records(const site::Config& c, unsigned threads,
                  std::chrono::steady_clock::time_point start) {
  Schema schema = c.schema ? *c.schema : Schema::defaults();
  if (!c.schema || c.language != kDefaultLanguage) schema.language = c.language;
  if (std::optional<std::string> clash = output_overwrites_input(c, {})) return fail(*clash);
  Result<std::string> text = read_json_file(c.input);
  if (!text.ok()) return fail(text.error().message);
  const bool lines = c.format.empty() ? c.input.ends_with(".jsonl") || c.input.ends_with(".ndjson")
                                      : c.format == "jsonl";
  // Records are parsed (JSON Lines: one line each) and analyzed on threads,
  // in chunks, and added here in input order. Warnings wait for the end: a
  // malformed line stops the run with its error alone, as if it had been
  // found before any record was added.
  std::vector<RecordLine> rows;
  std::vector<Record> parsed;  // a JSON array is parsed whole first
  if (lines) {
    rows = record_lines(text.value());
  } else {
    Result<std::vector<Record>> records = parse_records(text.value(), RecordFormat::kJsonArray);
    if (!records.ok()) return fail(c.input + ":" + records.error().message);
    parsed = std::move(records.value());
  }
  const std::size_t count = lines ? rows.size() : parsed.size();
  constexpr std::size_t kChunk = 256;
  const std::size_t chunks = (count + kChunk - 1) / kChunk;
  struct Slot {
    AnalyzedRecord record;
    std::size_t line = 0;
    std::optional<std::string> error;  // a malformed line
  };
  std::vector<std::vector<Slot>> slots(chunks);

  IndexBuilder builder(schema);
  std::size_t skipped = 0;
  std::vector<std::pair<std::size_t, std::string>> warnings;  // line, message
  std::optional<std::string> error;
  cli::ordered_for(
      chunks, cli::thread_count(threads, chunks),
      [&](std::size_t k) {
        std::vector<Slot>& out = slots[k];
        const std::size_t end = std::min(count, (k + 1) * kChunk);
        out.resize(end - k * kChunk);
        for (std::size_t i = k * kChunk; i < end; ++i) {
          Slot& slot = out[i - k * kChunk];
          if (!lines) {
            slot.line = parsed[i].line;
            slot.record = analyze_record(schema, parsed[i].value);
            parsed[i].value = nullptr;
            continue;
          }
          slot.line = rows[i].line;
          Result<nlohmann::json> value = parse_record_line(rows[i]);
          if (!value.ok()) {
            slot.error = value.error().message;
            out.resize(i - k * kChunk + 1);  // nothing after it is read
            break;
          }
          slot.record = analyze_record(schema, value.value());
        }
      },
      [&](std::size_t k) {
        for (Slot& slot : slots[k]) {
          if (slot.error) {
            error = std::move(slot.error);
            return false;
          }
          AddReport report = builder.add(std::move(slot.record));
          if (!report.indexed) ++skipped;
          for (std::string& m : report.messages) warnings.emplace_back(slot.line, std::move(m));
        }
        slots[k] = {};
        return true;
      });
  if (error) return fail(c.input + ":" + *error);
  for (const auto& [line, message] : warnings) {
    std::fprintf(stderr, "%s:%zu: warning: %s\n", c.input.c_str(), line,
                 printable(message).c_str());
  }
  if (Result<std::monostate> fits = builder.check_limits(); !fits.ok()) {
    return fail(c.input + ": " + fits.error().message);
  }
  const Index index = builder.finish();
  std::vector<Output> outputs{{schema.language, &index, index.doc_count, 0}};

  // The bundle's shape for records is the Node API's too (build/bundle_files.hpp).
  BundleShape records = records_shape(schema, c.base_path);
  Shape shape{records.site_root,          records.site_root,        std::move(records.fields),
              std::move(records.filters), std::move(records.sorts), std::move(records.meta)};
  uint64_t written = 0;
  std::vector<std::string> where;
  if (int rc = write_outputs(c, outputs, shape, written, where); rc != kExitOk) return rc;

  std::string targets;
  for (const std::string& w : where) targets += (targets.empty() ? "" : ", ") + w;
  std::fprintf(stderr,
               "osprey: indexed %u of %zu records (%zu skipped, %zu warnings), %zu terms, "
               "%llu bytes written to %s in %.0f ms\n",
               index.doc_count, count, skipped, warnings.size(), index.terms.size(),
               static_cast<unsigned long long>(written), targets.c_str(), ms_since(start));
  return kExitOk;
}

int index_site(const site::Config& c, unsigned threads, bool quiet, bool follow_symlinks,
               std::chrono::steady_clock::time_point start) {
  std::error_code ec;
  if (!fs::is_directory(c.site, ec)) return fail(c.site + ": not a folder");
  site::SiteOptions o;
  o.root = c.site;
  if (!c.include.empty()) o.walk.include = c.include;
  o.walk.exclude = c.exclude;
  if (!c.bundle.empty()) o.walk.skip = c.bundle;
  o.walk.follow_symlinks = follow_symlinks;
  o.base_path = c.base_path;
  o.language = c.language;
  o.max_file_bytes = c.max_file_size;
  o.page_time_limit = std::chrono::milliseconds(std::llround(c.page_time_limit * 1000));
  o.section_text = c.section_text;
  o.threads = threads;
  Progress progress(!quiet);
  o.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  site::SiteResult r = site::index_site(o);
  progress.clear();

  std::map<std::string, std::size_t> by_kind;
  for (const site::SiteWarning& w : r.warnings) {
    ++by_kind[w.kind];
    const std::string where = w.file.empty() ? "" : c.site + "/" + w.file + ": ";
    // File names and quoted values come from the site: no raw control characters.
    std::fprintf(stderr, "%swarning: %s\n", printable(where).c_str(), printable(w.message).c_str());
  }
  if (r.paths.empty()) {
    return fail(c.site + ": no page to index (no file matches " +
                (c.include.empty() ? std::string("**/*.html") : c.include.front()) + ")");
  }
  if (r.indexes.empty()) {
    return fail("none of the " + std::to_string(r.paths.size()) + " files under " + c.site +
                " could be indexed (see the warnings above)");
  }

  if (std::optional<std::string> clash = output_overwrites_input(c, r.paths)) return fail(*clash);

  std::vector<Output> outputs;
  std::string per_language;
  for (const site::LanguageIndex& li : r.indexes) {
    outputs.push_back({li.language, &li.index, li.index.doc_count, li.pages});
    per_language +=
        (per_language.empty() ? "" : ", ") + li.language + ": " + std::to_string(li.pages);
  }
  // The default language: the configured one if the site has it, else the largest.
  std::string preferred = c.language;
  if (std::none_of(outputs.begin(), outputs.end(),
                   [&](const Output& x) { return x.language == preferred; })) {
    preferred =
        std::max_element(outputs.begin(), outputs.end(), [](const Output& a, const Output& b) {
          return a.pages < b.pages;
        })->language;
  }
  order_languages(outputs, preferred);

  Shape shape;
  shape.bundle_root = c.base_path.empty() && !c.bundle.empty()
                          ? std::optional<std::string>(relative_url(c.site, c.bundle))
                          : std::optional<std::string>(c.base_path);
  shape.page_root = c.base_path;
  shape.fields = {{"url", "url"},
                  {"page", "page"},
                  {"title", "title"},
                  {"section", "section"},
                  {"anchors", "anchors"}};
  nlohmann::ordered_json excerpt = {"body"};
  for (const FieldSpec& f : r.indexes.front().index.schema.fields) {
    if (f.name.rfind("body_w", 0) == 0) excerpt.push_back(f.name);
  }
  shape.fields["excerpt"] = std::move(excerpt);
  // Results show the page's image and, as chips, its other metadata
  // (docs/site-indexing.md "Results: image and chips"): not the description
  // (prose, not a chip) nor the date (shown as the result's date).
  nlohmann::ordered_json chips = nlohmann::ordered_json::array();
  for (const std::string& key : r.meta) {
    if (key == "image") shape.fields["image"] = key;
    if (key != "image" && key != "description" && key != "date") chips.push_back(key);
  }
  shape.fields["chips"] = std::move(chips);
  shape.filters = r.filters;
  shape.sorts = r.sorts;
  shape.meta = r.meta;
  uint64_t written = 0;
  std::vector<std::string> where;
  if (int rc = write_outputs(c, outputs, shape, written, where); rc != kExitOk) return rc;

  std::string kinds;
  for (const std::string& k : site::kWarningKinds) {
    if (by_kind.count(k))
      kinds += (kinds.empty() ? "" : ", ") + k + " " + std::to_string(by_kind[k]);
  }
  std::string targets;
  for (const std::string& w : where) targets += (targets.empty() ? "" : ", ") + w;
  std::fprintf(stderr,
               "osprey: %zu page%s indexed of %zu file%s (%zu skipped); %zu record%s, %zu word%s; "
               "%zu language%s (%s)\n",
               r.pages, r.pages == 1 ? "" : "s", r.paths.size(), r.paths.size() == 1 ? "" : "s",
               r.skipped, r.records, r.records == 1 ? "" : "s", r.words, r.words == 1 ? "" : "s",
               outputs.size(), outputs.size() == 1 ? "" : "s", per_language.c_str());
  if (r.markup == site::Markup::pagefind) {
    std::fprintf(stderr,
                 "osprey: read Pagefind's data-pagefind-* attributes with Pagefind's meanings "
                 "(the site has no data-osprey-*)\n");
  }
  if (r.unmarked > 0) {
    std::fprintf(stderr,
                 "osprey: %zu page%s without %s not indexed (other pages have it, so only those "
                 "are indexed)\n",
                 r.unmarked, r.unmarked == 1 ? "" : "s",
                 r.markup == site::Markup::pagefind ? "data-pagefind-body" : "data-osprey-body");
  }
  if (r.other_markup > 0) {
    std::fprintf(stderr,
                 "osprey: data-pagefind-* attributes not read on %zu page%s (the site uses "
                 "data-osprey-*)\n",
                 r.other_markup, r.other_markup == 1 ? "" : "s");
  }
  std::fprintf(stderr, "osprey: %zu warning%s%s%s%s\n", r.warnings.size(),
               r.warnings.size() == 1 ? "" : "s", kinds.empty() ? "" : " (", kinds.c_str(),
               kinds.empty() ? "" : ")");
  std::fprintf(stderr, "osprey: read %llu bytes, wrote %llu bytes to %s in %.0f ms\n",
               static_cast<unsigned long long>(r.bytes_read),
               static_cast<unsigned long long>(written), targets.c_str(), ms_since(start));
  return kExitOk;
}

}  // namespace

int cmd_index(const std::vector<std::string>& args) {
  const auto start = std::chrono::steady_clock::now();
  // Flags are read first into "set" slots, then laid over the config file.
  std::string input, config_path;
  std::map<std::string, std::string> flags;
  std::vector<std::string> include, exclude;
  unsigned threads = 0;
  bool quiet = false, options_end = false, follow_symlinks = false;
  static const std::vector<std::string> kValueFlags = {
      "--site",      "--format",      "--bundle",          "--single-file",
      "--base-path", "--language",    "--max-file-size",   "--assets",
      "--title",     "--split-above", "--page-time-limit", "--index-format"};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    std::string v;
    if (options_end || a == "-" || a.empty() || a[0] != '-') {
      if (!input.empty()) return fail("index: one INPUT only (got \"" + a + "\" too)", kExitUsage);
      input = a;
    } else if (a == "--") {
      options_end = true;  // what follows is INPUT, even if it starts with '-'
    } else if (a == "-h" || a == "--help") {
      print_usage(stdout);
      return kExitOk;
    } else if (a == "-o" || a == "--output") {
      if (!value(v)) return fail(a + " needs a value", kExitUsage);
      flags["--output"] = v;
    } else if (a == "--config") {
      if (!value(config_path)) return fail(a + " needs a value", kExitUsage);
    } else if (a == "--include" || a == "--exclude") {
      if (!value(v) || v.empty()) return fail(a + " needs a glob", kExitUsage);
      (a == "--include" ? include : exclude).push_back(v);
    } else if (a == "--threads") {
      if (!value(v) || !parse_number(v, threads))
        return fail("--threads takes a number", kExitUsage);
    } else if (a == "--quiet" || a == "-q") {
      quiet = true;
    } else if (a == "--follow-symlinks") {
      follow_symlinks = true;
    } else if (std::find(kValueFlags.begin(), kValueFlags.end(), a) != kValueFlags.end()) {
      if (!value(v)) return fail(a + " needs a value", kExitUsage);
      flags[a] = v;
    } else {
      return fail("index: unknown option " + a + " (see osprey index --help)", kExitUsage);
    }
  }
  if (flags.count("--format") && flags["--format"] != "json" && flags["--format"] != "jsonl") {
    return fail("--format takes json or jsonl", kExitUsage);
  }
  if (flags.count("--index-format") && flags["--index-format"] != "json" &&
      flags["--index-format"] != "binary") {
    return fail("--index-format takes binary or json", kExitUsage);
  }

  site::Config c;
  if (!config_path.empty()) {
    Result<site::Config> read = site::read_config(config_path);
    if (!read.ok()) return fail(read.error().message);
    c = std::move(read.value());
  }
  if (!input.empty() ||
      flags.count("--site")) {  // an input on the command line replaces the file's
    c.input = input;
    c.site = flags.count("--site") ? flags["--site"] : "";
  }
  if (!c.input.empty() && !c.site.empty()) {
    return fail("index: give INPUT or --site, not both", kExitUsage);
  }
  auto take = [&](const char* flag, std::string& into) {
    if (auto it = flags.find(flag); it != flags.end()) into = it->second;
  };
  take("--output", c.output);
  take("--format", c.format);
  take("--bundle", c.bundle);
  take("--single-file", c.single_file);
  take("--base-path", c.base_path);
  take("--assets", c.assets);
  take("--title", c.title);
  if (flags.count("--index-format")) c.output_json = flags["--index-format"] == "json";
  // JSON is the interchange format of one index file (docs/index-format.md);
  // bundles and the single-file page are always binary, so json writes -o
  // alone rather than two formats in one run.
  if (c.output_json && (c.output.empty() || !c.bundle.empty() || !c.single_file.empty())) {
    return fail(
        "--index-format json writes only the -o file: give -o FILE and no --bundle or "
        "--single-file (bundles and the single file are always binary)",
        kExitUsage);
  }
  if (flags.count("--language")) {
    if (!valid_language(flags["--language"])) {
      return fail("--language takes a language code of 2 to 8 letters a-z, like en", kExitUsage);
    }
    c.language = flags["--language"];
  }
  unsigned long long n = 0;
  if (flags.count("--max-file-size")) {
    if (!parse_number(flags["--max-file-size"], n) || n == 0) {
      return fail("--max-file-size takes a positive number of bytes", kExitUsage);
    }
    c.max_file_size = n;
  }
  if (flags.count("--split-above")) {
    if (!parse_number(flags["--split-above"], n)) {
      return fail("--split-above takes a number of bytes", kExitUsage);
    }
    c.split.split_above = n;
  }
  if (flags.count("--page-time-limit")) {
    double seconds = 0;
    if (!parse_number(flags["--page-time-limit"], seconds) ||
        !site::valid_page_time_limit(seconds)) {
      return fail(std::string("--page-time-limit takes ") + site::kPageTimeLimitRange, kExitUsage);
    }
    c.page_time_limit = seconds;
  }
  if (!include.empty()) c.include = include;
  if (!exclude.empty()) c.exclude = exclude;

  if (!c.site.empty()) {
    if (c.output.empty() && c.bundle.empty() && c.single_file.empty()) {
      c.bundle = (fs::path(c.site) / "osprey").string();
    }
    return index_site(c, threads, quiet, follow_symlinks, start);
  }
  if (c.input.empty() || (c.output.empty() && c.bundle.empty() && c.single_file.empty())) {
    return fail("usage: osprey index INPUT -o OUT (or --site DIR; see osprey index --help)",
                kExitUsage);
  }
  return index_records(c, threads, start);
}

}  // namespace osprey::cli
