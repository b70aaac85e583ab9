// The cpu driver's objects behind the ABI's opaque handles (buffers and events are the support
// library's host buffers and events).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "drivers/cpu/kernels/kernel_table.hpp"
#include "drivers/cpu/plan/exec.hpp"
#include "drivers/cpu/plan/fusion.hpp"
#include "drivers/cpu/plan/instance.hpp"
#include "drivers/cpu/runtime/thread_pool.hpp"
#include "drivers/support/driver_base.hpp"
#include "drivers/support/work_queue.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::cpu {

inline constexpr size_t kArenaAlignment = 64;
// The ISA this driver implements, fixed here rather than TISA_ISA_VERSION so that the claim
// stays true when the registry adds ops the driver has no kernels for yet.
inline constexpr uint32_t kDeviceIsaVersion = TISA_MAKE_VERSION(1, 1);

// A compiled module: its fusion plan, and the instances built for the bindings seen so far.
class Executable {
 public:
  Executable(std::shared_ptr<const ir::Module> module, uint32_t opt_level, const KernelTable& kernels);
  const std::shared_ptr<const ir::Module> module;
  // The instance for a binding, built on first use; the most recent few are kept.
  std::shared_ptr<const Instance> instance(std::span<const int64_t> symbols);

 private:
  FusionPlan plan_;
  const KernelTable& kernels_;
  std::mutex mutex_;
  std::vector<std::shared_ptr<const Instance>> recent_;  // most recent first
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

struct Driver : drv::DriverBase {
  using DriverBase::DriverBase;
  std::unique_ptr<Device> device;
  drv::WorkQueue queue;  // last: its worker may use the device until the queue is destroyed
};

}  // namespace tisa::cpu
