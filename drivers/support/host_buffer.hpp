// Buffers in host memory: aligned, zero-filled, always mapped. The storage is shared so that a
// launch in flight keeps its buffers alive even if the caller destroys the handles early.
// A driver whose memory lives elsewhere (a GPU's) brings its own buffer entries instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "tisa/driver.h"

namespace tisa::drv {

inline constexpr size_t kHostBufferAlignment = 64;

struct Storage {
  explicit Storage(uint64_t size);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  uint8_t* bytes = nullptr;
  uint64_t size = 0;
};

struct HostBuffer {
  std::shared_ptr<Storage> storage;
};

// The storage behind a buffer handle; throws if the handle is null.
const std::shared_ptr<Storage>& storage_of(void* buffer);
// Throws unless [offset, offset + size) lies inside a buffer of buffer_size bytes (no overflow).
void check_buffer_range(uint64_t buffer_size, uint64_t offset, uint64_t size, const char* what);

// Table entries. host_buffer_create checks the device and the size against the DriverBase's
// device_count and max_buffer_bytes; TISA_BUFFER_FLAG_HOST_VISIBLE is the only flag.
tisa_drv_status_t host_buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                     void** out_buffer, tisa_drv_error_t* err);
void host_buffer_destroy(void* driver, void* buffer);
tisa_drv_status_t host_buffer_write(void* driver, void* buffer, uint64_t offset, const void* src,
                                    uint64_t size, tisa_drv_error_t* err);
tisa_drv_status_t host_buffer_read(void* driver, void* buffer, uint64_t offset, void* dst, uint64_t size,
                                   tisa_drv_error_t* err);
tisa_drv_status_t host_buffer_map(void* driver, void* buffer, void** out_ptr, tisa_drv_error_t* err);
void host_buffer_unmap(void* driver, void* buffer);

}  // namespace tisa::drv
