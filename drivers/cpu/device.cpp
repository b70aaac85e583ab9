// The one device: the host's cores, running the driver's vector kernels and OpenBLAS.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "drivers/cpu/entry_points.hpp"
#include "drivers/cpu/objects.hpp"
#include "drivers/cpu/status.hpp"
#include "drivers/cpu/support.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cpu {
namespace {

uint64_t host_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  return pages > 0 && page_size > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size) : 0;
}

}  // namespace

tisa_limits_t device_limits() {
  tisa_limits_t limits{};
  limits.max_rank = static_cast<uint32_t>(TISA_MAX_RANK);
  limits.max_dim = TISA_MAX_DIM;
  limits.max_elements = TISA_MAX_ELEMENTS;
  // The spec's element limit at the widest base dtype (8 bytes).
  limits.max_buffer_bytes = static_cast<uint64_t>(TISA_MAX_ELEMENTS) * 8u;
  return limits;
}

uint32_t device_count(void* driver) {
  return driver ? kDeviceCount : 0;
}

tisa_drv_status_t device_get_info(void* driver, uint32_t device, tisa_drv_device_info_t* out,
                                  tisa_drv_error_t* err) {
  return guarded(err, [&] {
    const Driver& self = driver_of(driver);
    check_device(device);
    if (!out) invalid("cpu driver: device_get_info needs an output struct");
    tisa_drv_device_info_t info{};
    info.struct_size = sizeof(info);
    info.isa_version = kDeviceIsaVersion;
    std::snprintf(info.name, sizeof(info.name), "TISA cpu (%u threads, %s)", self.device->pool.size(),
                  self.device->kernels.isa);
    info.kind = TISA_DEVICE_KIND_CPU;
    info.flags = TISA_DEVICE_FLAG_HOST_VISIBLE;  // subnormals are kept: no FTZ/DAZ
    info.extensions = 0;                         // TISA-B only
    info.limits = device_limits();
    info.memory_bytes = host_memory_bytes();
    // An older caller's struct is shorter: fill what it has room for (the layout only grows).
    const size_t size =
        out->struct_size == 0 ? sizeof(info) : std::min<size_t>(out->struct_size, sizeof(info));
    info.struct_size = static_cast<uint32_t>(size);
    std::memcpy(out, &info, size);
    return TISA_OK;
  });
}

int device_supports(void* driver, uint32_t device, uint32_t opcode, uint32_t dtype) {
  if (!driver || device >= kDeviceCount) return 0;
  // Raw numbers from the ABI become enums only once known to be registry values.
  if (!ir::find_op(opcode) || !ir::find_dtype(dtype)) return 0;
  return supports(static_cast<tisa_opcode_t>(opcode), static_cast<tisa_dtype_t>(dtype)) ? 1 : 0;
}

}  // namespace tisa::cpu
