# Flags live on targets. osprey_warnings carries the warnings; osprey_flags
# adds exceptions and sanitizers (everything but the wasm engine, which is
# built without exceptions: wasm/CMakeLists.txt).
add_library(osprey_warnings INTERFACE)
target_compile_options(osprey_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                 -Wno-missing-field-initializers)
add_library(osprey_flags INTERFACE)
target_link_libraries(osprey_flags INTERFACE osprey_warnings)
if(EMSCRIPTEN)
  # Catchable exceptions (nlohmann parse errors, Catch2 REQUIRE) at no speed cost.
  target_compile_options(osprey_flags INTERFACE -fwasm-exceptions)
  target_link_options(osprey_flags INTERFACE -fwasm-exceptions)
endif()
if(OSPREY_SANITIZE)
  target_compile_options(osprey_flags INTERFACE -fsanitize=address,undefined
                                                -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(osprey_flags INTERFACE -fsanitize=address,undefined)
endif()
if(OSPREY_FUZZ AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # Coverage for libFuzzer in the libraries the fuzz targets link, not only in
  # the target files, so a fuzzing session sees the branches it reaches.
  target_compile_options(osprey_flags INTERFACE -fsanitize=fuzzer-no-link)
endif()
