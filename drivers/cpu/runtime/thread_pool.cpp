#include "drivers/cpu/runtime/thread_pool.hpp"

#include <sched.h>

#include <cstdlib>
#include <string>

namespace tisa::cpu {
namespace {

// How long a worker polls for the next loop before sleeping: long enough to bridge the gap
// between the steps of one launch, short enough not to steal a shared machine's cores.
constexpr int kSpinIterations = 20000;

inline void pause() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

}  // namespace

unsigned ThreadPool::default_threads() {
  if (const char* env = std::getenv("TISA_CPU_THREADS")) {
    const long n = std::strtol(env, nullptr, 10);
    if (n >= 1 && n <= 1024) return static_cast<unsigned>(n);
  }
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n >= 1) return static_cast<unsigned>(n);
  }
  const unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

ThreadPool::ThreadPool(unsigned threads) {
  for (unsigned t = 1; t < threads; ++t) workers_.emplace_back([this, t] { worker_main(t); });
}

ThreadPool::~ThreadPool() {
  stopping_.store(true);
  publish(generation_.load() + 1);
  for (std::thread& w : workers_) w.join();
}

namespace {

constexpr uint64_t kTaskBits = 24;
constexpr uint64_t kTaskMask = (uint64_t{1} << kTaskBits) - 1;
constexpr uint64_t kGenerationMask = 0xffff;

uint64_t pack(uint32_t generation, uint64_t next, uint64_t count) {
  return (uint64_t{generation} & kGenerationMask) << (2 * kTaskBits) | next << kTaskBits | count;
}

}  // namespace

void ThreadPool::work(unsigned thread, uint32_t generation) {
  uint64_t state = tasks_.load(std::memory_order_acquire);
  for (;;) {
    const uint64_t next = (state >> kTaskBits) & kTaskMask;
    const uint64_t count = state & kTaskMask;
    if ((state >> (2 * kTaskBits)) != (generation & kGenerationMask) || next >= count) return;
    if (!tasks_.compare_exchange_weak(state, state + (uint64_t{1} << kTaskBits), std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
      continue;
    }
    fn_(ctx_, static_cast<int64_t>(next), thread);
    done_.fetch_add(1, std::memory_order_release);
    state = tasks_.load(std::memory_order_acquire);
  }
}

void ThreadPool::run(int64_t count, TaskFn fn, void* ctx) {
  std::lock_guard lock(loop_mutex_);
  fn_ = fn;
  ctx_ = ctx;
  done_.store(0, std::memory_order_relaxed);
  const uint32_t generation = generation_.load(std::memory_order_relaxed) + 1;
  tasks_.store(pack(generation, 0, static_cast<uint64_t>(count)), std::memory_order_release);
  publish(generation);
  work(0, generation);
  // The caller has nothing else to do: poll until the workers' last tasks finish.
  for (int spins = 0; done_.load(std::memory_order_acquire) < count; ++spins) {
    if (spins < kSpinIterations)
      pause();
    else
      std::this_thread::yield();
  }
}

void ThreadPool::publish(uint32_t generation) {
  generation_.store(generation);
  if (sleepers_.load() > 0) {
    { std::lock_guard lock(sleep_mutex_); }
    wake_.notify_all();
  }
}

void ThreadPool::worker_main(unsigned thread) {
  // Generation 0 is the pool's initial one: a worker that starts late still sees every later
  // publication, the destructor's included.
  uint32_t seen = 0;
  for (;;) {
    int spins = 0;
    uint32_t now;
    // stopping_ is checked too: a worker that starts after the destructor's last publish reads
    // that generation as "seen" and would otherwise wait for one that never comes.
    while ((now = generation_.load()) == seen && !stopping_.load()) {
      if (++spins < kSpinIterations) {
        pause();
        continue;
      }
      std::unique_lock lock(sleep_mutex_);
      sleepers_.fetch_add(1);
      wake_.wait(lock, [&] { return generation_.load() != seen || stopping_.load(); });
      sleepers_.fetch_sub(1);
    }
    seen = now;
    if (stopping_.load()) return;  // checked after a change: the destructor publishes one
    work(thread, now);
  }
}

}  // namespace tisa::cpu
