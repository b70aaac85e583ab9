// The in-order device queue: one worker thread runs submitted work in submission order. A
// caller may instead run work itself when the queue is idle (nothing pending or running), which
// keeps the order and saves a small launch the hand-off to the worker.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace tisa::drv {

class WorkQueue {
 public:
  WorkQueue();
  // Finishes the queued work, then stops the worker.
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Work must not throw (run_and_complete() catches everything).
  void submit(std::function<void()> work);
  // Runs work on the calling thread if the queue is idle and returns true; false otherwise.
  template <class F>
  bool run_if_idle(F&& work) {
    {
      std::lock_guard lock(mutex_);
      if (running_ || !pending_.empty()) return false;
      running_ = true;
    }
    // Even if work throws, the queue must not stay busy.
    struct Finish {
      WorkQueue* queue;
      ~Finish() { queue->finish_running(); }
    } finish{this};
    work();
    return true;
  }

 private:
  void run();
  void finish_running();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> pending_;
  bool running_ = false;  // work is executing (on the worker or on a caller)
  bool stopping_ = false;
  std::thread worker_;  // last: starts after the members above exist
};

}  // namespace tisa::drv
