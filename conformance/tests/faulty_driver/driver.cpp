// A test-only TISA driver: the reference kernels behind the driver ABI, with one fault injected
// (chosen by the manifest's "config" string, see faults.hpp). Launches run synchronously.
// Never installed: its manifests live in the build tree's faulty-drivers folder only.
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "conformance/tests/faulty_driver/objects.hpp"
#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::faulty {
namespace {

tisa_drv_status_t driver_create(const tisa_drv_create_info_t* info, void** out_driver,
                                tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!info || !out_driver) invalid("faulty driver: driver_create needs info and out_driver");
    if (TISA_VERSION_MAJOR(info->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      fail(TISA_INCOMPATIBLE, "faulty driver: implements driver ABI {}, asked for {}", TISA_DRIVER_ABI_MAJOR,
           TISA_VERSION_MAJOR(info->abi_version));
    }
    const std::string config = info->config ? info->config : "";
    const std::optional<Fault> fault = parse_fault(config);
    if (!fault) invalid("faulty driver: unknown fault \"{}\" in the manifest's config", config);
    auto driver = std::make_unique<Driver>();
    driver->fault = *fault;
    *out_driver = driver.release();
    return TISA_OK;
  });
}

void driver_destroy(void* driver) {
  delete static_cast<Driver*>(driver);
}

uint32_t device_count(void* driver) {
  return driver ? 1 : 0;
}

tisa_drv_status_t device_get_info(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                  tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const Driver& self = driver_of(driver);
    if (device != 0) invalid("faulty driver: device {} does not exist", device);
    if (!out) invalid("faulty driver: device_get_info needs an output struct");
    tisa_drv_device_info_t info{};
    info.isa_version = TISA_ISA_VERSION;
    std::snprintf(info.name, sizeof(info.name), "TISA reference with fault %s",
                  std::string(fault_name(self.fault)).c_str());
    info.kind = TISA_DEVICE_KIND_CPU;
    info.flags = TISA_DEVICE_FLAG_HOST_VISIBLE;
    info.extensions = kClaimedExtensions;
    info.limits.max_rank = static_cast<uint32_t>(TISA_MAX_RANK);
    info.limits.max_dim = TISA_MAX_DIM;
    info.limits.max_elements = TISA_MAX_ELEMENTS;
    info.limits.max_buffer_bytes = static_cast<uint64_t>(TISA_MAX_ELEMENTS) * 8u;
    const size_t size =
        out->struct_size == 0 ? sizeof(info) : std::min<size_t>(out->struct_size, sizeof(info));
    info.struct_size = static_cast<uint32_t>(size);
    std::memcpy(out, &info, size);
    return TISA_OK;
  });
}

int device_supports(void* driver, uint32_t device, uint32_t opcode, uint32_t dtype) {
  // Raw numbers from the ABI become enums only once known to be registry values.
  return driver && device == 0 && ir::find_op(opcode) && ir::find_dtype(dtype) &&
         ref::supports(static_cast<tisa_opcode_t>(opcode), static_cast<tisa_dtype_t>(dtype));
}

tisa_drv_status_t buffer_create(void* driver, uint32_t device, uint64_t size, uint32_t flags,
                                void** out_buffer, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    driver_of(driver);
    if (device != 0 || !out_buffer) invalid("faulty driver: bad buffer_create arguments");
    if (flags & ~TISA_BUFFER_FLAG_HOST_VISIBLE)
      fail(TISA_UNIMPLEMENTED, "faulty driver: unknown buffer flags");
    if (size > (uint64_t{1} << 40)) fail(TISA_OUT_OF_MEMORY, "faulty driver: {} bytes is too large", size);
    auto buffer = std::make_unique<Buffer>();
    buffer->bytes.assign(size, 0);
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
    uint8_t* to = buffer_range(buffer, offset, size);
    if (size && !src) invalid("faulty driver: buffer_write source is null");
    if (size) std::memcpy(to, src, size);
    return TISA_OK;
  });
}

