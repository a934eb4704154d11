// Errors as values at the core's edge. Nothing in src/ aborts or throws on user
// input: functions that can fail on input return Result<T>, and only tools/ main
// decides exit codes, and only the JS wrapper turns an error into an exception.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace osprey {

enum class ErrorCode {
  kInvalidInput,  // malformed user input (JSON records, config)
  kCorruptIndex,  // index bytes fail validation (truncated, wrong types, out of range)
  kUnsupported,   // wrong format name or an unknown version
  kLimit,         // input exceeds a documented limit
};

/// The code's name where errors leave the engine as values for JS (the page
/// API's and the Node API's OspreyError codes): "invalid-input", ...
constexpr const char* code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "invalid-input";
    case ErrorCode::kCorruptIndex:
      return "corrupt-index";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kLimit:
      return "limit";
  }
  return "internal";
}

struct Error {
  ErrorCode code;
  std::string message;  // one line, names what is wrong and where
};

/// Either a value or an Error. Check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error corrupt(std::string message) {
  return {ErrorCode::kCorruptIndex, std::move(message)};
}
inline Error invalid(std::string message) {
  return {ErrorCode::kInvalidInput, std::move(message)};
}

}  // namespace osprey
