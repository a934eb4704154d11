// Whole-file reads and atomic writes for the CLI (the core never touches files).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace osprey::cli {

Result<std::string> read_file(const std::string& path);
/// Writes path.tmp, then renames it over path, so a failed run leaves no half file.
Result<bool> write_file(const std::string& path, std::string_view bytes);
/// write_file, unless path already holds exactly bytes: then it is left as it
/// is (same inode and time), and the result is false. Rewriting a bundle
/// thus costs little where nothing changed (a part's name says which build
/// it belongs to, so an unchanged build rewrites every part unchanged).
Result<bool> write_file_if_changed(const std::string& path, std::string_view bytes);

}  // namespace osprey::cli
