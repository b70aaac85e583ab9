// Input and output types versus the module: names the argument and the dim at fault.
#include "hal/runtime/signature.hpp"

#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/runtime/c_enum.hpp"

namespace tisa::rt {
namespace {

std::string_view dtype_text(int64_t dtype) {
  const ir::DtypeInfo* info =
      dtype >= 0 && dtype <= UINT32_MAX ? ir::find_dtype(static_cast<uint32_t>(dtype)) : nullptr;
  return info ? info->name : std::string_view("invalid");
}

std::string input_label(const ir::Module& module, size_t i) {
  const std::string& name = module.inputs[i].name;
  return name.empty() ? fmt::format("input {}", i) : fmt::format("input {} ('{}')", i, name);
}

}  // namespace

std::string type_text(const tisa_tensor_type_t& type) {
  std::string text = fmt::format("{}[", dtype_text(raw_enum(type.dtype)));
  for (uint32_t d = 0; d < type.rank && d < TISA_MAX_RANK; ++d) {
    text += fmt::format("{}{}", d ? ", " : "", type.dims[d]);
  }
  return text + "]";
}

std::vector<ir::Shape> input_shapes(const ir::Module& module, std::span<const tisa_tensor_type_t> inputs) {
  if (inputs.size() != module.inputs.size()) {
    invalid("the module takes {} input{} but {} {} given", module.inputs.size(),
            module.inputs.size() == 1 ? "" : "s", inputs.size(), inputs.size() == 1 ? "was" : "were");
  }
  std::vector<ir::Shape> shapes;
  shapes.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const ir::TensorType& expected = module.inputs[i].type;
    const tisa_tensor_type_t& given = inputs[i];
    if (raw_enum(given.dtype) != expected.dtype) {
      invalid("{}: dtype is {} but the module expects {}", input_label(module, i),
              dtype_text(raw_enum(given.dtype)), dtype_text(expected.dtype));
    }
    if (given.rank != expected.rank()) {
      invalid("{}: rank is {} but the module expects rank {}", input_label(module, i), given.rank,
              expected.rank());
    }
    ir::Shape shape(given.dims, given.dims + given.rank);
    for (size_t d = 0; d < shape.size(); ++d) {
      if (shape[d] < 0) invalid("{}: dim {} is negative ({})", input_label(module, i), d, shape[d]);
      if (shape[d] > TISA_MAX_DIM) {
        invalid("{}: dim {} is {}, above the limit {}", input_label(module, i), d, shape[d], TISA_MAX_DIM);
      }
    }
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

Binding bind_inputs(const ir::Module& module, std::span<const tisa_tensor_type_t> inputs) {
  const std::vector<ir::Shape> shapes = input_shapes(module, inputs);
  Binding binding;
  binding.symbols = ir::bind_symbols(module, shapes);
  // Every value, not just the outputs: an intermediate dim may go negative under a binding.
  const std::vector<ir::Shape> all = ir::resolve_all(module, binding.symbols);
  binding.outputs.reserve(module.outputs.size());
  for (const ir::ValueId v : module.outputs) {
    const ir::Shape& shape = all.at(v);
    tisa_tensor_type_t out{};
    out.dtype = module.value_type(v).dtype;
    out.rank = static_cast<uint32_t>(shape.size());
    std::copy(shape.begin(), shape.end(), out.dims);
    binding.outputs.push_back(out);
  }
  return binding;
}

}  // namespace tisa::rt
