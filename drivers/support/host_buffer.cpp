#include "drivers/support/host_buffer.hpp"

#include <cstring>
#include <new>

#include "drivers/support/driver_base.hpp"
#include "drivers/support/errors.hpp"

namespace tisa::drv {

Storage::Storage(uint64_t size_bytes) : size(size_bytes) {
  // Round up so that aligned allocation of any size (0 included) is valid.
  const uint64_t rounded =
      (size_bytes + kHostBufferAlignment - 1) / kHostBufferAlignment * kHostBufferAlignment;
  bytes = static_cast<uint8_t*>(
      ::operator new(rounded == 0 ? kHostBufferAlignment : rounded, std::align_val_t(kHostBufferAlignment)));
  std::memset(bytes, 0, size_bytes);
}

Storage::~Storage() {
  ::operator delete(bytes, std::align_val_t(kHostBufferAlignment));
}

const std::shared_ptr<Storage>& storage_of(void* buffer) {
  return handle_of<HostBuffer>(buffer, "buffer").storage;
}

void check_buffer_range(uint64_t buffer_size, uint64_t offset, uint64_t size, const char* what) {
  if (offset > buffer_size || size > buffer_size - offset) {
    invalid("{} of {} bytes at offset {} is outside the buffer of {} bytes", what, size, offset, buffer_size);
  }
}

tisa_drv_status_t host_buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                     void** out_buffer, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const DriverBase& self = driver_of<DriverBase>(driver);
    check_device(self, device);
    if (!out_buffer) invalid("buffer_create needs out_buffer");
    if (flags & ~TISA_BUFFER_FLAG_HOST_VISIBLE) {
      fail(TISA_UNIMPLEMENTED, "buffer flags {:#x} are not implemented",
           flags & ~TISA_BUFFER_FLAG_HOST_VISIBLE);
    }
    if (size > self.max_buffer_bytes) {
      fail(TISA_OUT_OF_MEMORY, "a buffer of {} bytes exceeds the limit of {}", size, self.max_buffer_bytes);
    }
    auto buffer = std::make_unique<HostBuffer>();
    buffer->storage = std::make_shared<Storage>(size);
    *out_buffer = buffer.release();
    return TISA_OK;
  });
}

void host_buffer_destroy(void* /*driver*/, void* buffer) {
  delete static_cast<HostBuffer*>(buffer);
}

tisa_drv_status_t host_buffer_write(void* /*driver*/, void* buffer, uint64_t offset, const void* src,
                                    uint64_t size, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    Storage& storage = *storage_of(buffer);
    check_buffer_range(storage.size, offset, size, "a write");
    if (size == 0) return TISA_OK;
    if (!src) invalid("buffer_write source is null");
    std::memcpy(storage.bytes + offset, src, size);
    return TISA_OK;
  });
}

tisa_drv_status_t host_buffer_read(void* /*driver*/, void* buffer, uint64_t offset, void* dst, uint64_t size,
                                   tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const Storage& storage = *storage_of(buffer);
    check_buffer_range(storage.size, offset, size, "a read");
    if (size == 0) return TISA_OK;
    if (!dst) invalid("buffer_read destination is null");
    std::memcpy(dst, storage.bytes + offset, size);
    return TISA_OK;
  });
}

tisa_drv_status_t host_buffer_map(void* /*driver*/, void* buffer, void** out_ptr, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!out_ptr) invalid("buffer_map needs out_ptr");
    *out_ptr = storage_of(buffer)->bytes;
    return TISA_OK;
  });
}

void host_buffer_unmap(void* /*driver*/, void* /*buffer*/) {}  // host memory stays mapped

}  // namespace tisa::drv
