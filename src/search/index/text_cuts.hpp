// Where a text field's value is cut into pieces (docs/index-format.md
// "Text parts"): a cut falls before a token that starts at a greater position
// than the token before it and that no earlier token reaches over, and each
// piece must tokenize alone, from its first position, into exactly the
// value's tokens of its range. The writer of text parts (text_parts.cpp)
// cuts with these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/tokenize.hpp"

namespace osprey {

/// Whether value[begin, end) alone tokenizes into tokens [first, last) of the
/// whole value's, shifted by begin.
bool tokenizes_alone(std::string_view value, const text::TokenList& whole, uint32_t begin,
                     uint32_t end, uint32_t first, uint32_t last, text::Folding folding,
                     text::TokenList& scratch);

/// A piece as cut: value bytes [begin, end), tokens from token; close: the
/// part being filled closes before it.
struct Span {
  uint32_t begin, end, token;
  bool close;
};

/// value cut into pieces packed into parts of about budget bytes (0: never
/// cut, one part), held bytes being in the part open now. A piece starts at
/// each of forced (ascending byte offsets) that is a cut point whose piece
/// before it tokenizes alone (made lists them); elsewhere a piece fills the
/// open part. A value that would leave less than a quarter of a part open
/// starts a new part rather than leaving a sliver there. Every piece is
/// checked to tokenize alone; when the last does not, the value is one piece.
/// tokens receives the value's tokens.
std::vector<Span> cut_value(std::string_view value, const std::vector<uint32_t>& forced,
                            std::size_t held, std::size_t budget, text::Folding folding,
                            text::TokenList& tokens, text::TokenList& scratch,
                            std::vector<uint32_t>& made);

}  // namespace osprey
