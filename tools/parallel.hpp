// Runs independent jobs on a few threads. The core has no threads (it also
// compiles to wasm); the CLI uses this to read pages and records in parallel.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace osprey::cli {

/// Threads to use for `requested` (0: one per core, at most 8) and n jobs.
inline unsigned thread_count(unsigned requested, std::size_t n) {
  unsigned threads = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>({threads, 8, std::max<std::size_t>(1, n)}));
}

/// Calls job(i) for every i < n, on `threads` threads (the calling thread is
/// one of them), in no particular order; returns when all are done. Jobs
/// must not throw. progress(done), if given, is called on the calling thread
/// now and then while jobs run.
template <typename Job>
void parallel_for(std::size_t n, unsigned threads, Job&& job,
                  const std::function<void(std::size_t)>& progress = {}) {
  std::atomic<std::size_t> next{0}, done{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < n;) {
      job(i);
      ++done;
    }
  };
  std::vector<std::thread> pool;
  // With progress to show, the calling thread watches instead of working.
  const unsigned helpers = progress ? threads : threads - 1;
  for (unsigned t = 0; t < helpers; ++t) pool.emplace_back(work);
  if (progress) {
    while (done.load() < n) {
      progress(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  } else {
    work();
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace osprey::cli
