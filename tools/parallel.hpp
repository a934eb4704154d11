// Runs independent jobs on a few threads. The core has no threads (it also
// compiles to wasm); the CLI uses this to read pages and records in parallel.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
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

/// Calls produce(c) for every chunk c < n on `threads` threads, and
/// consume(c) on the calling thread in chunk order, each as soon as its
/// chunk is produced (the calling thread also produces while it waits).
/// consume returns false to stop: chunks not started are then never
/// produced. At most a few chunks per thread are produced ahead of the one
/// consumed, so they need not all fit in memory. Neither may throw.
template <typename Produce, typename Consume>
void ordered_for(std::size_t n, unsigned threads, Produce&& produce, Consume&& consume) {
  std::mutex m;
  std::condition_variable changed;
  std::vector<char> ready(n, 0);
  std::size_t next = 0;      // the next chunk to produce
  std::size_t consumed = 0;  // chunks consumed
  bool stop = false;
  const std::size_t window = std::size_t{4} * threads;
  auto may_claim = [&] { return !stop && next < n && next < consumed + window; };
  auto run = [&](std::unique_lock<std::mutex>& lock) {  // claims and produces one chunk
    const std::size_t c = next++;
    lock.unlock();
    produce(c);
    lock.lock();
    ready[c] = 1;
    changed.notify_all();
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back([&] {
      std::unique_lock<std::mutex> lock(m);
      while (true) {
        changed.wait(lock, [&] { return stop || next >= n || may_claim(); });
        if (stop || next >= n) return;
        run(lock);
      }
    });
  }
  {
    std::unique_lock<std::mutex> lock(m);
    while (consumed < n) {
      if (ready[consumed]) {
        lock.unlock();
        const bool go = consume(consumed);
        lock.lock();
        ++consumed;
        if (!go) stop = true;
        changed.notify_all();
        if (stop) break;
      } else if (may_claim()) {
        run(lock);
      } else {
        changed.wait(lock, [&] { return ready[consumed] != 0 || may_claim(); });
      }
    }
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace osprey::cli
