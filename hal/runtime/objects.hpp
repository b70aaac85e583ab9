// The objects behind the C API's handles. Handles own shared state so that releasing them in
// any order is safe: a buffer keeps its device and driver alive, an in-flight launch keeps its
// executable and buffers alive until it finished.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hal/ir/module.hpp"
#include "hal/runtime/driver.hpp"
#include "hal/runtime/loader.hpp"
#include "hal/runtime/write_log.hpp"
#include "tisa/tisa.h"

struct tisa_device_s : std::enable_shared_from_this<tisa_device_s> {
  std::shared_ptr<tisa::rt::Driver> driver;
  uint32_t index = 0;              // the device's index in its driver
  uint32_t ordinal_in_driver = 0;  // its position among the driver's usable devices
  tisa_device_info_t info{};
};

struct tisa_instance_s {
  std::vector<tisa::rt::DriverReport> reports;
  std::vector<std::shared_ptr<tisa_device_s>> devices;
};

namespace tisa::rt {

// A driver buffer, destroyed when its last user goes away.
struct BufferState {
  std::shared_ptr<Driver> driver;
  void* handle = nullptr;
  ~BufferState() {
    if (handle != nullptr) driver->buffer_destroy(handle);
  }
};

struct ExecutableState {
  std::shared_ptr<Driver> driver;
  void* handle = nullptr;
  ~ExecutableState() {
    if (handle != nullptr) driver->executable_destroy(handle);
  }
};

// One launch: the driver's event and the launch's final outcome. Shared by its tisa_event_t, the
// write logs of the buffers it writes, and the later launches that read those bytes before it
// finished, so that a failure reaches whatever depends on it.
struct LaunchState {
  LaunchState() = default;
  LaunchState(const LaunchState&) = delete;
  LaunchState& operator=(const LaunchState&) = delete;
  ~LaunchState();  // destroys the driver's event

  std::shared_ptr<Driver> driver;
  void* handle = nullptr;
  // Kept alive while the launch may still run.
  std::shared_ptr<ExecutableState> executable;
  std::vector<std::shared_ptr<BufferState>> buffers;
  // Unfinished launches that wrote bytes this one reads ("input 1" names the operand).
  std::vector<std::pair<std::string, std::shared_ptr<LaunchState>>> reads_from;
  std::mutex mutex;
  bool finished = false;  // the outcome below is final
  tisa_status_code_t code = TISA_OK;
  std::string message;
};

}  // namespace tisa::rt

struct tisa_buffer_s {
  std::shared_ptr<tisa_device_s> device;
  std::shared_ptr<tisa::rt::BufferState> state;
  uint64_t size = 0;
  uint32_t flags = 0;
  std::mutex map_mutex;
  bool mapped = false;
  tisa::rt::WriteLog writes;  // the launches that wrote it and are not known to have succeeded
};

struct tisa_module_s {
  std::shared_ptr<const tisa::ir::Module> module;  // verified
};

struct tisa_executable_s {
  std::shared_ptr<tisa_device_s> device;
  std::shared_ptr<const tisa::ir::Module> module;     // as loaded: launches are checked on it
  std::shared_ptr<const tisa::ir::Module> optimized;  // what the driver runs
  std::shared_ptr<tisa::rt::ExecutableState> state;
};

struct tisa_event_s {
  std::shared_ptr<tisa::rt::LaunchState> launch;
  ~tisa_event_s();  // waits for the launch
};
