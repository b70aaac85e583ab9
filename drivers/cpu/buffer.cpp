// Buffers: 64-byte-aligned host memory, zero-filled, always mappable.
#include <cstring>
#include <new>

#include "drivers/cpu/entry_points.hpp"
#include "drivers/cpu/objects.hpp"
#include "drivers/cpu/status.hpp"
#include "hal/ir/error.hpp"

namespace tisa::cpu {
namespace {

Buffer& buffer_of(void* buffer) {
  if (!buffer) invalid("cpu driver: the buffer handle is null");
  return *static_cast<Buffer*>(buffer);
}

// offset + size within the buffer, without overflowing.
void check_range(const Storage& storage, uint64_t offset, uint64_t size, const char* what) {
  if (offset > storage.size || size > storage.size - offset) {
    invalid("cpu driver: {} of {} bytes at offset {} is outside the buffer of {} bytes", what, size, offset,
            storage.size);
  }
}

}  // namespace

Storage::Storage(uint64_t size_bytes) : size(size_bytes) {
  // Round up so that aligned allocation of any size (0 included) is valid.
  const uint64_t rounded = (size_bytes + kBufferAlignment - 1) / kBufferAlignment * kBufferAlignment;
  bytes = static_cast<uint8_t*>(
      ::operator new(rounded == 0 ? kBufferAlignment : rounded, std::align_val_t(kBufferAlignment)));
  std::memset(bytes, 0, size_bytes);
}

Storage::~Storage() {
  ::operator delete(bytes, std::align_val_t(kBufferAlignment));
}

tisa_drv_status_t buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                void** out_buffer, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    driver_of(driver);
    check_device(device);
    if (!out_buffer) invalid("cpu driver: buffer_create needs out_buffer");
    if (flags & ~TISA_BUFFER_FLAG_HOST_VISIBLE) {
      fail(TISA_UNIMPLEMENTED, "cpu driver: buffer flags {:#x} are not implemented",
           flags & ~TISA_BUFFER_FLAG_HOST_VISIBLE);
    }
    if (size > device_limits().max_buffer_bytes) {
      fail(TISA_OUT_OF_MEMORY, "cpu driver: a buffer of {} bytes exceeds the limit of {}", size,
           device_limits().max_buffer_bytes);
    }
    auto buffer = std::make_unique<Buffer>();
    buffer->storage = std::make_shared<Storage>(size);
    *out_buffer = buffer.release();
    return TISA_OK;
  });
}

void buffer_destroy(void* driver, void* buffer) {
  delete static_cast<Buffer*>(buffer);
}

tisa_drv_status_t buffer_write(void* driver, void* buffer, uint64_t offset, const void* src, uint64_t size,
                               tisa_drv_error_t* err) {
  return guarded(err, [&] {
    Storage& storage = *buffer_of(buffer).storage;
    check_range(storage, offset, size, "a write");
    if (size == 0) return TISA_OK;
    if (!src) invalid("cpu driver: buffer_write source is null");
    std::memcpy(storage.bytes + offset, src, size);
    return TISA_OK;
  });
}

tisa_drv_status_t buffer_read(void* driver, void* buffer, uint64_t offset, void* dst, uint64_t size,
                              tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const Storage& storage = *buffer_of(buffer).storage;
    check_range(storage, offset, size, "a read");
    if (size == 0) return TISA_OK;
    if (!dst) invalid("cpu driver: buffer_read destination is null");
    std::memcpy(dst, storage.bytes + offset, size);
    return TISA_OK;
  });
}

tisa_drv_status_t buffer_map(void* driver, void* buffer, void** out_ptr, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!out_ptr) invalid("cpu driver: buffer_map needs out_ptr");
    *out_ptr = buffer_of(buffer).storage->bytes;
    return TISA_OK;
  });
}

void buffer_unmap(void* driver, void* buffer) {}  // host memory stays mapped

}  // namespace tisa::cpu
