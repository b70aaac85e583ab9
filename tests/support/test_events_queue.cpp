// Events (pending, failed, completed, timeouts, early destroy) and the in-order work queue.
#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "drivers/support/event.hpp"
#include "drivers/support/work_queue.hpp"

namespace tisa::drv {
namespace {

TEST_CASE("a pending event times out, then reports its work's outcome", "[support]") {
  tisa_drv_error_t err{};
  std::unique_ptr<Event> event = pending_event();
  CHECK(event_query(nullptr, event.get(), &err) == TISA_DEADLINE_EXCEEDED);
  CHECK(std::string(err.message) == "test driver: the launch has not completed yet");
  CHECK(event_wait(nullptr, event.get(), 1000000, &err) == TISA_DEADLINE_EXCEEDED);
  CHECK(std::string(err.message) == "test driver: the launch has not completed within 1000000 ns");

  run_and_complete(*event->state, [] { fail(TISA_DEVICE_LOST, "the device fell off"); });
  CHECK(event_wait(nullptr, event.get(), UINT64_MAX, &err) == TISA_DEVICE_LOST);
  CHECK(std::string(err.message) == "test driver: the device fell off");
  CHECK(event_query(nullptr, event.get(), &err) == TISA_DEVICE_LOST);
  event_destroy(nullptr, event.release());
}

TEST_CASE("event_wait wakes when another thread completes the event", "[support]") {
  std::unique_ptr<Event> event = pending_event();
  std::thread worker([state = event->state] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    run_and_complete(*state, [] {});
  });
  tisa_drv_error_t err{};
  CHECK(event_wait(nullptr, event.get(), UINT64_MAX, &err) == TISA_OK);
  worker.join();
  event_destroy(nullptr, event.release());
}

TEST_CASE("run_now: success is the shared completed event, a failure its own", "[support]") {
  tisa_drv_error_t err{};
  bool ran = false;
  void* done = run_now([&] { ran = true; });
  CHECK(ran);
  CHECK(done == completed_event());
  CHECK(event_wait(nullptr, done, 0, &err) == TISA_OK);
  CHECK(event_query(nullptr, done, &err) == TISA_OK);
  event_destroy(nullptr, done);  // never freed: still usable
  CHECK(event_query(nullptr, completed_event(), &err) == TISA_OK);

  void* failed = run_now([] { throw std::runtime_error("kernel bug"); });
  REQUIRE(failed != completed_event());
  CHECK(event_wait(nullptr, failed, 0, &err) == TISA_INTERNAL);
  CHECK(std::string(err.message) == "test driver: internal error: kernel bug");
  event_destroy(nullptr, failed);

  CHECK(event_wait(nullptr, nullptr, 0, &err) == TISA_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "test driver: the event handle is null");
}

TEST_CASE("destroying an event before its work completes is safe", "[support]") {
  WorkQueue queue;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::unique_ptr<Event> event = pending_event();
  queue.submit([state = event->state, released] { run_and_complete(*state, [&] { released.wait(); }); });
  event_destroy(nullptr, event.release());
  release.set_value();
}  // the queue's destructor runs the work to its end

TEST_CASE("the queue runs work in submission order and drains on destruction", "[support]") {
  std::vector<int> order;
  {
    WorkQueue queue;
    for (int i = 0; i < 200; ++i) queue.submit([&order, i] { order.push_back(i); });
  }
  REQUIRE(order.size() == 200);
  for (int i = 0; i < 200; ++i) CHECK(order[i] == i);
}

TEST_CASE("run_if_idle runs on the caller only when nothing is pending or running", "[support]") {
  WorkQueue queue;
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  std::vector<int> order;
  queue.submit([&, released] {
    started.set_value();
    released.wait();
    order.push_back(1);
  });
  started.get_future().wait();
  CHECK_FALSE(queue.run_if_idle([&] { order.push_back(99); }));  // the worker is busy
  queue.submit([&] { order.push_back(2); });
  release.set_value();

  // Once the queue drains, the caller runs work itself, after everything submitted before.
  bool ran_inline = false;
  for (int tries = 0; tries < 2000 && !ran_inline; ++tries) {
    ran_inline = queue.run_if_idle([&] { order.push_back(3); });
    if (!ran_inline) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(ran_inline);
  CHECK(order == std::vector<int>{1, 2, 3});

  // Work that throws leaves the queue usable.
  CHECK_THROWS(queue.run_if_idle([] { throw std::runtime_error("x"); }));
  std::promise<void> after;
  queue.submit([&] { after.set_value(); });
  CHECK(after.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
}

}  // namespace
}  // namespace tisa::drv
