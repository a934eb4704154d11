// Whole-file reads and atomic writes for the CLI (the core never touches files).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace osprey::cli {

/// The most bytes read_file reads by default: inputs (records, indexes,
/// pages, configs) above it are refused with a message, not read into memory.
inline constexpr uint64_t kMaxInputBytes = uint64_t{1} << 30;  // 1 GiB

/// The bytes of a regular file. Anything else (a folder, FIFO, device,
/// socket) is refused without reading, and so is a file over max_bytes
/// (ErrorCode::kLimit): "PATH: what".
Result<std::string> read_file(const std::string& path, uint64_t max_bytes = kMaxInputBytes);
/// Whether path is a regular file holding exactly bytes.
bool file_holds(const std::string& path, std::string_view bytes);
/// read_file for JSON text: UTF-16 and UTF-32 files are refused by name
/// ("PATH: UTF-16 text; osprey reads UTF-8") rather than parsed as garbage.
Result<std::string> read_json_file(const std::string& path);
/// Whether real (a real path, as fs::canonical gives) is root or lies under
/// it (a real path too): the one rule for "inside the site / the folder".
bool within(const std::filesystem::path& real, const std::filesystem::path& root);
/// "a FIFO", "a character device", ... for a stat mode that is not a regular file.
const char* file_kind(unsigned mode);
/// Writes path.tmp, then renames it over path, so a failed run leaves no half
/// file. The folder path goes in is created if missing.
Result<bool> write_file(const std::string& path, std::string_view bytes);
/// write_file, unless path already holds exactly bytes: then it is left as it
/// is (same inode and time), and the result is false. Rewriting a bundle
/// thus costs little where nothing changed (a part's name says which build
/// it belongs to, so an unchanged build rewrites every part unchanged).
Result<bool> write_file_if_changed(const std::string& path, std::string_view bytes);

}  // namespace osprey::cli
