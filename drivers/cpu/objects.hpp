// The cpu driver's objects behind the ABI's opaque handles.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/cpu/kernels/kernel_table.hpp"
#include "drivers/cpu/plan/exec.hpp"
#include "drivers/cpu/plan/fusion.hpp"
#include "drivers/cpu/plan/instance.hpp"
#include "drivers/cpu/runtime/queue.hpp"
#include "drivers/cpu/runtime/thread_pool.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::cpu {

inline constexpr uint32_t kDeviceCount = 1;
inline constexpr size_t kBufferAlignment = 64;
// The ISA this driver implements, fixed here rather than TISA_ISA_VERSION so that the claim
// stays true when the registry adds ops: 1.1's ops have no kernels here yet.
inline constexpr uint32_t kDeviceIsaVersion = TISA_MAKE_VERSION(1, 0);

// Aligned host memory. Shared so that a launch in flight keeps its buffers alive even if the
// caller destroys the handles early.
struct Storage {
  explicit Storage(uint64_t size);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  uint8_t* bytes = nullptr;
  uint64_t size = 0;
};

struct Buffer {
  std::shared_ptr<Storage> storage;
};

// A compiled module: its fusion plan, and the instances built for the bindings seen so far.
class Executable {
 public:
  Executable(std::shared_ptr<const ir::Module> module, uint32_t opt_level, const KernelTable& kernels);
  const std::shared_ptr<const ir::Module>& module() const { return module_; }
  // The instance for a binding, built on first use; the most recent few are kept.
  std::shared_ptr<const Instance> instance(std::span<const int64_t> symbols);

 private:
  std::shared_ptr<const ir::Module> module_;
  FusionPlan plan_;
  const KernelTable& kernels_;
  std::mutex mutex_;
  std::vector<std::shared_ptr<const Instance>> recent_;  // most recent first
};

// Completion of one launch, shared by the event handle and the queued work.
struct EventState {
  std::mutex mutex;
  std::condition_variable done_signal;
  bool done = false;
  tisa_drv_status_t status = TISA_OK;
  std::string message;

  void complete(tisa_drv_status_t status, std::string message);
};

struct Event {
  std::shared_ptr<EventState> state;  // null: the launch already completed without error
};

// The one device's execution resources: used by whichever thread runs a launch (the queue's
// worker, or a caller running a small launch while the queue is idle), one launch at a time.
struct Device {
  explicit Device(unsigned threads);
  const KernelTable& kernels;
  ThreadPool pool;
  Scratch scratch;
  uint8_t* arena = nullptr;
  uint64_t arena_size = 0;
  ~Device();
  uint8_t* reserve_arena(uint64_t bytes);
};

struct Driver {
  tisa_drv_log_fn log = nullptr;
  void* log_user = nullptr;
  uint32_t abi_version = 0;
  std::unique_ptr<Device> device;
  WorkQueue queue;  // last: its worker may use the device until the queue is destroyed

  void log_message(tisa_log_level_t level, const std::string& message) const;
};

// Checked conversions of the ABI's opaque handles.
Driver& driver_of(void* driver);
tisa_limits_t device_limits();
void check_device(uint32_t device);

}  // namespace tisa::cpu
