#include "tools/common/device_run.hpp"

#include <algorithm>
#include <chrono>

namespace tisa::tools {

tisa_tensor_type_t tensor_type_of(const npy::Array& array) {
  tisa_tensor_type_t type{};
  type.dtype = array.dtype;
  type.rank = static_cast<uint32_t>(array.shape.size());
  for (size_t i = 0; i < array.shape.size(); ++i) type.dims[i] = array.shape[i];
  return type;
}

std::vector<npy::Array> run_on_device(const Device& device, const Module& module, tisa_opt_level_t opt_level,
                                      const std::vector<npy::Array>& inputs, int repeat,
                                      std::vector<double>* launch_ms) {
  std::vector<tisa_tensor_type_t> input_types;
  for (const auto& a : inputs) input_types.push_back(tensor_type_of(a));
  const std::vector<tisa_tensor_type_t> output_types =
      step("binding the inputs' shapes", [&] { return module.infer_outputs(input_types); });
  Executable executable =
      step("compiling for the device", [&] { return Executable::create(device, module, opt_level); });

  // Buffers are at least one byte: an empty tensor still needs a handle.
  std::vector<Buffer> buffers;
  std::vector<tisa_tensor_t> in_args, out_args;
  step("uploading the inputs", [&] {
    for (size_t i = 0; i < inputs.size(); ++i) {
      buffers.push_back(Buffer::create(device, std::max<uint64_t>(inputs[i].data.size(), 1)));
      if (!inputs[i].data.empty()) buffers.back().write(inputs[i].data.data(), inputs[i].data.size());
      in_args.push_back(tensor(buffers.back(), input_types[i]));
    }
    for (const auto& type : output_types) {
      buffers.push_back(Buffer::create(device, std::max<uint64_t>(byte_size(type), 1)));
      out_args.push_back(tensor(buffers.back(), type));
    }
    return 0;
  });
  step("launching", [&] { return executable.launch_async(in_args, out_args).wait(); });
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    step("launching again", [&] { return executable.launch_async(in_args, out_args).wait(); });
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    if (launch_ms) launch_ms->push_back(took.count());
  }

  std::vector<npy::Array> outputs;
  for (size_t i = 0; i < output_types.size(); ++i) {
    npy::Array out;
    out.dtype = output_types[i].dtype;
    out.shape.assign(output_types[i].dims, output_types[i].dims + output_types[i].rank);
    out.data.resize(byte_size(output_types[i]));
    const Buffer& buffer = buffers[inputs.size() + i];
    step(fmt::format("reading output {}", i), [&] {
      if (!out.data.empty()) buffer.read(out.data.data(), out.data.size());
      return 0;
    });
    outputs.push_back(std::move(out));
  }
  return outputs;
}

}  // namespace tisa::tools
