// Turns the bytes of a file named .html into UTF-8 text for the HTML parser,
// or says why it cannot. Never fails on any input.
//
// - Binary files (a NUL byte, or mostly control bytes, in the first 8 KiB, with
//   no UTF-16 byte order mark) are refused.
// - A UTF-8 byte order mark is dropped; UTF-16 (LE or BE, with its mark) is
//   converted.
// - A charset declared in the first 1024 bytes (<meta charset=...> or a
//   Content-Type) of windows-1252, iso-8859-1, latin1 or us-ascii is decoded as
//   windows-1252, as browsers do. Anything else is read as UTF-8: each
//   ill-formed sequence becomes U+FFFD and is reported.
#pragma once

#include <string>
#include <string_view>

namespace osprey::site {

struct DecodedPage {
  bool binary = false;               // refused: text is empty
  std::string text;                  // valid UTF-8
  std::string charset;               // the declared charset, lower-cased ("" if none)
  std::size_t replaced = 0;          // ill-formed UTF-8 sequences replaced by U+FFFD
  std::size_t first_bad_line = 0;    // line (from 1) of the first one, 0 if none
  bool unsupported_charset = false;  // a declared charset other than UTF-8 / windows-1252
};

DecodedPage decode_page(std::string_view bytes);

}  // namespace osprey::site
