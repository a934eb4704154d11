// The osprey command line. Exit codes: 0 success, 1 bad input or a failed
// read/write, 2 a usage error.
#pragma once

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

/// The manual (osprey --help).
void print_usage(std::FILE* to);

/// Prints "osprey: message" to stderr and returns code.
int fail(const std::string& message, int code = kExitFailure);
/// Parses a non-negative integer option value; false on junk or overflow.
bool parse_count(const std::string& text, unsigned& out);

}  // namespace osprey::cli
