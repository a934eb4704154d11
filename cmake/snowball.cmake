# Snowball's stemmers as C libraries, compiled from the sources
# scripts/fetch-snowball generates into build/deps/snowball/ (Snowball 2.2.0
# from Debian's source package, pinned by sha256). The same files are compiled
# by g++'s C compiler for osprey and by emcc for the wasm engine and its stemmer
# modules, so native and wasm run the same code.
set(OSPREY_SNOWBALL_DIR ${PROJECT_SOURCE_DIR}/build/deps/snowball)
if(NOT EXISTS ${OSPREY_SNOWBALL_DIR}/algorithms.txt)
  message(FATAL_ERROR "${OSPREY_SNOWBALL_DIR} is missing: run scripts/fetch-snowball "
                      "(scripts/setup runs it)")
endif()
# Every algorithm the fetch generated, one a line.
file(STRINGS ${OSPREY_SNOWBALL_DIR}/algorithms.txt OSPREY_SNOWBALL_ALGORITHMS)

# osprey_snowball_library(name algorithm...): a static library of Snowball's
# runtime and the given algorithms' stemmers; its include root is
# build/deps/snowball ("runtime/api.h"). The caller adds flags.
function(osprey_snowball_library name)
  set(_sources ${OSPREY_SNOWBALL_DIR}/runtime/api.c ${OSPREY_SNOWBALL_DIR}/runtime/utilities.c)
  foreach(_a ${ARGN})
    list(APPEND _sources ${OSPREY_SNOWBALL_DIR}/src_c/stem_UTF_8_${_a}.c)
  endforeach()
  add_library(${name} STATIC ${_sources})
  target_include_directories(${name} PUBLIC ${OSPREY_SNOWBALL_DIR})
endfunction()
