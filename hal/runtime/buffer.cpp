// tisa_buffer_*: device buffers, explicit copies, mapping of host-visible buffers.
#include "hal/runtime/objects.hpp"
#include "hal/runtime/status.hpp"

namespace tisa::rt {
namespace {

constexpr uint32_t kKnownBufferFlags = TISA_BUFFER_FLAG_HOST_VISIBLE;

// [offset, offset + size) must lie inside the buffer (no overflow).
void check_range(const tisa_buffer_s& buffer, uint64_t offset, uint64_t size, const char* function) {
  if (offset > buffer.size || size > buffer.size - offset) {
    invalid("{}: range [{}, {}+{}) is outside the buffer of {} bytes", function, offset, offset, size,
            buffer.size);
  }
}

}  // namespace
}  // namespace tisa::rt

extern "C" {

TISA_API tisa_status_t tisa_buffer_create(tisa_device_t device, uint64_t size, uint32_t flags,
                                          tisa_buffer_t* out_buffer) {
  return tisa::rt::guarded("tisa_buffer_create", [&] {
    tisa::rt::require(device, "tisa_buffer_create", "device");
    tisa::rt::require(out_buffer, "tisa_buffer_create", "out_buffer");
    *out_buffer = nullptr;
    if ((flags & ~tisa::rt::kKnownBufferFlags) != 0) {
      tisa::invalid("tisa_buffer_create: unknown flags 0x{:x}", flags & ~tisa::rt::kKnownBufferFlags);
    }
    if ((flags & TISA_BUFFER_FLAG_HOST_VISIBLE) && !(device->info.flags & TISA_DEVICE_FLAG_HOST_VISIBLE)) {
      tisa::fail(TISA_UNIMPLEMENTED, "tisa_buffer_create: device '{}' has no host-visible memory",
                 device->info.name);
    }
    const uint64_t max_bytes = device->info.limits.max_buffer_bytes;
    if (max_bytes != 0 && size > max_bytes) {
      tisa::fail(TISA_OUT_OF_MEMORY, "tisa_buffer_create: {} bytes exceed the device's max_buffer_bytes {}",
                 size, max_bytes);
    }
    auto buffer = std::make_unique<tisa_buffer_s>();
    buffer->device = device->shared_from_this();
    buffer->size = size;
    buffer->flags = flags;
    buffer->state = std::make_shared<tisa::rt::BufferState>();
    buffer->state->driver = device->driver;
    // Empty tensors need buffers too; drivers are never asked for zero bytes.
    buffer->state->handle = device->driver->buffer_create(device->index, size == 0 ? 1 : size, flags);
    *out_buffer = buffer.release();
  });
}

TISA_API void tisa_buffer_release(tisa_buffer_t buffer) {
  if (buffer == nullptr) return;
  if (buffer->mapped) buffer->state->driver->buffer_unmap(buffer->state->handle);
  delete buffer;
}

TISA_API uint64_t tisa_buffer_size(tisa_buffer_t buffer) {
  return buffer ? buffer->size : 0;
}

TISA_API tisa_status_t tisa_buffer_write(tisa_buffer_t buffer, uint64_t offset, const void* src,
                                         uint64_t size) {
  return tisa::rt::guarded("tisa_buffer_write", [&] {
    tisa::rt::require(buffer, "tisa_buffer_write", "buffer");
    if (size != 0) tisa::rt::require(src, "tisa_buffer_write", "src");
    tisa::rt::check_range(*buffer, offset, size, "tisa_buffer_write");
    if (size != 0) buffer->state->driver->buffer_write(buffer->state->handle, offset, src, size);
    buffer->writes.overwritten(offset, offset + size);
  });
}

TISA_API tisa_status_t tisa_buffer_read(tisa_buffer_t buffer, uint64_t offset, void* dst, uint64_t size) {
  return tisa::rt::guarded("tisa_buffer_read", [&] {
    tisa::rt::require(buffer, "tisa_buffer_read", "buffer");
    if (size != 0) tisa::rt::require(dst, "tisa_buffer_read", "dst");
    tisa::rt::check_range(*buffer, offset, size, "tisa_buffer_read");
    // Reading while a launch still writes is the caller's race, as ever; only a known failure is
    // reported, since the bytes it left are unspecified.
    if (auto failure = buffer->writes.overlapping(offset, offset + size).failure) {
      tisa::fail(TISA_FAILED_PRECONDITION,
                 "tisa_buffer_read: bytes [{}, {}) were written by a launch that failed: {}", offset,
                 offset + size, *failure);
    }
    if (size != 0) buffer->state->driver->buffer_read(buffer->state->handle, offset, dst, size);
  });
}

TISA_API tisa_status_t tisa_buffer_map(tisa_buffer_t buffer, void** out_ptr) {
  return tisa::rt::guarded("tisa_buffer_map", [&] {
    tisa::rt::require(buffer, "tisa_buffer_map", "buffer");
    tisa::rt::require(out_ptr, "tisa_buffer_map", "out_ptr");
    *out_ptr = nullptr;
    if (!(buffer->flags & TISA_BUFFER_FLAG_HOST_VISIBLE)) {
      tisa::fail(TISA_UNIMPLEMENTED,
                 "tisa_buffer_map: the buffer was not created with TISA_BUFFER_FLAG_HOST_VISIBLE");
    }
    std::lock_guard lock(buffer->map_mutex);
    if (buffer->mapped) tisa::fail(TISA_FAILED_PRECONDITION, "tisa_buffer_map: the buffer is already mapped");
    *out_ptr = buffer->state->driver->buffer_map(buffer->state->handle);
    buffer->mapped = true;
  });
}

TISA_API tisa_status_t tisa_buffer_unmap(tisa_buffer_t buffer) {
  return tisa::rt::guarded("tisa_buffer_unmap", [&] {
    tisa::rt::require(buffer, "tisa_buffer_unmap", "buffer");
    std::lock_guard lock(buffer->map_mutex);
    if (!buffer->mapped) tisa::fail(TISA_FAILED_PRECONDITION, "tisa_buffer_unmap: the buffer is not mapped");
    buffer->state->driver->buffer_unmap(buffer->state->handle);
    buffer->mapped = false;
  });
}

}  // extern "C"
