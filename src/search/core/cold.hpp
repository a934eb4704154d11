// OSPREY_COLD: a function off the hot path of a file that the wasm engine
// compiles for speed (the -O2 files of wasm/CMakeLists.txt): reading an
// index's base, the small parts, framing and error paths. Under clang (em++)
// it is compiled for size (minsize) and never inlined, so no caller compiled
// for speed holds a copy optimized for speed; the engine's wasm is 4.7 KB
// gzip smaller for it (wasm/CMakeLists.txt). Elsewhere (g++) it is nothing:
// the native build keeps its code as it was.
#pragma once

#if defined(__clang__)
#define OSPREY_COLD [[clang::minsize, gnu::noinline]]
#else
#define OSPREY_COLD
#endif
