#include "core/parse_double.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>

namespace osprey {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_digit(char c) {
  if (is_digit(c)) return c - '0';
  const char lower = static_cast<char>(c | 0x20);
  return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

// Whether text at pos starts with word (lower case), ignoring ASCII case.
bool starts_with_word(std::string_view text, std::size_t pos, std::string_view word) {
  if (text.size() - pos < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if ((text[pos + i] | 0x20) != word[i]) return false;
  }
  return true;
}

double from_bits(uint64_t bits) {
  double d = 0;  // std::bit_cast is not in em++'s libc++ 13
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// A decimal d[0] d[1] ... d[nd-1] (digit values, d[0] != 0 unless nd == 0)
// times 10^(dp - nd), that is with the decimal point dp digits after d[0]'s
// place; trunc: nonzero digits were cut after the last one kept. The slow,
// exact conversion (the "simple decimal conversion" of Go's strconv, after
// D. Gay): shift by powers of 2 until the value lies in [1/2, 1), then take
// 53 bits, rounded. 800 digits are more than the longest decimal of a
// halfway point between two doubles (767 significant digits), so cutting
// there never changes a rounding but exact halves, which trunc decides.
class Decimal {
 public:
  static constexpr int kMaxDigits = 800;

  void push(int digit) {
    if (nd_ < kMaxDigits) {
      d_[nd_++] = static_cast<uint8_t>(digit);
    } else if (digit != 0) {
      trunc_ = true;
    }
  }
  int digits() const { return nd_; }
  bool truncated() const { return trunc_; }
  int digit(int i) const { return d_[i]; }
  int64_t& point() { return dp_; }

  // The double nearest the value (sign not included).
  double to_double() {
    constexpr int kBias = -1023;
    trim();
    if (nd_ == 0 || dp_ < -330) return 0;
    if (dp_ > 310) return std::numeric_limits<double>::infinity();
    // Bits to shift by to move the point past the next digit's worth of value.
    static constexpr uint8_t kPowers[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};
    const auto power = [](int64_t n) { return n < 9 ? kPowers[n] : 27; };
    int exp = 0;
    while (dp_ > 0) {
      const int n = power(dp_);
      shift(-n);
      exp += n;
    }
    while (dp_ < 0 || (dp_ == 0 && d_[0] < 5)) {
      const int n = power(-dp_);
      shift(n);
      exp -= n;
    }
    --exp;                  // the value is in [1/2, 1): as m * 2^exp with m in [1, 2)
    if (exp < kBias + 1) {  // subnormal: fewer bits than 53
      const int n = kBias + 1 - exp;
      shift(-n);
      exp += n;
    }
    if (exp - kBias >= 2047) return std::numeric_limits<double>::infinity();
    shift(53);
    uint64_t mant = rounded_integer();
    if (mant == uint64_t{2} << 52) {
      mant >>= 1;
      if (++exp - kBias >= 2047) return std::numeric_limits<double>::infinity();
    }
    if ((mant & uint64_t{1} << 52) == 0) exp = kBias;  // subnormal
    return from_bits((mant & ((uint64_t{1} << 52) - 1)) | uint64_t(exp - kBias) << 52);
  }

 private:
  void trim() {
    while (nd_ > 0 && d_[nd_ - 1] == 0) --nd_;
    if (nd_ == 0) dp_ = 0;
  }

  // The value times 2^k, for |k| of any size.
  void shift(int k) {
    constexpr int kMaxShift = 60;  // 10 * 2^60 + 9 < 2^64: no overflow below
    if (nd_ == 0) return;
    for (; k > kMaxShift; k -= kMaxShift) left_shift(kMaxShift);
    for (; k < -kMaxShift; k += kMaxShift) right_shift(kMaxShift);
    if (k > 0) left_shift(k);
    if (k < 0) right_shift(-k);
  }

  // Times 2^k, k <= 60: from the last digit up, into a buffer filled from its end.
  void left_shift(int k) {
    uint8_t out[kMaxDigits + 20];
    int at = kMaxDigits + 20;
    uint64_t carry = 0;
    for (int i = nd_ - 1; i >= 0; --i) {
      const uint64_t v = (uint64_t{d_[i]} << k) + carry;
      out[--at] = static_cast<uint8_t>(v % 10);
      carry = v / 10;
    }
    for (; carry != 0; carry /= 10) out[--at] = static_cast<uint8_t>(carry % 10);
    const int count = kMaxDigits + 20 - at;
    dp_ += count - nd_;
    nd_ = 0;
    for (int i = 0; i < count; ++i) push(out[at + i]);
    trim();
  }

  // Divided by 2^k, k <= 60: long division, a digit at a time.
  void right_shift(int k) {
    int r = 0;  // digits read
    int w = 0;  // digits written
    uint64_t n = 0;
    for (; (n >> k) == 0; ++r) {
      if (r >= nd_) {
        if (n == 0) {  // the value was 0
          nd_ = 0;
          return;
        }
        for (; (n >> k) == 0; ++r) n *= 10;
        break;
      }
      n = n * 10 + d_[r];
    }
    dp_ -= r - 1;
    const uint64_t mask = (uint64_t{1} << k) - 1;
    for (; r < nd_; ++r) {
      const uint64_t next = d_[r];
      d_[w++] = static_cast<uint8_t>(n >> k);
      n = (n & mask) * 10 + next;
    }
    for (; n > 0; n = (n & mask) * 10) {
      const auto dig = static_cast<uint8_t>(n >> k);
      if (w < kMaxDigits) {
        d_[w++] = dig;
      } else if (dig > 0) {
        trunc_ = true;
      }
    }
    nd_ = w;
    trim();
  }

  // The integer part, rounded half to even by the digits after it.
  uint64_t rounded_integer() const {
    uint64_t n = 0;
    int i = 0;
    for (; i < dp_ && i < nd_; ++i) n = n * 10 + d_[i];
    for (; i < dp_; ++i) n *= 10;
    if (dp_ >= 0 && dp_ < nd_) {
      const bool half = d_[dp_] == 5 && dp_ + 1 == nd_;
      if (half ? trunc_ || (dp_ > 0 && d_[dp_ - 1] % 2 == 1) : d_[dp_] >= 5) ++n;
    }
    return n;
  }

  uint8_t d_[kMaxDigits];
  int nd_ = 0;
  int64_t dp_ = 0;
  bool trunc_ = false;
};

// Decimal digits (and at most one point) at pos; the exponent is read by the
// caller. Returns the position after them, pos when there is no digit.
std::size_t read_decimal(std::string_view s, std::size_t pos, Decimal& dec) {
  const std::size_t begin = pos;
  bool point = false;
  bool any = false;
  for (; pos < s.size(); ++pos) {
    const char c = s[pos];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (!is_digit(c)) break;
    any = true;
    if (c == '0' && dec.digits() == 0) {  // a leading zero: only moves the point
      if (point) --dec.point();
      continue;
    }
    dec.push(c - '0');
    if (!point) ++dec.point();
  }
  return any ? pos : begin;
}

// An exponent letter's digits at pos ([+-]digits), clamped far past any
// double's range; pos is moved past them only if there is a digit.
int64_t read_exponent(std::string_view s, std::size_t& pos) {
  std::size_t at = pos;
  const bool negative = at < s.size() && s[at] == '-';
  if (at < s.size() && (s[at] == '+' || s[at] == '-')) ++at;
  if (at >= s.size() || !is_digit(s[at])) return 0;
  int64_t e = 0;
  for (; at < s.size() && is_digit(s[at]); ++at) {
    if (e < 100000000) e = e * 10 + (s[at] - '0');
  }
  pos = at;
  return negative ? -e : e;
}

// The decimal's value: exactly, by one multiplication or division, when its
// digits and the power of ten are exact doubles (Clinger's fast path, the
// usual case), else by Decimal::to_double.
double decimal_value(Decimal& dec) {
  int n = dec.digits();
  while (n > 0 && dec.digit(n - 1) == 0) --n;
  const int64_t exp10 = dec.point() - n;
  if (n <= 15 && !dec.truncated() && exp10 >= -22 && exp10 <= 22) {
    double m = 0;
    for (int i = 0; i < n; ++i) m = m * 10 + dec.digit(i);
    double power = 1;
    for (int64_t i = 0; i < (exp10 < 0 ? -exp10 : exp10); ++i) power *= 10;
    return exp10 < 0 ? m / power : m * power;
  }
  return dec.to_double();
}

// Hexadecimal digits (and at most one point) at pos, after "0x", and their
// p exponent, into value: the first 61 to 64 bits of the mantissa and a
// sticky bit for the rest, rounded once. Returns the position after them, or
// pos if there is no digit.
std::size_t read_hex(std::string_view s, std::size_t pos, double& value) {
  uint64_t m = 0;
  bool sticky = false;
  int64_t exp2 = 0;
  bool point = false;
  bool any = false;
  std::size_t at = pos;
  for (; at < s.size(); ++at) {
    if (s[at] == '.' && !point) {
      point = true;
      continue;
    }
    const int h = hex_digit(s[at]);
    if (h < 0) break;
    any = true;
    if (m >> 60 == 0) {
      m = m << 4 | static_cast<unsigned>(h);
      if (point) exp2 -= 4;
    } else {
      sticky |= h != 0;
      if (!point) exp2 += 4;
    }
  }
  if (!any) return pos;
  if (at < s.size() && (s[at] | 0x20) == 'p') {
    std::size_t e = at + 1;
    const int64_t p = read_exponent(s, e);
    if (e != at + 1) {
      exp2 += p;
      at = e;
    }
  }
  value = 0;
  if (m == 0) return at;
  const int lead = std::countl_zero(m);
  m <<= lead;  // bit 63 set: the value is m * 2^(top - 63)
  const int64_t top = exp2 - lead + 63;
  if (top > 1023) {
    value = std::numeric_limits<double>::infinity();
    return at;
  }
  // Bits of m below the 53 kept (or fewer, for a subnormal).
  const int64_t drop = top >= -1022 ? 11 : 11 + (-1022 - top);
  if (drop > 64) return at;  // below half the least subnormal
  const uint64_t kept = drop == 64 ? 0 : m >> drop;
  const uint64_t rest = drop == 64 ? m : m & ((uint64_t{1} << drop) - 1);
  const uint64_t half = uint64_t{1} << (drop - 1);
  const bool up = rest > half || (rest == half && (sticky || (kept & 1) != 0));
  // A normal double's bits are (exponent field - 1) << 52 plus the 53-bit
  // mantissa with its leading 1; rounding up to 2^53 carries into the
  // exponent, to infinity past the largest.
  const uint64_t field = top >= -1022 ? static_cast<uint64_t>(top + 1022) << 52 : 0;
  value = from_bits(field + kept + (up ? 1 : 0));
  return at;
}

}  // namespace

ParsedDouble parse_double(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size() && (s[pos] == ' ' || (s[pos] >= '\t' && s[pos] <= '\r'))) ++pos;
  const bool negative = pos < s.size() && s[pos] == '-';
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
  const auto sign = [&](double v) { return negative ? -v : v; };

