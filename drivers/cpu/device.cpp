// The one device: the host's cores, running the driver's vector kernels and OpenBLAS.
#include <cstdio>

#include "drivers/cpu/description.hpp"
#include "drivers/support/device_info.hpp"

namespace tisa::cpu {

tisa_drv_device_info_t Description::device_info(const Driver& self, uint32_t /*device*/) {
  tisa_drv_device_info_t info{};
  info.isa_version = kDeviceIsaVersion;
  std::snprintf(info.name, sizeof(info.name), "TISA cpu (%u threads, %s)", self.device->pool.size(),
                self.device->kernels.isa);
  info.kind = TISA_DEVICE_KIND_CPU;
  info.flags = TISA_DEVICE_FLAG_HOST_VISIBLE;  // subnormals are kept: no FTZ/DAZ
  info.extensions = 0;                         // TISA-B only
  info.limits = drv::spec_limits();
  info.memory_bytes = drv::host_memory_bytes();
  return info;
}

}  // namespace tisa::cpu
