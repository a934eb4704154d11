// Text to double, as std::strtod reads it in the C locale, without the libc
// one: in the wasm engine musl's strtod computes in 128-bit long double,
// emulated in software, and was 7.9 KB of its gzip size (wasm/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <string_view>

namespace osprey {

struct ParsedDouble {
  double value = 0;
  std::size_t length = 0;  // bytes read; 0: no number (strtod's end == its argument)
};

/// std::strtod(text, &end) of the C locale, for text up to its end (strtod
/// stops at a NUL; callers with C strings pass them whole). The same grammar:
/// leading isspace, a sign, then a decimal (digits with an optional point, at
/// least one digit, an optional e[+-]digits exponent), a hexadecimal 0x
/// number (an optional p[+-]digits binary exponent), "inf", "infinity" or
/// "nan", optionally "nan(alnum_*)", case-insensitively. The same value: the
/// double nearest (ties to even), infinite past DBL_MAX, subnormal or zero
/// below DBL_MIN; a NaN for "nan" (its sign and payload unspecified).
/// Never fails: bytes that are no number give {0, 0}.
ParsedDouble parse_double(std::string_view text);

}  // namespace osprey