  if (starts_with_word(s, pos, "inf")) {
    pos += starts_with_word(s, pos, "infinity") ? 8 : 3;
    return {sign(std::numeric_limits<double>::infinity()), pos};
  }
  if (starts_with_word(s, pos, "nan")) {
    pos += 3;
    if (pos < s.size() && s[pos] == '(') {
      std::size_t at = pos + 1;
      while (at < s.size() && (is_digit(s[at]) || s[at] == '_' ||
                               ((s[at] | 0x20) >= 'a' && (s[at] | 0x20) <= 'z'))) {
        ++at;
      }
      if (at < s.size() && s[at] == ')') pos = at + 1;
    }
    return {std::numeric_limits<double>::quiet_NaN(), pos};
  }
  if (pos + 1 < s.size() && s[pos] == '0' && (s[pos + 1] | 0x20) == 'x') {
    double value = 0;
    const std::size_t end = read_hex(s, pos + 2, value);
    // "0x" without a hexadecimal digit: the number is the "0".
    return {sign(value), end == pos + 2 ? pos + 1 : end};
  }
  Decimal dec;
  std::size_t end = read_decimal(s, pos, dec);
  if (end == pos) return {};
  if (end < s.size() && (s[end] | 0x20) == 'e') {
    std::size_t at = end + 1;
    const int64_t e = read_exponent(s, at);
    if (at != end + 1) {
      dec.point() += e;
      end = at;
    }
  }
  return {sign(decimal_value(dec)), end};
}

}  // namespace osprey
