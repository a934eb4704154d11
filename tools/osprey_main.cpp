#include <charconv>
#include <cstdio>
#include <string>
#include <vector>

#include "cli.hpp"

namespace osprey::cli {

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "osprey: %s\n", message.c_str());
  return code;
}

bool parse_count(const std::string& text, unsigned& out) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end;
}

}  // namespace osprey::cli

namespace {

constexpr const char* kUsage = R"(usage: osprey <command> [options]

Commands:
  index INPUT -o OUT [--config FILE] [--format json|jsonl]
      Index records from INPUT and write the index to OUT (a JSON file).
      INPUT is a JSON array of objects, or JSON Lines (one object per line;
      chosen by a .jsonl or .ndjson name, or --format jsonl). --config names
      a schema file (docs/index-format.md, "schema"); without it the built-in
      schema for news records is used: title, summary, type, date, year, url.
      Skipped records and ignored values are reported on stderr, one line
      each, as INPUT:LINE: warning: ...; a summary line follows.
  search INDEX QUERY [--json] [--limit N] [--offset N]
      Search INDEX; print ranked results (id, title) or, with --json, an
      object {"total", "hits": [{"doc", "score", "fields"}]}.

Options:
  -h, --help     this help
  --version      the version

Exit codes: 0 success, 1 invalid input, unreadable or corrupt files,
2 a usage error.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace osprey::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (command == "--version") {
    std::puts("osprey " OSPREY_VERSION);
    return kExitOk;
  }
  if (command == "index") return cmd_index(args);
  if (command == "search") return cmd_search(args);
  return fail("unknown command \"" + command + "\" (see osprey --help)", kExitUsage);
}
