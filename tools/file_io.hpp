// Whole-file reads and atomic writes for the CLI (the core never touches files).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace osprey::cli {

Result<std::string> read_file(const std::string& path);
/// Writes path.tmp, then renames it over path, so a failed run leaves no half file.
Result<bool> write_file(const std::string& path, std::string_view bytes);

}  // namespace osprey::cli
