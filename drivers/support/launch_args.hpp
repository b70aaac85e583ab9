// launch()'s argument checks that do not depend on how a driver keeps its memory: the struct,
// the counts, each tensor against the module's declaration, the symbol binding and the output
// shapes. A driver says how a buffer handle resolves to its size; the rest is here.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::drv {

// Throws unless args and out_event are given, args' struct_size covers the 1.0 struct, the
// counts equal the module's, and every non-empty array is non-null.
void check_launch_args(const tisa_drv_launch_args_t* args, void** out_event, const ir::Module& module);

// Which tensor a message is about: "input 0", "output 2".
struct TensorRole {
  const char* kind;
  uint32_t index;
};

// Checks a tensor against its declaration: it has a buffer, the declared dtype and rank, dims in
// [0, TISA_MAX_DIM] and at most TISA_MAX_ELEMENTS elements. Returns its size in bytes.
uint64_t check_tensor_declaration(const tisa_drv_tensor_t& t, const ir::TensorType& declared,
                                  TensorRole role);

// Throws unless the tensor's bytes [offset, offset + bytes) lie inside its buffer.
void check_tensor_range(const tisa_drv_tensor_t& t, uint64_t bytes, uint64_t buffer_size, TensorRole role);

// Both checks; buffer_size(void* buffer) -> uint64_t is how the driver sizes a buffer handle.
template <class BufferSize>
uint64_t check_tensor(const tisa_drv_tensor_t& t, const ir::TensorType& declared, TensorRole role,
                      BufferSize&& buffer_size) {
  const uint64_t bytes = check_tensor_declaration(t, declared, role);
  check_tensor_range(t, bytes, buffer_size(t.buffer), role);
  return bytes;
}

// The symbol binding the inputs imply, checked against args.symbol_values; it fixes the output
// shapes. A module without symbols has literal input dims: they are compared without
// allocating, and the binding is empty. Call after checking the inputs.
std::vector<int64_t> bind_launch_symbols(const ir::Module& module, const tisa_drv_launch_args_t& args);

// Throws unless output `index` has the shape the module computes under symbols.
void check_output_shape(const ir::Module& module, const tisa_drv_launch_args_t& args, uint32_t index,
                        std::span<const int64_t> symbols);

}  // namespace tisa::drv
