// The osprey command line. Exit codes: 0 success, 1 bad input or a failed
// read/write, 2 a usage error.
#pragma once

#include <charconv>
#include <cstdio>
#include <string>
#include <vector>

namespace osprey::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int cmd_index(const std::vector<std::string>& args);
int cmd_search(const std::vector<std::string>& args);
int cmd_serve(const std::vector<std::string>& args);
int cmd_assets(const std::vector<std::string>& args);

/// The manual (osprey --help).
void print_usage(std::FILE* to);

/// Prints "osprey: message" to stderr and returns code.
int fail(const std::string& message, int code = kExitFailure);
/// An option's whole value as a number (from_chars: no sign, space or
/// junk); false on anything else or on overflow.
template <typename T>
bool parse_number(const std::string& text, T& out) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end;
}
/// parse_number for a non-negative integer option value.
inline bool parse_count(const std::string& text, unsigned& out) {
  return parse_number(text, out);
}

}  // namespace osprey::cli
