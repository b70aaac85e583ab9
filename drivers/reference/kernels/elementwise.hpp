// Elementwise maps shared by the unary, binary and select kernels.
#pragma once

#include "drivers/reference/kernels/tensor_access.hpp"

namespace tisa::ref {

// out[i] = fn(x[i]); In and Out are C types.
template <class In, class Out, class F>
void map_unary(const HostTensor& x, HostTensor& out, F&& fn) {
  const int64_t count = ir::element_count(x.shape);
  for (int64_t i = 0; i < count; ++i) store<Out>(out, i, fn(load<In>(x, i)));
}

// out[i] = fn(a[i], b[i]); a and b have equal shapes (the verifier checked).
template <class In, class Out, class F>
void map_binary(const HostTensor& a, const HostTensor& b, HostTensor& out, F&& fn) {
  const int64_t count = ir::element_count(a.shape);
  for (int64_t i = 0; i < count; ++i) store<Out>(out, i, fn(load<In>(a, i), load<In>(b, i)));
}

}  // namespace tisa::ref
