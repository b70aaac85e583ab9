#include "drivers/support/launch_args.hpp"

#include <algorithm>
#include <string>

#include <fmt/ranges.h>

#include "drivers/support/errors.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::drv {
namespace {

std::string dtype_name(uint32_t dtype) {
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  return info ? std::string(info->name) : fmt::format("dtype code {}", dtype);
}

// Inputs of a module without symbols have literal dims: compare them without allocating.
void check_literal_inputs(const ir::Module& module, const tisa_drv_launch_args_t& args) {
  for (uint32_t i = 0; i < args.input_count; ++i) {
    const ir::TensorType& type = module.inputs[i].type;
    for (uint32_t d = 0; d < type.rank(); ++d) {
      if (args.inputs[i].dims[d] != type.dims[d].lit_value()) {
        invalid("input {} dim {} is {}, the module expects {}", i, d, args.inputs[i].dims[d],
                type.dims[d].lit_value());
      }
    }
  }
}

}  // namespace

void check_launch_args(const tisa_drv_launch_args_t* args, void** out_event, const ir::Module& module) {
  if (!args || !out_event) invalid("launch needs args and out_event");
  if (args->struct_size < sizeof(tisa_drv_launch_args_t)) {
    invalid("launch args struct_size {} is smaller than {}", args->struct_size,
            sizeof(tisa_drv_launch_args_t));
  }
  if (args->input_count != module.inputs.size() || args->output_count != module.outputs.size() ||
      args->symbol_count != module.symbols.size()) {
    invalid("launch gives {} inputs, {} outputs, {} symbols; the module has {}, {}, {}", args->input_count,
            args->output_count, args->symbol_count, module.inputs.size(), module.outputs.size(),
            module.symbols.size());
  }
  if ((args->input_count && !args->inputs) || (args->output_count && !args->outputs) ||
      (args->symbol_count && !args->symbol_values)) {
    invalid("launch args name tensors or symbols but their arrays are null");
  }
}

uint64_t check_tensor_declaration(const tisa_drv_tensor_t& t, const ir::TensorType& declared,
                                  TensorRole role) {
  if (!t.buffer) invalid("{} {} has no buffer", role.kind, role.index);
  if (t.dtype != static_cast<uint32_t>(declared.dtype)) {
    invalid("{} {} is {}, the module declares {}", role.kind, role.index, dtype_name(t.dtype),
            dtype_name(declared.dtype));
  }
  if (t.rank != declared.rank()) {
    invalid("{} {} has rank {}, the module declares {}", role.kind, role.index, t.rank, declared.rank());
  }
  uint64_t count = 1;
  for (uint32_t d = 0; d < t.rank; ++d) {
    if (t.dims[d] < 0 || t.dims[d] > TISA_MAX_DIM) {
      invalid("{} {} dim {} is {}, outside [0, {}]", role.kind, role.index, d, t.dims[d], TISA_MAX_DIM);
    }
    count = ir::mul_elements(count, static_cast<uint64_t>(t.dims[d]));
    if (count > static_cast<uint64_t>(TISA_MAX_ELEMENTS)) {
      invalid("{} {} has more than {} elements", role.kind, role.index, TISA_MAX_ELEMENTS);
    }
  }
  return count * ir::dtype_size(declared.dtype);
}

void check_tensor_range(const tisa_drv_tensor_t& t, uint64_t bytes, uint64_t buffer_size, TensorRole role) {
  if (t.offset > buffer_size || bytes > buffer_size - t.offset) {
    invalid("{} {} needs {} bytes at offset {}, its buffer has {}", role.kind, role.index, bytes, t.offset,
            buffer_size);
  }
}

std::vector<int64_t> bind_launch_symbols(const ir::Module& module, const tisa_drv_launch_args_t& args) {
  if (module.symbols.empty()) {
    check_literal_inputs(module, args);
    return {};
  }
  std::vector<ir::Shape> input_shapes(args.input_count);
  for (uint32_t i = 0; i < args.input_count; ++i) {
    input_shapes[i].assign(args.inputs[i].dims, args.inputs[i].dims + args.inputs[i].rank);
  }
  std::vector<int64_t> symbols = ir::bind_symbols(module, input_shapes);
  for (uint32_t s = 0; s < args.symbol_count; ++s) {
    if (symbols[s] != args.symbol_values[s]) {
      invalid("symbol {} is {} by the inputs but {} in the launch args", module.symbols[s].name, symbols[s],
              args.symbol_values[s]);
    }
  }
  return symbols;
}

void check_output_shape(const ir::Module& module, const tisa_drv_launch_args_t& args, uint32_t index,
                        std::span<const int64_t> symbols) {
  const tisa_drv_tensor_t& t = args.outputs[index];
  const ir::Shape expected = ir::resolve(module.value_type(module.outputs[index]), symbols);
  if (!std::equal(expected.begin(), expected.end(), t.dims, t.dims + t.rank)) {
    invalid("output {} has shape [{}], the module computes [{}]", index,
            fmt::join(std::span(t.dims, t.rank), ", "), fmt::join(expected, ", "));
  }
}

}  // namespace tisa::drv
