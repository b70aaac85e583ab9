// Calls into a loaded driver, with status/message translation and the ABI 1.1 polyfills.
#include "hal/runtime/driver.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>

#include "hal/ir/error.hpp"
#include "hal/runtime/log.hpp"
#include "tisa/tisa.h"

namespace tisa::rt {
namespace {

bool is_known_code(tisa_drv_status_t status) {
  return status >= TISA_OK && status <= TISA_FAILED_PRECONDITION;
}

// A fresh error buffer for one call.
struct ErrorBuffer {
  tisa_drv_error_t err;
  ErrorBuffer() { err.message[0] = '\0'; }
  std::string text() {
    err.message[TISA_DRV_ERROR_CAPACITY - 1] = '\0';
    return err.message[0] != '\0' ? std::string(err.message) : std::string("(no message)");
  }
};

}  // namespace

Driver::Driver(std::string name, std::string library_path, void* library, const tisa_driver_table_t& table)
    : name_(std::move(name)), library_path_(std::move(library_path)), library_(library), table_(table) {}

Driver::~Driver() {
  if (context_ != nullptr) table_.driver_destroy(context_);
  if (library_ != nullptr) dlclose(library_);
}

uint32_t Driver::negotiated_version() const {
  return std::min<uint32_t>(table_.abi_version, TISA_DRIVER_ABI_VERSION);
}

void Driver::check(tisa_drv_status_t status, const tisa_drv_error_t& err, const char* what) const {
  if (status == TISA_OK) return;
  std::string message;
  const tisa_status_code_t code = outcome(status, err, what, message);
  throw Error(code, message);
}

tisa_status_code_t Driver::outcome(tisa_drv_status_t status, const tisa_drv_error_t& err, const char* what,
                                   std::string& message) const noexcept {
  if (status == TISA_OK) return TISA_OK;
  ErrorBuffer copy;
  std::memcpy(copy.err.message, err.message, sizeof copy.err.message);
  try {
    if (!is_known_code(status)) {
      message = fmt::format("driver '{}': {} returned unknown status code {}: {}", name_, what,
                            static_cast<int>(status), copy.text());
      return TISA_INTERNAL;
    }
    message = fmt::format("driver '{}': {}: {}", name_, what, copy.text());
  } catch (...) {
    message.clear();
  }
  return status;
}

void Driver::create(const std::optional<std::string>& config) {
  tisa_drv_create_info_t info{};
  info.struct_size = sizeof info;
  info.abi_version = negotiated_version();
  info.log = &driver_log;
  info.log_user = &name_;
  info.config = config ? config->c_str() : nullptr;
  ErrorBuffer e;
  void* context = nullptr;
  const tisa_drv_status_t status = table_.driver_create(&info, &context, &e.err);
  if (status != TISA_OK) {
    const char* name = tisa_status_code_name(is_known_code(status) ? status : TISA_INTERNAL);
    throw Error(is_known_code(status) ? status : TISA_INTERNAL,
                fmt::format("driver_create returned {}: {}", name, e.text()));
  }
  context_ = context;
}

uint32_t Driver::device_count() {
  std::lock_guard lock(mutex_);
  return table_.device_count(context_);
}

tisa_drv_device_info_t Driver::device_info(uint32_t device) {
  tisa_drv_device_info_t info{};
  info.struct_size = sizeof info;
  ErrorBuffer e;
  std::lock_guard lock(mutex_);
  check(table_.device_get_info(context_, device, &info, &e.err), e.err, "device_get_info");
  info.name[sizeof info.name - 1] = '\0';
  return info;
}

std::optional<bool> Driver::device_supports(uint32_t device, uint32_t opcode, uint32_t dtype) {
  if (table_.device_supports == nullptr) return std::nullopt;
  std::lock_guard lock(mutex_);
  return table_.device_supports(context_, device, opcode, dtype) != 0;
}

void* Driver::buffer_create(uint32_t device, uint64_t size, uint32_t flags) {
  ErrorBuffer e;
  void* buffer = nullptr;
  std::lock_guard lock(mutex_);
  check(table_.buffer_create(context_, device, size, flags, &buffer, &e.err), e.err, "buffer_create");
  if (buffer == nullptr) fail(TISA_INTERNAL, "driver '{}': buffer_create returned no buffer", name_);
  return buffer;
}

void Driver::buffer_destroy(void* buffer) noexcept {
  std::lock_guard lock(mutex_);
  table_.buffer_destroy(context_, buffer);
}

void Driver::buffer_write(void* buffer, uint64_t offset, const void* src, uint64_t size) {
  ErrorBuffer e;
  std::lock_guard lock(mutex_);
  check(table_.buffer_write(context_, buffer, offset, src, size, &e.err), e.err, "buffer_write");
}

void Driver::buffer_read(void* buffer, uint64_t offset, void* dst, uint64_t size) {
  ErrorBuffer e;
  std::lock_guard lock(mutex_);
  check(table_.buffer_read(context_, buffer, offset, dst, size, &e.err), e.err, "buffer_read");
}

void* Driver::buffer_map(void* buffer) {
  if (table_.buffer_map == nullptr) {
    fail(TISA_UNIMPLEMENTED, "driver '{}' (ABI {}.{}) cannot map buffers", name_,
         TISA_VERSION_MAJOR(table_.abi_version), TISA_VERSION_MINOR(table_.abi_version));
  }
  ErrorBuffer e;
  void* pointer = nullptr;
  std::lock_guard lock(mutex_);
  check(table_.buffer_map(context_, buffer, &pointer, &e.err), e.err, "buffer_map");
  if (pointer == nullptr) fail(TISA_INTERNAL, "driver '{}': buffer_map returned no pointer", name_);
  return pointer;
}

void Driver::buffer_unmap(void* buffer) noexcept {
  if (table_.buffer_unmap == nullptr) return;
  std::lock_guard lock(mutex_);
  table_.buffer_unmap(context_, buffer);
}

void* Driver::executable_create(uint32_t device, const uint32_t* words, size_t word_count,
                                uint32_t opt_level) {
  ErrorBuffer e;
  void* exe = nullptr;
  std::lock_guard lock(mutex_);
  check(table_.executable_create(context_, device, words, word_count, opt_level, &exe, &e.err), e.err,
        "executable_create");
  if (exe == nullptr) fail(TISA_INTERNAL, "driver '{}': executable_create returned no executable", name_);
  return exe;
}

void Driver::executable_destroy(void* exe) noexcept {
  std::lock_guard lock(mutex_);
  table_.executable_destroy(context_, exe);
}

void* Driver::launch(void* exe, const tisa_drv_launch_args_t& args) {
  ErrorBuffer e;
  void* event = nullptr;
  std::lock_guard lock(mutex_);
  check(table_.launch(context_, exe, &args, &event, &e.err), e.err, "launch");
  if (event == nullptr) fail(TISA_INTERNAL, "driver '{}': launch returned no event", name_);
  return event;
}

tisa_status_code_t Driver::event_wait(void* event, uint64_t timeout_ns, std::string& message) noexcept {
  ErrorBuffer e;
  const tisa_drv_status_t status = table_.event_wait(context_, event, timeout_ns, &e.err);
  return outcome(status, e.err, "launch", message);
}

tisa_status_code_t Driver::event_query(void* event, std::string& message) noexcept {
  if (table_.event_query == nullptr) return event_wait(event, 0, message);
  ErrorBuffer e;
  const tisa_drv_status_t status = table_.event_query(context_, event, &e.err);
  return outcome(status, e.err, "launch", message);
}

void Driver::event_destroy(void* event) noexcept {
  std::lock_guard lock(mutex_);
  table_.event_destroy(context_, event);
}

}  // namespace tisa::rt
