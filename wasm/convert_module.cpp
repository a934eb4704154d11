// The JSON index converter of pages: web/engine/osprey-convert.wasm, a wasm
// module of its own without Emscripten's JS glue (-sSTANDALONE_WASM), that a
// page fetches only for an index in the JSON format (web/widget/convert.js,
// which web/osprey-core.js imports for it). It runs the one JSON reader and
// the one binary writer (build/json_index.hpp), so the bytes the engine then
// loads are those `osprey index -o` writes for the same index.
//
// Exports: memory and
//   unsigned char* osprey_convert_input(unsigned size): room for the JSON text
//     (NULL: out of memory); valid until osprey_convert.
//   int osprey_convert(unsigned size): converts the text in the input and
//     frees it. 0: the result is the binary index; 1: the result is an error,
//     "CODE\nMESSAGE" with CODE one of the engine's (core/result.hpp
//     code_name, or "out-of-memory", "internal").
//   const unsigned char* osprey_convert_result(void)
//   unsigned osprey_convert_result_size(void)
// One index at a time: its JS caller is single-threaded. Nothing escapes as a
// trap: exceptions (nlohmann, bad_alloc) are caught here (-fwasm-exceptions).
#include <cstdlib>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "build/json_index.hpp"

#ifndef OSPREY_VERSION
#error "OSPREY_VERSION must be defined (wasm/CMakeLists.txt)"
#endif

namespace {

unsigned char* input = nullptr;
std::string result;

int failed(std::string_view code, std::string_view message) {
  result.assign(code);
  result += '\n';
  result += message;
  return 1;
}

}  // namespace

extern "C" {

unsigned char* osprey_convert_input(unsigned size) {
  std::free(input);
  input = static_cast<unsigned char*>(std::malloc(size > 0 ? size : 1));
  return input;
}

int osprey_convert(unsigned size) {
  if (input == nullptr) return failed("internal", "internal error: no input");
  result.clear();
  result.shrink_to_fit();
  int status = 0;
  try {
    const std::string_view text(reinterpret_cast<const char*>(input), size);
    // The binary records the program that wrote it: this converter, the same
    // version of the same writer as the CLI (tools/index_outputs.hpp kGenerator).
    osprey::Result<std::string> binary =
        osprey::json_index_to_binary(text, "osprey " OSPREY_VERSION);
    if (binary.ok()) {
      result = std::move(binary.value());
    } else {
      status = failed(osprey::code_name(binary.error().code), binary.error().message);
    }
  } catch (const std::bad_alloc&) {
    status = failed("out-of-memory", "out of memory converting the JSON index");
  } catch (const std::exception& e) {
    status = failed("internal", std::string("internal error: ") + e.what());
  }
  std::free(input);
  input = nullptr;
  return status;
}

const unsigned char* osprey_convert_result(void) {
  return reinterpret_cast<const unsigned char*>(result.data());
}

unsigned osprey_convert_result_size(void) {
  return static_cast<unsigned>(result.size());
}

}  // extern "C"
