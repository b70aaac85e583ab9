// What the Vulkan device tests share: an instance whose driver plans for a chosen target, and a
// launch of a module on dense inputs read back as one output.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "tisa/tisa.hpp"

namespace tisa_test {

// The vulkan driver planning for `target`: "" the device's own plans, "gpu" or "cpu". The driver
// reads TISA_VULKAN_TARGET when it creates its devices, so the variable is unset again after.
inline tisa::Instance instance_for_target(const std::string& target) {
  if (target.empty()) {
    unsetenv("TISA_VULKAN_TARGET");
  } else {
    setenv("TISA_VULKAN_TARGET", target.c_str(), 1);
  }
  tisa::Instance instance = tisa::Instance::create(TISA_TEST_VULKAN_MANIFEST);
  unsetenv("TISA_VULKAN_TARGET");
  return instance;
}

// Launches `text` on dense inputs (data[k] of dims[k], all of in_dtype) and returns its one
// output, of out_dtype and out_dims.
template <typename Out, typename In>
std::vector<Out> run_module(const tisa::Device& device, const std::string& text,
                            const std::vector<std::vector<In>>& data, const std::vector<std::vector<int64_t>>& dims,
                            tisa_dtype_t in_dtype, tisa_dtype_t out_dtype, const std::vector<int64_t>& out_dims,
                            tisa_opt_level_t level = TISA_OPT_O0) {
  const tisa::Executable exe = tisa::Executable::create(device, tisa::Module::load(text), level);
  std::vector<tisa::Buffer> buffers;
  std::vector<tisa_tensor_t> inputs;
  for (size_t k = 0; k < data.size(); ++k) {
    buffers.push_back(tisa::Buffer::create(device, data[k].size() * sizeof(In) + 16));
    buffers.back().write(data[k]);
    inputs.push_back(tisa::tensor(buffers.back(), tisa::tensor_type(in_dtype, dims[k])));
  }
  int64_t count = 1;
  for (int64_t d : out_dims) count *= d;
  tisa::Buffer out = tisa::Buffer::create(device, static_cast<uint64_t>(count) * sizeof(Out) + 16);
  exe.launch(inputs, {tisa::tensor(out, tisa::tensor_type(out_dtype, out_dims))});
  return out.read<Out>(static_cast<size_t>(count));
}

}  // namespace tisa_test
