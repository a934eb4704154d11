// Text at the program's edges: what is printed to a terminal, and what an
// input file claims to be before it is parsed.
#pragma once

#include <string>
#include <string_view>

namespace osprey::cli {

/// text for human-readable output: C0 controls, DEL and C1 controls (U+0080
/// to U+009F) become visible escapes (\x1b, \x7f, \u009b), so stored text
/// cannot move the cursor, retitle the terminal or hide a line. The rest
/// (including invalid UTF-8, which terminals show as a replacement) is kept.
std::string printable(std::string_view text);

/// "UTF-16" or "UTF-32" when text is JSON in one of those encodings (a byte
/// order mark, or the zero-byte pattern of RFC 4627 section 3 in the first
/// four bytes); "" otherwise.
std::string_view wide_encoding(std::string_view text);

}  // namespace osprey::cli
