#include "drivers/support/host_launch.hpp"

#include <cstring>

#include "drivers/support/errors.hpp"
#include "drivers/support/launch_args.hpp"

namespace tisa::drv {
namespace {

HostArgument resolve(const tisa_drv_tensor_t& t, const ir::TensorType& declared, TensorRole role) {
  HostArgument arg;
  arg.bytes = check_tensor(t, declared, role, [](void* buffer) { return storage_of(buffer)->size; });
  arg.storage = storage_of(t.buffer);
  arg.offset = t.offset;
  arg.dtype = declared.dtype;
  arg.shape.assign(t.dims, t.dims + t.rank);
  return arg;
}

}  // namespace

HostLaunch resolve_host_launch(const ir::Module& module, const tisa_drv_launch_args_t& args) {
  HostLaunch launch;
  for (uint32_t i = 0; i < args.input_count; ++i) {
    launch.inputs.push_back(resolve(args.inputs[i], module.inputs[i].type, {"input", i}));
  }
  // The binding the inputs imply must be the one the caller states, and fix the outputs.
  launch.symbols = bind_launch_symbols(module, args);
  for (uint32_t i = 0; i < args.output_count; ++i) {
    launch.outputs.push_back(resolve(args.outputs[i], module.value_type(module.outputs[i]), {"output", i}));
    check_output_shape(module, args, i, launch.symbols);
  }
  return launch;
}

std::vector<ref::HostTensor> HostLaunch::read_inputs() const {
  std::vector<ref::HostTensor> tensors(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    tensors[i].dtype = inputs[i].dtype;
    tensors[i].shape = inputs[i].shape;
    tensors[i].data.assign(inputs[i].data(), inputs[i].data() + inputs[i].bytes);
  }
  return tensors;
}

void HostLaunch::write_outputs(std::span<const ref::HostTensor> results) const {
  if (results.size() != outputs.size()) {
    fail(TISA_INTERNAL, "the module computed {} outputs, the launch has {}", results.size(), outputs.size());
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    const HostArgument& out = outputs[i];
    if (results[i].shape != out.shape || results[i].data.size() != out.bytes) {
      fail(TISA_INTERNAL, "output {} came out with another shape", i);
    }
    if (out.bytes) std::memcpy(out.data(), results[i].data.data(), out.bytes);
  }
}

}  // namespace tisa::drv
