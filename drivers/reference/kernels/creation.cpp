// constant, fill, iota.
#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/convert.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"
#include "hal/ir/error.hpp"

namespace tisa::ref {
namespace {

HostTensor constant(const Call& c) {
  const int64_t index = c.attr("data").i;
  if (index < 0 || static_cast<size_t>(index) >= c.module.constants.size()) {
    invalid("constant: payload {} does not exist (the module has {})", index, c.module.constants.size());
  }
  const std::vector<uint8_t>& payload = c.module.constants[static_cast<size_t>(index)];
  HostTensor out = c.result();
  if (payload.size() != out.data.size()) {
    invalid("constant: payload {} holds {} bytes, the shape and dtype need {}", index, payload.size(),
            out.data.size());
  }
  out.data = payload;
  return out;
}

// The scalar attribute holds the value's bits in the result dtype: read its low bytes.
std::vector<uint8_t> scalar_element(tisa_dtype_t dtype, uint64_t bits) {
  std::vector<uint8_t> element(ir::dtype_size(dtype));
  for (size_t k = 0; k < element.size(); ++k) element[k] = static_cast<uint8_t>(bits >> (8 * k));
  if (dtype == TISA_DTYPE_BOOL) element[0] = element[0] != 0;
  return element;
}

HostTensor fill(const Call& c) {
  HostTensor out = c.result();
  const std::vector<uint8_t> element = scalar_element(out.dtype, c.attr("value").bits);
  for (size_t at = 0; at < out.data.size(); at += element.size()) {
    std::memcpy(out.data.data() + at, element.data(), element.size());
  }
  return out;
}

HostTensor iota(const Call& c) {
  HostTensor out = c.result();
  const auto axis = static_cast<size_t>(c.attr("axis").i);
  return dispatch(out.dtype, c.op.name, [&](auto d) -> HostTensor {
    using D = decltype(d);
    if constexpr (is_bool<D>) {
      c.unimplemented(D::code);
    } else {
      // Each element is its index along axis, converted as cast converts an i64.
      for_each_index(out.shape, [&](const std::vector<int64_t>& index, int64_t linear) {
        store(out, linear, convert<D, Dtype<TISA_DTYPE_I64>>(index[axis]));
      });
      return out;
    }
  });
}

}  // namespace

std::vector<uint8_t> scalar_attr_element(tisa_dtype_t dtype, uint64_t bits) {
  return scalar_element(dtype, bits);
}

HostTensor eval_creation(const Call& c) {
  switch (c.inst.op) {
    case TISA_OP_CONSTANT: return constant(c);
    case TISA_OP_FILL: return fill(c);
    case TISA_OP_IOTA: return iota(c);
    default: break;
  }
  c.unimplemented(c.inst.type.dtype);
}

}  // namespace tisa::ref