tisa_drv_status_t buffer_read(void* driver, void* buffer, uint64_t offset, void* dst, uint64_t size,
                              tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const uint8_t* from = buffer_range(buffer, offset, size);
    if (size && !dst) invalid("faulty driver: buffer_read destination is null");
    if (size) std::memcpy(dst, from, size);
    return TISA_OK;
  });
}

tisa_drv_status_t buffer_map(void* driver, void* buffer, void** out_ptr, tisa_drv_error_t* err) {
  return guarded(err, [&] {
    if (!out_ptr) invalid("faulty driver: buffer_map needs out_ptr");
    *out_ptr = buffer_range(buffer, 0, 0);
    return TISA_OK;
  });
}

void buffer_unmap(void* driver, void* buffer) {}

tisa_drv_status_t event_wait(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err) {
  return event ? TISA_OK : TISA_INVALID_ARGUMENT;  // launches complete before they return
}

tisa_drv_status_t event_query(void* driver, void* event, tisa_drv_error_t* err) {
  return event_wait(driver, event, 0, err);
}

void event_destroy(void* driver, void* event) {
  delete static_cast<Event*>(event);
}

const tisa_driver_table_t kTable = {
    .struct_size = sizeof(tisa_driver_table_t),
    .abi_version = TISA_DRIVER_ABI_VERSION,
    .name = "faulty",
    .version = "1.0.0",
    .driver_create = driver_create,
    .driver_destroy = driver_destroy,
    .device_count = device_count,
    .device_get_info = device_get_info,
    .device_supports = device_supports,
    .buffer_create = buffer_create,
    .buffer_destroy = buffer_destroy,
    .buffer_write = buffer_write,
    .buffer_read = buffer_read,
    .executable_create = executable_create,
    .executable_destroy = executable_destroy,
    .launch = launch,
    .event_wait = event_wait,
    .event_destroy = event_destroy,
    .buffer_map = buffer_map,
    .buffer_unmap = buffer_unmap,
    .event_query = event_query,
};

}  // namespace

Driver& driver_of(void* driver) {
  if (!driver) invalid("faulty driver: the driver handle is null");
  return *static_cast<Driver*>(driver);
}

uint8_t* buffer_range(void* buffer, uint64_t offset, uint64_t size) {
  if (!buffer) invalid("faulty driver: the buffer handle is null");
  std::vector<uint8_t>& bytes = static_cast<Buffer*>(buffer)->bytes;
  if (offset > bytes.size() || size > bytes.size() - offset) {
    invalid("faulty driver: {} bytes at offset {} are outside the buffer of {} bytes", size, offset,
            bytes.size());
  }
  return bytes.data() + offset;
}

tisa_drv_status_t current_exception_status(tisa_drv_error_t* err) noexcept {
  auto write = [err](const char* message) {
    if (err) std::snprintf(err->message, sizeof(err->message), "%s", message);
  };
  try {
    throw;
  } catch (const Error& e) {
    write(e.message().c_str());
    return e.code();
  } catch (const std::bad_alloc&) {
    write("faulty driver: out of host memory");
    return TISA_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    write(e.what());
    return TISA_INTERNAL;
  } catch (...) {
    write("faulty driver: unknown exception");
    return TISA_INTERNAL;
  }
}

}  // namespace tisa::faulty

extern "C" TISA_DRIVER_EXPORT tisa_drv_status_t tisa_driver_negotiate(const tisa_loader_info_t* loader,
                                                                      const tisa_driver_table_t** out_table,
                                                                      tisa_drv_error_t* err) {
  return tisa::faulty::guarded(err, [&] {
    if (!loader || !out_table) tisa::invalid("faulty driver: negotiate needs loader info and out_table");
    if (TISA_VERSION_MAJOR(loader->abi_version) != TISA_DRIVER_ABI_MAJOR) {
      tisa::fail(TISA_INCOMPATIBLE, "faulty driver: implements driver ABI {}, the loader speaks {}",
                 TISA_DRIVER_ABI_MAJOR, TISA_VERSION_MAJOR(loader->abi_version));
    }
    *out_table = &tisa::faulty::kTable;
    return TISA_OK;
  });
}
