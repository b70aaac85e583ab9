// Buffers: regions of the device's tensor pool (host-visible when the device is unified, or
// when the caller asks for a mappable buffer), zero-filled like every TISA buffer.
#include "drivers/support/host_buffer.hpp"
#include "drivers/vulkan/objects.hpp"

namespace tisa::vk {
namespace {

Buffer& buffer_of(void* buffer) {
  return drv::handle_of<Buffer>(buffer, "buffer");
}

}  // namespace

tisa_drv_status_t buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                void** out_buffer, tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Driver& self = drv::driver_of<Driver>(driver);
    DeviceSlot& slot = self.slot(device);
    if (!out_buffer) drv::invalid("buffer_create needs out_buffer");
    if (flags & ~TISA_BUFFER_FLAG_HOST_VISIBLE) {
      drv::fail(TISA_UNIMPLEMENTED, "buffer flags {:#x} are not implemented",
                flags & ~TISA_BUFFER_FLAG_HOST_VISIBLE);
    }
    const uint64_t limit = slot.device->info().limits.max_buffer_bytes;
    if (size > limit)
      drv::fail(TISA_OUT_OF_MEMORY, "a buffer of {} bytes exceeds the device's limit of {}", size, limit);
    auto buffer = std::make_unique<Buffer>();
    buffer->device = slot.device;
    Device& dev = *slot.device;
    const bool mappable = (flags & TISA_BUFFER_FLAG_HOST_VISIBLE) && !dev.caps().unified;
    buffer->region = mappable ? dev.staging().allocate(size) : dev.tensors().allocate(size);
    buffer->size = size;
    dev.zero(*buffer->region);
    *out_buffer = buffer.release();
    return TISA_OK;
  });
}

void buffer_destroy(void*, void* buffer) {
  // Launches in flight hold their own reference to the region.
  delete static_cast<Buffer*>(buffer);
}

tisa_drv_status_t buffer_write(void*, void* buffer, uint64_t offset, const void* src, uint64_t size,
                               tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Buffer& b = buffer_of(buffer);
    drv::check_buffer_range(b.size, offset, size, "a write");
    if (size && !src) drv::invalid("buffer_write source is null");
    b.device->write(*b.region, offset, src, size);
    return TISA_OK;
  });
}

tisa_drv_status_t buffer_read(void*, void* buffer, uint64_t offset, void* dst, uint64_t size,
                              tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Buffer& b = buffer_of(buffer);
    drv::check_buffer_range(b.size, offset, size, "a read");
    if (size && !dst) drv::invalid("buffer_read destination is null");
    b.device->read(*b.region, offset, dst, size);
    return TISA_OK;
  });
}

tisa_drv_status_t buffer_map(void*, void* buffer, void** out_ptr, tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Buffer& b = buffer_of(buffer);
    if (!out_ptr) drv::invalid("buffer_map needs out_ptr");
    uint8_t* host = b.region->host();
    if (!host) {
      drv::fail(
          TISA_UNIMPLEMENTED,
          "the buffer lives in device-local memory; create it with TISA_BUFFER_FLAG_HOST_VISIBLE to map it");
    }
    // Host access orders after the launches already submitted.
    b.device->wait_idle();
    *out_ptr = host;
    return TISA_OK;
  });
}

void buffer_unmap(void*, void*) {
  // Memory stays persistently mapped and coherent: nothing to flush.
}

}  // namespace tisa::vk
