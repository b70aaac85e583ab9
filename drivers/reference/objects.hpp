// The reference driver's objects behind the ABI's opaque handles.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "drivers/reference/queue.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::reference {

inline constexpr uint32_t kDeviceCount = 1;
// The extensions the device claims: the float dtypes that the kernels implement (spec 10.5).
inline constexpr tisa_extension_mask_t kClaimedExtensions =
    TISA_EXT_MASK(TISA_EXT_XF16) | TISA_EXT_MASK(TISA_EXT_XBF16) | TISA_EXT_MASK(TISA_EXT_XF64);
inline constexpr size_t kBufferAlignment = 64;

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

struct Executable {
  std::shared_ptr<const ir::Module> module;
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
  std::shared_ptr<EventState> state;
};

struct Driver {
  tisa_drv_log_fn log = nullptr;
  void* log_user = nullptr;
  uint32_t abi_version = 0;
  WorkQueue queue;  // the one device's queue: launches run in submission order

  void log_message(tisa_log_level_t level, const std::string& message) const;
};

// Checked conversions of the ABI's opaque handles.
Driver& driver_of(void* driver);
tisa_limits_t device_limits();
void check_device(uint32_t device);

}  // namespace tisa::reference
