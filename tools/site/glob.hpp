// Path globs for --include / --exclude, matched against a page's path relative
// to the site folder, with '/' separators ("docs/intro/index.html").
//
//   *     any run of characters except '/'
//   ?     one character except '/'
//   **    as a whole path segment: zero or more segments ("**/x.html" also
//         matches "x.html"; "a/**" matches everything under a/)
//   [abc] [a-z] [!abc]  one character of (or not of) a set
//
// A pattern without '/' matches the file name at any depth ("*.html",
// "genindex*"); a pattern with '/' matches the whole relative path. A trailing
// '/' matches a folder and everything under it ("drafts/").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace osprey::site {

bool glob_match(std::string_view pattern, std::string_view path);

/// True when any pattern matches path.
bool glob_any(const std::vector<std::string>& patterns, std::string_view path);

}  // namespace osprey::site
