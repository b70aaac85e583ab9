#include "conformance/cts/flush.hpp"

#include <cmath>

#include "conformance/cts/float_format.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {

bool is_subnormal(tisa_dtype_t dtype, double v) {
  const FloatFormat* f = float_format(dtype);
  return f && v != 0.0 && std::fabs(v) < f->least_normal();
}

bool has_subnormals(const std::vector<ref::HostTensor>& tensors) {
  for (const ref::HostTensor& t : tensors) {
    if (!float_format(t.dtype)) continue;
    const size_t size = ir::dtype_size(t.dtype);
    for (size_t at = 0; at < t.data.size(); at += size) {
      if (is_subnormal(t.dtype, load_float(t.dtype, t.data.data() + at))) return true;
    }
  }
  return false;
}

std::vector<ref::HostTensor> flush_subnormals(std::vector<ref::HostTensor> tensors) {
  for (ref::HostTensor& t : tensors) {
    if (!float_format(t.dtype)) continue;
    const size_t size = ir::dtype_size(t.dtype);
    for (size_t at = 0; at < t.data.size(); at += size) {
      const double v = load_float(t.dtype, t.data.data() + at);
      if (is_subnormal(t.dtype, v)) store_float(t.dtype, t.data.data() + at, std::copysign(0.0, v));
    }
  }
  return tensors;
}

bool copies_bits(const ir::Inst& inst) {
  const ir::OpInfo* op = ir::find_op(inst.op);
  if (!op) return false;
  if (op->numerics == TISA_NUMERICS_COPY) return true;
  // scatter copies in mode `set` only, so its numerics cannot say so for every mode.
  const int mode = ir::attr_index(*op, "mode");
  if (mode < 0) return false;
  const int64_t value = inst.attrs[static_cast<size_t>(mode)].i;
  return value >= 0 && static_cast<size_t>(value) < op->enum_values.size() &&
         op->enum_values[static_cast<size_t>(value)] == "set";
}

}  // namespace tisa::cts
