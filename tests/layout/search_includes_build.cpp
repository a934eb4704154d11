// Must not compile: built with the search side's include path (src/search/,
// as a file of src/search/ is), a build-side header is not found. ctest's
// native.layout checks that the compiler says so (tests/CMakeLists.txt).
#include "build/builder.hpp"
