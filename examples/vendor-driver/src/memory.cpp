// Buffers: aligned host memory, always mappable.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "objects.hpp"
#include "status.hpp"

namespace vendor {
namespace {

constexpr uint64_t kAlignment = 64;

void release(uint8_t* bytes) {
  std::free(bytes);
}

// offset + size inside the buffer, without overflow.
void check_range(const Buffer& buffer, uint64_t offset, uint64_t size, const char* what) {
  if (offset > buffer.size || size > buffer.size - offset) {
    invalid(text("%s of %llu bytes at offset %llu is outside the buffer of %llu bytes", what,
                 static_cast<unsigned long long>(size), static_cast<unsigned long long>(offset),
                 static_cast<unsigned long long>(buffer.size)));
  }
}

}  // namespace

Buffer& buffer_of(void* buffer) {
  if (!buffer) invalid("the buffer handle is null");
  return *static_cast<Buffer*>(buffer);
}

tisa_drv_status_t buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                void** out_buffer, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    driver_of(driver);
    check_device(device);
    if (!out_buffer) invalid("buffer_create needs out_buffer");
    if (flags & ~TISA_BUFFER_FLAG_HOST_VISIBLE) fail(TISA_UNIMPLEMENTED, "unknown buffer flags");
    if (size > (uint64_t{1} << 48))
      fail(TISA_OUT_OF_MEMORY,
           text("a buffer of %llu bytes is too large", static_cast<unsigned long long>(size)));
    const uint64_t rounded = (size + kAlignment - 1) / kAlignment * kAlignment;
    void* bytes = std::aligned_alloc(kAlignment, rounded == 0 ? kAlignment : rounded);
    if (!bytes)
      fail(TISA_OUT_OF_MEMORY, text("cannot allocate %llu bytes", static_cast<unsigned long long>(size)));
    std::memset(bytes, 0, rounded == 0 ? kAlignment : rounded);
    auto buffer = std::make_unique<Buffer>();
    buffer->bytes = {static_cast<uint8_t*>(bytes), release};
    buffer->size = size;
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
    Buffer& b = buffer_of(buffer);
    check_range(b, offset, size, "a write");
    if (size == 0) return TISA_OK;
    if (!src) invalid("buffer_write source is null");
    std::memcpy(b.bytes.get() + offset, src, size);
    return TISA_OK;
  });
}

tisa_drv_status_t buffer_read(void* driver, void* buffer, uint64_t offset, void* dst, uint64_t size,
                              tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const Buffer& b = buffer_of(buffer);
    check_range(b, offset, size, "a read");
    if (size == 0) return TISA_OK;
    if (!dst) invalid("buffer_read destination is null");
    std::memcpy(dst, b.bytes.get() + offset, size);
    return TISA_OK;
  });
}

tisa_drv_status_t buffer_map(void* driver, void* buffer, void** out_ptr, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!out_ptr) invalid("buffer_map needs out_ptr");
    *out_ptr = buffer_of(buffer).bytes.get();
    return TISA_OK;
  });
}

void buffer_unmap(void* driver, void* buffer) {}  // host memory stays mapped

}  // namespace vendor
