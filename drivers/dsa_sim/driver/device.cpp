// The one device: the simulated accelerator, named after its description. Its memory is host
// memory (the simulator's DRAM), so buffers are host-visible.
#include <cstdio>

#include "drivers/dsa_sim/driver/description.hpp"
#include "drivers/reference/kernels/evaluate.hpp"
#include "drivers/support/device_info.hpp"
#include "drivers/support/limits.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::dsa {

bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype) {
  // No dtype extension is claimed: f16, bf16 and f64 have no timing model yet.
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  return info && info->extension == TISA_EXT_BASE && ref::supports(opcode, dtype);
}

tisa_drv_device_info_t Description::device_info(const Driver& driver, uint32_t /*device*/) {
  const Arch& a = driver.arch;
  tisa_drv_device_info_t info{};
  info.isa_version = TISA_ISA_VERSION;
  std::snprintf(info.name, sizeof(info.name), "TISA DSA simulator (%s: %u x %ux%u %s)", a.name.c_str(),
                a.cores, a.rows, a.cols, std::string(dataflow_name(a.dataflow)).c_str());
  info.kind = TISA_DEVICE_KIND_SIMULATOR;
  info.flags = TISA_DEVICE_FLAG_HOST_VISIBLE;
  info.extensions = 0;  // TISA-B only
  info.limits = drv::spec_limits();
  info.memory_bytes = drv::host_memory_bytes();
  return info;
}

}  // namespace tisa::dsa
