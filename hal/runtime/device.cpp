// tisa_device_get_info, tisa_device_supports, tisa_device_kind_name.
#include <algorithm>
#include <cstring>

#include "hal/ir/registry.hpp"
#include "hal/runtime/c_enum.hpp"
#include "hal/runtime/copy_text.hpp"
#include "hal/runtime/device.hpp"
#include "hal/runtime/status.hpp"

namespace tisa::rt {
namespace {

// A device limit never exceeds the spec's; 0 (unknown) reads as the spec's.
template <typename T>
T clamp_limit(T device, T spec) {
  return device <= 0 || device > spec ? spec : device;
}

}  // namespace

tisa_device_info_t device_info_from_driver(const std::string& driver_name,
                                           const tisa_drv_device_info_t& info) {
  tisa_device_info_t out;
  std::memset(&out, 0, sizeof out);
  out.struct_size = sizeof out;
  out.isa_version = info.isa_version;
  copy_text(out.name, std::string(info.name, strnlen(info.name, sizeof info.name)));
  copy_text(out.driver_name, driver_name);
  // A kind this header does not know reads as 0 ("unknown"), never as an out-of-range enum.
  const bool known_kind = info.kind >= TISA_DEVICE_KIND_CPU && info.kind <= TISA_DEVICE_KIND_SIMULATOR;
  out.kind = known_kind ? static_cast<tisa_device_kind_t>(info.kind) : tisa_device_kind_t{};
  out.flags = info.flags;
  out.extensions = info.extensions;
  copy_text(out.extension_string, ir::extension_string(info.isa_version, info.extensions));
  out.limits = info.limits;
  out.limits.max_rank = clamp_limit<uint32_t>(info.limits.max_rank, TISA_MAX_RANK);
  out.limits.max_dim = clamp_limit<int64_t>(info.limits.max_dim, TISA_MAX_DIM);
  out.limits.max_elements = clamp_limit<int64_t>(info.limits.max_elements, TISA_MAX_ELEMENTS);
  out.limits.max_buffer_bytes = info.limits.max_buffer_bytes;  // 0: no limit stated
  out.memory_bytes = info.memory_bytes;
  return out;
}

}  // namespace tisa::rt

extern "C" {

TISA_API tisa_status_t tisa_device_get_info(tisa_device_t device, tisa_device_info_t* out) {
  return tisa::rt::guarded("tisa_device_get_info", [&] {
    tisa::rt::require(device, "tisa_device_get_info", "device");
    tisa::rt::require(out, "tisa_device_get_info", "out");
    *out = device->info;
  });
}

TISA_API int tisa_device_supports(tisa_device_t device, tisa_opcode_t opcode, tisa_dtype_t dtype) {
  if (device == nullptr) return 0;
  const int64_t op = tisa::rt::raw_enum(opcode), type = tisa::rt::raw_enum(dtype);
  return tisa::rt::guarded_value(0, [&] { return tisa::rt::device_supports(*device, op, type) ? 1 : 0; });
}

TISA_API const char* tisa_device_kind_name(tisa_device_kind_t kind) {
  switch (tisa::rt::raw_enum(kind)) {
    case TISA_DEVICE_KIND_CPU: return "cpu";
    case TISA_DEVICE_KIND_GPU: return "gpu";
    case TISA_DEVICE_KIND_ACCELERATOR: return "accelerator";
    case TISA_DEVICE_KIND_SIMULATOR: return "simulator";
  }
  return "unknown";
}

}  // extern "C"
