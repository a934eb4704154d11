// Where Gumbo's memory comes from, and where a parse past its deadline is
// stopped (the internals of html_extract.cpp; html_extract.hpp says why).
#pragma once

#include <gumbo.h>

#include <chrono>
#include <csetjmp>
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "site/html_extract.hpp"

namespace osprey::site::dom {

// A deadline, looked at every kEvery calls of due() (reading the clock at
// every allocation of Gumbo would slow it down); once passed, it stays passed.
struct Clock {
  static constexpr unsigned kEvery = 256;
  Deadline deadline = Deadline::max();
  unsigned calls = 0;
  bool passed = false;

  bool due() { return passed || (++calls % kEvery == 0 && expired()); }
  bool expired() { return passed = passed || std::chrono::steady_clock::now() > deadline; }
};

// Gumbo allocates every node, string and vector on its own and frees them one
// by one; through malloc that was a fifth of its time. A page's allocations
// come from this arena instead and are released at once after the page. The
// memory is kept for the next page of the thread (the largest page of the
// Python docs takes 34 MB), so pages do not fault in fresh memory each time.
// It is also where a parse past its deadline is stopped (html_extract.hpp).
class GumboArena {
 public:
  static void* allocate(void* arena, std::size_t size);
  static void deallocate(void*, void*) {}  // all at once, in reset()

  /// Gumbo's parse of html, or null if the clock passed its deadline first.
  /// No object with a destructor may live in this frame: longjmp lands here.
  GumboOutput* parse(const GumboOptions& options, std::string_view html, Clock& clock);

  void reset();

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 20;
  static constexpr std::size_t kAlign = alignof(std::max_align_t);

  void* take(std::size_t size);
  void* take_new(std::size_t size);

  std::vector<std::unique_ptr<std::max_align_t[]>> chunks_;  // kept across pages
  std::size_t next_ = 0;                                     // the next chunk to use
  char* at_ = nullptr;                                       // free bytes of the chunk in use
  char* end_ = nullptr;
  std::vector<std::unique_ptr<std::max_align_t[]>> large_;
  Clock* clock_ = nullptr;
  std::jmp_buf* stop_ = nullptr;
};

}  // namespace osprey::site::dom
