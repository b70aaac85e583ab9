// One loaded driver: its library, its function table (copied, with the optional slots filled
// by polyfills) and its context. Every call into the driver goes through here, turning driver
// status codes and messages into tisa::Error, so the rest of libtisa never sees the raw table.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "tisa/driver.h"

namespace tisa::rt {

class Driver {
 public:
  // Takes ownership of the dlopen handle. table has been checked and copied by the loader.
  Driver(std::string name, std::string library_path, void* library, const tisa_driver_table_t& table);
  ~Driver();
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  const std::string& name() const { return name_; }
  uint32_t abi_version() const { return table_.abi_version; }
  uint32_t negotiated_version() const;

  // driver_create; config is the manifest's config string.
  void create(const std::optional<std::string>& config);
  uint32_t device_count();
  tisa_drv_device_info_t device_info(uint32_t device);
  // nullopt when the driver leaves device_supports NULL (the registry default applies).
  std::optional<bool> device_supports(uint32_t device, uint32_t opcode, uint32_t dtype);

  void* buffer_create(uint32_t device, uint64_t size, uint32_t flags);
  void buffer_destroy(void* buffer) noexcept;
  void buffer_write(void* buffer, uint64_t offset, const void* src, uint64_t size);
  void buffer_read(void* buffer, uint64_t offset, void* dst, uint64_t size);
  // Polyfilled: UNIMPLEMENTED when the driver has no buffer_map (ABI 1.0).
  void* buffer_map(void* buffer);
  void buffer_unmap(void* buffer) noexcept;

  void* executable_create(uint32_t device, const uint32_t* words, size_t word_count, uint32_t opt_level);
  void executable_destroy(void* exe) noexcept;

  void* launch(void* exe, const tisa_drv_launch_args_t& args);
  // The launch's outcome without throwing: TISA_OK, TISA_DEADLINE_EXCEEDED or the failure,
  // with its message. event_query falls back to event_wait(0) when the driver lacks it.
  tisa_status_code_t event_wait(void* event, uint64_t timeout_ns, std::string& message) noexcept;
  tisa_status_code_t event_query(void* event, std::string& message) noexcept;
  void event_destroy(void* event) noexcept;

 private:
  // Throws Error(code, "driver 'name': what: message") unless status is TISA_OK.
  void check(tisa_drv_status_t status, const tisa_drv_error_t& err, const char* what) const;
  tisa_status_code_t outcome(tisa_drv_status_t status, const tisa_drv_error_t& err, const char* what,
                             std::string& message) const noexcept;

  std::string name_;
  std::string library_path_;
  void* library_ = nullptr;
  tisa_driver_table_t table_{};
  void* context_ = nullptr;
  // Calls into the driver are serialized, except event waits, which may block.
  std::mutex mutex_;
};

}  // namespace tisa::rt
