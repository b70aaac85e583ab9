// A persistent pool of worker threads, created once per driver and sized to the machine. A
// parallel loop wakes the workers, runs tasks on them and on the calling thread, and returns
// when every task has run; workers spin briefly for the next loop, then sleep.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace tisa::cpu {

class ThreadPool {
 public:
  // threads counts the calling thread: 1 means no workers.
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

  static constexpr int64_t kMaxTasks = (int64_t{1} << 24) - 1;

  // Calls fn(task, thread) for every task in [0, count) (count <= kMaxTasks); thread < size() identifies the
  // executing thread (0 is the caller) so that tasks can use per-thread scratch memory. fn must
  // not throw and must not call parallel_for itself.
  template <class F>
  void parallel_for(int64_t count, F&& fn) {
    if (count <= 0) return;
    if (count == 1 || workers_.empty()) {
      for (int64_t t = 0; t < count; ++t) fn(t, 0u);
      return;
    }
    run(
        count, [](void* ctx, int64_t task, unsigned thread) { (*static_cast<F*>(ctx))(task, thread); }, &fn);
  }

  // The machine's thread count: TISA_CPU_THREADS if set, else the CPUs this process may use.
  static unsigned default_threads();

 private:
  using TaskFn = void (*)(void* ctx, int64_t task, unsigned thread);
  void run(int64_t count, TaskFn fn, void* ctx);
  void worker_main(unsigned thread);
  void work(unsigned thread, uint32_t generation);
  void publish(uint32_t generation);

  std::mutex loop_mutex_;  // one loop at a time
  TaskFn fn_ = nullptr;
  void* ctx_ = nullptr;
  // The loop's generation (16 bits), next task (24) and task count (24) in one word, so that a
  // worker late from an old loop can never claim a task of the next one.
  std::atomic<uint64_t> tasks_{0};
  std::atomic<int64_t> done_{0};
  std::atomic<uint32_t> generation_{0};  // bumped per loop; workers wait for it to change
  std::atomic<bool> stopping_{false};
  // Sleeping workers wait here; a new loop notifies only when some sleep (seq_cst on both sides
  // makes that decision safe: either the worker sees the new generation or the poster sees it).
  std::mutex sleep_mutex_;
  std::condition_variable wake_;
  std::atomic<int> sleepers_{0};
  std::vector<std::thread> workers_;
};

}  // namespace tisa::cpu
