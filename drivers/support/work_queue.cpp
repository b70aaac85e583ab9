#include "drivers/support/work_queue.hpp"

namespace tisa::drv {

WorkQueue::WorkQueue() : worker_([this] { run(); }) {}

WorkQueue::~WorkQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void WorkQueue::submit(std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(std::move(work));
  }
  wake_.notify_all();
}

void WorkQueue::finish_running() {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    running_ = false;
    wake = !pending_.empty() || stopping_;  // the worker waits for exactly these
  }
  if (wake) wake_.notify_all();
}

void WorkQueue::run() {
  for (;;) {
    std::function<void()> work;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return !running_ && (stopping_ || !pending_.empty()); });
      if (pending_.empty()) return;  // stopping, and everything submitted has run
      work = std::move(pending_.front());
      pending_.pop_front();
      running_ = true;
    }
    work();
    finish_running();
  }
}

}  // namespace tisa::drv
