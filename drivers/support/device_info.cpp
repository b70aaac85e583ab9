#include "drivers/support/device_info.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "drivers/support/errors.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::drv {

uint64_t host_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  return pages > 0 && page_size > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size) : 0;
}

void copy_device_info(const tisa_drv_device_info_t& info, tisa_drv_device_info_t* out) {
  if (!out) invalid("device_get_info needs an output struct");
  // The layout only grows: an older caller's struct is a prefix of ours.
  const size_t size = out->struct_size == 0 ? sizeof(info) : std::min<size_t>(out->struct_size, sizeof(info));
  tisa_drv_device_info_t copy = info;
  copy.struct_size = static_cast<uint32_t>(size);
  std::memcpy(out, &copy, size);
}

bool registry_supports(uint32_t opcode, uint32_t dtype, bool (*supports)(tisa_opcode_t, tisa_dtype_t)) {
  return ir::find_op(opcode) && ir::find_dtype(dtype) &&
         supports(static_cast<tisa_opcode_t>(opcode), static_cast<tisa_dtype_t>(dtype));
}

}  // namespace tisa::drv
