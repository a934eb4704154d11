#include "build/json_text.hpp"

#include <algorithm>

#include "text/utf8.hpp"

namespace osprey {

TextPosition text_position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition p{1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

namespace {

// nlohmann's DOM builder, remembering where an error was found: a number
// overflow ("1e999") is thrown as out_of_range, which carries no position.
struct PositionedDom : nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
  explicit PositionedDom(nlohmann::json& j) : json_sax_dom_parser(j, true) {}
  std::size_t error_byte = 0;  // after the token in error
  std::size_t token_size = 0;
  template <class Exception>
  bool parse_error(std::size_t byte, const std::string& last, const Exception& e) {
    error_byte = byte;
    token_size = last.size();
    return json_sax_dom_parser::parse_error(byte, last, e);
  }
};

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text) {
  nlohmann::json value;
  PositionedDom dom(value);
  try {
    nlohmann::json::sax_parse(text, &dom);
    return value;
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts from 1 and points at the last byte read.
    const TextPosition p = text_position(text, e.byte > 0 ? e.byte - 1 : 0);
    // nlohmann's what() is "[json.exception.parse_error.N] parse error at line L,
    // column C: <detail>"; keep only the detail.
    std::string_view what = e.what();
    const auto colon = what.find(": ");
    std::string detail(colon == std::string_view::npos ? what : what.substr(colon + 2));
    // "last read" quotes the input: keep messages one short line.
    if (detail.size() > 160) detail = detail.substr(0, 157) + "...";
    for (char& c : detail) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    return invalid(std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                   text::sanitize_utf8(detail));
  } catch (const nlohmann::json::out_of_range& e) {
    // Where the number starts.
    const TextPosition p =
        text_position(text, dom.error_byte > dom.token_size ? dom.error_byte - dom.token_size : 0);
    std::string_view what = e.what();  // "[json.exception.out_of_range.406] number overflow ..."
    const auto space = what.find("] ");
    return invalid(
        std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
        text::sanitize_utf8(space == std::string_view::npos ? what : what.substr(space + 2)));
  } catch (const nlohmann::json::exception& e) {
    return invalid(e.what());
  }
}

}  // namespace osprey
