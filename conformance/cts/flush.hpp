// Subnormal flushing (spec 4.4): a device that declares TISA_DEVICE_FLAG_FLUSH_SUBNORMALS may read
// each subnormal operand of a computing op as a zero of the same sign and write each subnormal
// result as one. The judge accepts, per element, what conforms either way.
#pragma once

#include <vector>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/module.hpp"

namespace tisa::cts {

// Whether v, a value of the float dtype, is subnormal (non-zero and below the least normal).
bool is_subnormal(tisa_dtype_t dtype, double v);
// Whether any float element of the tensors is subnormal.
bool has_subnormals(const std::vector<ref::HostTensor>& tensors);
// The tensors with every subnormal float element replaced by a zero of its sign.
std::vector<ref::HostTensor> flush_subnormals(std::vector<ref::HostTensor> tensors);
// Whether inst only copies bits (spec 4.1): such ops never flush, even on a flushing device.
bool copies_bits(const ir::Inst& inst);

}  // namespace tisa::cts
