#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cli.hpp"
#include "file_io.hpp"
#include "index/builder.hpp"
#include "index/codec.hpp"
#include "index/records.hpp"

namespace osprey::cli {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int cmd_index(const std::vector<std::string>& args) {
  const auto start = std::chrono::steady_clock::now();
  std::string input, output, config, format;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    if (a == "-o" || a == "--output") {
      if (!value(output)) return fail(a + " needs a value", kExitUsage);
    } else if (a == "--config") {
      if (!value(config)) return fail(a + " needs a value", kExitUsage);
    } else if (a == "--format") {
      if (!value(format) || (format != "json" && format != "jsonl")) {
        return fail("--format takes json or jsonl", kExitUsage);
      }
    } else if (!a.empty() && a[0] == '-') {
      return fail("index: unknown option " + a, kExitUsage);
    } else if (input.empty()) {
      input = a;
    } else {
      return fail("index: one INPUT only (got \"" + a + "\" too)", kExitUsage);
    }
  }
  if (input.empty() || output.empty()) return fail("usage: osprey index INPUT -o OUT", kExitUsage);

  Schema schema = Schema::defaults();
  if (!config.empty()) {
    Result<std::string> text = read_file(config);
    if (!text.ok()) return fail(text.error().message);
    Result<Schema> s = Schema::from_json(text.value());
    if (!s.ok()) return fail(config + ": " + s.error().message);
    schema = std::move(s.value());
  }

  Result<std::string> text = read_file(input);
  if (!text.ok()) return fail(text.error().message);
  const bool lines = format.empty() ? ends_with(input, ".jsonl") || ends_with(input, ".ndjson")
                                    : format == "jsonl";
  Result<std::vector<Record>> records =
      parse_records(text.value(), lines ? RecordFormat::kJsonLines : RecordFormat::kJsonArray);
  if (!records.ok()) return fail(input + ":" + records.error().message);

  IndexBuilder builder(schema);
  std::size_t skipped = 0, warnings = 0;
  for (const Record& r : records.value()) {
    AddReport report = builder.add(r.value);
    if (!report.indexed) ++skipped;
    for (const std::string& m : report.messages) {
      ++warnings;
      std::fprintf(stderr, "%s:%zu: warning: %s\n", input.c_str(), r.line, m.c_str());
    }
  }
  const Index index = builder.finish();
  const std::string bytes = write_index(index, "osprey " OSPREY_VERSION);
  Result<bool> written = write_file(output, bytes);
  if (!written.ok()) return fail(written.error().message);

  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "osprey: indexed %u of %zu records (%zu skipped, %zu warnings), %zu terms, "
               "%zu bytes written to %s in %.0f ms\n",
               index.doc_count, records.value().size(), skipped, warnings, index.terms.size(),
               bytes.size(), output.c_str(), ms);
  return kExitOk;
}

}  // namespace osprey::cli
