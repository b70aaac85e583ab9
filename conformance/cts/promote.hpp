// The binary64 oracle: a module with every f32, f16 and bf16 value promoted to f64 (types,
// constants, fill and pad values, cast targets, matmul accumulators), evaluated with the
// reference kernels. For the
// bounded modes it also outputs what their bounds need: the operands of elementwise ops, the
// sum of finite term magnitudes of dot ops, the factor products of product ops.
#pragma once

#include <span>
#include <vector>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/module.hpp"

namespace tisa::cts {

// Where the extras of one output are among the promoted module's outputs (-1: none).
struct OracleExtras {
  std::vector<int> operands;     // elementwise: one output per operand
  int sum_finite = -1;           // dot
  int p_big = -1, p_small = -1;  // product
  int terms = -1;                // scans: terms per element, which differ along the axis
};

struct Oracle64 {
  ir::Module module;
  std::vector<ref::HostTensor> inputs;
  std::vector<OracleExtras> extras;  // per original output
};

// Throws tisa::Error when the module cannot be promoted (a bitcast from or to f32, f16, bf16).
// with_extras: add the outputs the per-op bounds need.
Oracle64 promote_to_f64(const ir::Module& module, std::span<const ref::HostTensor> inputs, bool with_extras);

// An f32, f16 or bf16 tensor as f64 (other dtypes unchanged).
ref::HostTensor promote_tensor(const ref::HostTensor& t);

}  // namespace tisa::cts
