// One instruction being evaluated, and the kernel entry of each op group.
#pragma once

#include <span>
#include <string_view>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ref {

struct Call {
  const ir::Module& module;
  const ir::Inst& inst;
  const ir::OpInfo& op;
  std::span<const HostTensor* const> operands;
  const ir::Shape& out_shape;
  std::span<const int64_t> symbols;  // empty when evaluated alone (evaluate_inst)

  const HostTensor& operand(size_t i) const { return *operands[i]; }
  // A zero-filled result of the instruction's dtype and resolved shape.
  HostTensor result() const;
  // The attribute named name (registry order is looked up by name, never hard-coded).
  const ir::Attr& attr(std::string_view name) const;
  // A shape-expression attribute's values under the binding.
  std::vector<int64_t> exprs(std::string_view name) const;
  [[noreturn]] void unimplemented(tisa_dtype_t dtype) const;
};

// The dtype the op's type variable T stands for: the first T operand's, or the result's when
// the op has no T operand (creation ops). This is what supports() is asked about.
tisa_dtype_t type_variable_dtype(const ir::Module& module, const ir::Inst& inst);

// Whether the kernels implement opcode on dtype: what supports() says (f64, the conformance
// suite's binary64 oracle, is among the dtypes the reference driver claims).
bool kernels_implement(tisa_opcode_t opcode, tisa_dtype_t dtype);

// Evaluates with the symbol binding (needed by shape-expression attributes such as slice start).
HostTensor evaluate_bound(const ir::Module& module, const ir::Inst& inst,
                          std::span<const HostTensor* const> operands, const ir::Shape& out_shape,
                          std::span<const int64_t> symbols);

// The one element a scalar attribute (fill value, pad value) stands for, in dtype's bytes.
std::vector<uint8_t> scalar_attr_element(tisa_dtype_t dtype, uint64_t bits);

HostTensor eval_creation(const Call& call);  // constant fill iota
HostTensor eval_type(const Call& call);      // cast bitcast
HostTensor eval_unary(const Call& call);
HostTensor eval_binary(const Call& call);
HostTensor eval_ternary(const Call& call);  // select
HostTensor eval_reduce(const Call& call);   // reduce_* argmax argmin, and the scans below
HostTensor eval_scan(const Call& call);     // cumsum cumprod cummax cummin
HostTensor eval_matmul(const Call& call);
HostTensor eval_movement(const Call& call);
HostTensor eval_indexing(const Call& call);  // gather scatter

}  // namespace tisa::ref
