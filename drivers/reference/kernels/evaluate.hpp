// The reference semantics of every base primitive, on the base dtypes and those of Xf16, Xbf16
// and Xf64: the executable specification.
// Written for clarity, not speed. Used by the reference driver, by constant folding and by the
// conformance suite as its oracle.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "hal/ir/bind.hpp"
#include "hal/ir/module.hpp"

namespace tisa::ref {

// A dense row-major tensor owned by the host.
struct HostTensor {
  tisa_dtype_t dtype = TISA_DTYPE_INVALID;
  ir::Shape shape;
  std::vector<uint8_t> data;  // element_count * dtype_size bytes
};

// Evaluates one verified instruction on concrete operands; out_shape is its resolved shape.
// Throws tisa::Error on a dtype the reference does not implement (UNIMPLEMENTED).
HostTensor evaluate_inst(const ir::Module& module, const ir::Inst& inst,
                         std::span<const HostTensor* const> operands, const ir::Shape& out_shape);

// Evaluates a verified module: binds the symbols from the inputs' shapes, runs every
// instruction in order, returns the outputs.
std::vector<HostTensor> evaluate(const ir::Module& module, std::span<const HostTensor> inputs);

// Whether the reference implements opcode on dtype: every base op on every dtype of TISA-B,
// Xf16, Xbf16 and Xf64 its registry constraints allow.
bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype);
// Whether the reference implements dtype (the base dtypes, f16, bf16, f64).
bool implements_dtype(tisa_dtype_t dtype);

}  // namespace tisa::ref
