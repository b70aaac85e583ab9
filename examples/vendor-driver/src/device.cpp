// The one device: the host CPU, running the elementwise f32 ops and nothing else. It claims no
// extension, and reports its gaps through device_supports, so it does not claim TISA-B.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "kernels.hpp"
#include "objects.hpp"
#include "status.hpp"

namespace vendor {

uint32_t device_count(void* driver) {
  return driver ? 1 : 0;
}

tisa_drv_status_t device_get_info(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                  tisa_drv_error_t* err) {
  return guarded(err, [&] {
    driver_of(driver);
    check_device(device);
    if (!out) invalid("device_get_info needs an output struct");
    tisa_drv_device_info_t info{};
    info.isa_version = TISA_ISA_VERSION;
    std::snprintf(info.name, sizeof(info.name), "%s", "Example vendor device (host, elementwise f32)");
    info.kind = TISA_DEVICE_KIND_CPU;
    info.flags = TISA_DEVICE_FLAG_HOST_VISIBLE;
    info.extensions = 0;
    info.limits.max_rank = static_cast<uint32_t>(TISA_MAX_RANK);
    info.limits.max_dim = TISA_MAX_DIM;
    info.limits.max_elements = TISA_MAX_ELEMENTS;
    info.limits.max_buffer_bytes = static_cast<uint64_t>(TISA_MAX_ELEMENTS) * 8u;
    info.memory_bytes = 0;  // unknown
    // An older caller's struct is shorter: fill only what it has room for.
    const size_t size =
        out->struct_size == 0 ? sizeof(info) : std::min<size_t>(out->struct_size, sizeof(info));
    info.struct_size = static_cast<uint32_t>(size);
    std::memcpy(out, &info, size);
    return TISA_OK;
  });
}

int device_supports(void* driver, uint32_t device, uint32_t opcode, uint32_t dtype) {
  if (!driver || device != 0) return 0;
  return dtype == TISA_DTYPE_F32 && find_kernel(opcode) != nullptr ? 1 : 0;
}

}  // namespace vendor
