// Runs independent jobs on a few threads. The core has no threads (it also
// compiles to wasm); the CLI uses this to read pages and records in parallel.
// A job that throws stops the others from starting; the first exception is
// rethrown on the calling thread once every thread has stopped.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
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
/// one of them), in no particular order; returns when all are done.
/// progress(done), if given, is called on the calling thread every 50 ms
/// while jobs run (that thread then only watches, and returns as soon as the
/// last job ends, not at the next tick).
template <typename Job>
void parallel_for(std::size_t n, unsigned threads, Job&& job,
                  const std::function<void(std::size_t)>& progress = {}) {
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::mutex m;
  std::condition_variable finished;  // done reached n, or a job failed
  std::exception_ptr error;
  auto work = [&] {
    for (std::size_t i; (i = next++) < n;) {
      try {
        job(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(m);
        if (!error) error = std::current_exception();
        failed = true;
        next = n;  // start nothing more
        finished.notify_all();
      }
      if (++done == n) {
        const std::lock_guard<std::mutex> lock(m);
        finished.notify_all();
      }
    }
  };
  std::vector<std::thread> pool;
  const unsigned helpers = progress ? threads : threads - 1;
  for (unsigned t = 0; t < helpers; ++t) pool.emplace_back(work);
  if (progress) {
    std::unique_lock<std::mutex> lock(m);
    while (!failed && done.load() < n) {
      lock.unlock();
      progress(done.load());
      lock.lock();
      finished.wait_for(lock, std::chrono::milliseconds(50),
                        [&] { return failed || done.load() >= n; });
    }
  } else {
    work();
  }
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

/// Calls produce(c) for every chunk c < n on `threads` threads, and
/// consume(c) on the calling thread in chunk order, each as soon as its
/// chunk is produced (the calling thread also produces while it waits).
/// consume returns false to stop: chunks not started are then never
/// produced. At most a few chunks per thread are produced ahead of the one
/// consumed, so they need not all fit in memory.
template <typename Produce, typename Consume>
void ordered_for(std::size_t n, unsigned threads, Produce&& produce, Consume&& consume) {
  std::mutex m;
  std::condition_variable changed;
  std::vector<char> ready(n, 0);
  std::size_t next = 0;      // the next chunk to produce
  std::size_t consumed = 0;  // chunks consumed
  bool stop = false;
  std::exception_ptr error;
  const std::size_t window = std::size_t{4} * threads;
  auto may_claim = [&] { return !stop && next < n && next < consumed + window; };
  auto fail = [&] {  // with the lock held, in a catch block
    if (!error) error = std::current_exception();
    stop = true;
    changed.notify_all();
  };
  auto run = [&](std::unique_lock<std::mutex>& lock) {  // claims and produces one chunk
    const std::size_t c = next++;
    lock.unlock();
    try {
      produce(c);
    } catch (...) {
      lock.lock();
      fail();
      return;
    }
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
    while (!stop && consumed < n) {
      if (ready[consumed]) {
        lock.unlock();
        bool go = false;
        try {
          go = consume(consumed);
        } catch (...) {
          lock.lock();
          fail();
          break;
        }
        lock.lock();
        ++consumed;
        if (!go) stop = true;
        changed.notify_all();
      } else if (may_claim()) {
        run(lock);
      } else {
        changed.wait(lock, [&] { return stop || ready[consumed] != 0 || may_claim(); });
      }
    }
    stop = true;
    changed.notify_all();
  }
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace osprey::cli
