#include "tools/tisa-run/print.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "hal/ir/narrow_float.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::run {
namespace {

template <typename T>
T load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::string element(tisa_dtype_t dtype, const uint8_t* p) {
  switch (dtype) {
    case TISA_DTYPE_BOOL: return *p ? "true" : "false";
    case TISA_DTYPE_I8: return fmt::format("{}", load<int8_t>(p));
    case TISA_DTYPE_U8: return fmt::format("{}", load<uint8_t>(p));
    case TISA_DTYPE_I32: return fmt::format("{}", load<int32_t>(p));
    case TISA_DTYPE_I64: return fmt::format("{}", load<int64_t>(p));
    case TISA_DTYPE_F32: return fmt::format("{}", load<float>(p));
    case TISA_DTYPE_F64: return fmt::format("{}", load<double>(p));
    // Exact in double; printed as the shortest double that reads back to the same value.
    case TISA_DTYPE_F16: return fmt::format("{}", ir::f16_to_double(load<uint16_t>(p)));
    case TISA_DTYPE_BF16: return fmt::format("{}", ir::bf16_to_double(load<uint16_t>(p)));
    default: {  // a dtype this printer does not know: its bits
      uint64_t bits = 0;
      std::memcpy(&bits, p, std::min<size_t>(ir::dtype_size(dtype), sizeof bits));
      return fmt::format("{:#x}", bits);
    }
  }
}

}  // namespace

std::string describe(const npy::Array& array, size_t max_values) {
  const ir::DtypeInfo* info = ir::find_dtype(array.dtype);
  const size_t size = ir::dtype_size(array.dtype);
  std::string out = fmt::format("{}[{}] = [", info ? info->name : "invalid", fmt::join(array.shape, ", "));
  const uint64_t count = array.element_count();
  for (uint64_t i = 0; i < count && i < max_values; ++i)
    out += (i ? ", " : "") + element(array.dtype, array.data.data() + i * size);
  if (count > max_values) out += fmt::format(", ... ({} values)", count);
  return out + "]";
}

}  // namespace tisa::run
