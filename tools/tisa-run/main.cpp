// tisa-run: loads a module, binds its symbols from .npy inputs, runs it on a device through
// libtisa and writes (or prints) the outputs. All checks of the arguments against the module
// are libtisa's; this tool adds the file names to its messages.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "hal/ir/error.hpp"
#include "tisa/tisa.hpp"
#include "tools/common/device_run.hpp"
#include "tools/common/npy.hpp"
#include "tools/tisa-run/options.hpp"
#include "tools/tisa-run/print.hpp"

namespace tisa::run {
namespace {

using tools::step;
using tools::tensor_type_of;

std::string type_string(const tisa_tensor_type_t& type) {
  std::string dims;
  for (uint32_t i = 0; i < type.rank && i < TISA_MAX_RANK; ++i)
    dims += fmt::format("{}{}", i ? ", " : "", type.dims[i] < 0 ? "?" : std::to_string(type.dims[i]));
  return fmt::format("{}[{}]", tisa_dtype_name(type.dtype), dims);
}

std::vector<npy::Array> read_inputs(const Options& o, const Module& module) {
  const uint32_t expected = module.input_count();
  if (o.inputs.size() != expected) {
    std::string types;
    for (uint32_t i = 0; i < expected; ++i)
      types += fmt::format("{}{}", i ? ", " : "", type_string(module.input_type(i)));
    invalid("{} takes {} input{}{}{} but {} {} given", o.module_path, expected, expected == 1 ? "" : "s",
            expected ? " " : "", types, o.inputs.size(), o.inputs.size() == 1 ? "was" : "were");
  }
  std::vector<npy::Array> arrays;
  for (uint32_t i = 0; i < expected; ++i) {
    npy::Array array = npy::read_file(o.inputs[i]);
    const tisa_tensor_type_t want = module.input_type(i);
    if (array.dtype != want.dtype)
      invalid("{}: input {} has dtype {} but the module expects {}", o.inputs[i], i,
              tisa_dtype_name(array.dtype), type_string(want));
    arrays.push_back(std::move(array));
  }
  return arrays;
}

std::vector<std::string> output_paths(const Options& o, uint32_t count) {
  if (!o.outputs.empty()) {
    if (o.outputs.size() != count)
      invalid("{} has {} output{} but {} --output name{} given", o.module_path, count, count == 1 ? "" : "s",
              o.outputs.size(), o.outputs.size() == 1 ? " was" : "s were");
    return o.outputs;
  }
  std::vector<std::string> paths;
  if (o.output_dir.empty()) return paths;
  std::error_code ec;
  std::filesystem::create_directories(o.output_dir, ec);
  if (ec) fail(TISA_NOT_FOUND, "{}: cannot create the output folder: {}", o.output_dir, ec.message());
  for (uint32_t i = 0; i < count; ++i)
    paths.push_back((std::filesystem::path(o.output_dir) / fmt::format("out{}.npy", i)).string());
  return paths;
}

int run(const Options& o) {
  Instance instance = step("loading drivers", [] { return Instance::create(); });
  Device device = step(
      o.device_selector.empty() ? "picking device 0" : fmt::format("picking device '{}'", o.device_selector),
      [&] { return instance.find_device(o.device_selector); });
  Module module =
      step(fmt::format("loading {}", o.module_path), [&] { return Module::load_file(o.module_path); });

  std::vector<npy::Array> inputs = read_inputs(o, module);
  const std::vector<std::string> paths = output_paths(o, module.output_count());
  std::vector<double> launch_ms;
  const std::vector<npy::Array> outputs =
      tools::run_on_device(device, module, o.opt_level, inputs, o.repeat, &launch_ms);
  for (size_t i = 0; i < outputs.size(); ++i) {
    const npy::Array& out = outputs[i];
    if (!paths.empty()) npy::write_file(paths[i], out);
    if (o.print) std::printf("out%zu: %s\n", i, describe(out).c_str());
  }
  if (!launch_ms.empty()) {
    std::sort(launch_ms.begin(), launch_ms.end());
    std::printf(
        "timing: %zu launches after the first, each launched and waited for: median %.3f ms, min %.3f ms\n",
        launch_ms.size(), launch_ms[launch_ms.size() / 2], launch_ms.front());
  }
  return 0;
}

}  // namespace
}  // namespace tisa::run

int main(int argc, char** argv) {
  try {
    const tisa::run::Options options = tisa::run::parse_options(argc, argv);
    if (options.help) {
      std::fputs(tisa::run::kUsage, stdout);
      return 0;
    }
    return tisa::run::run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tisa-run: error: %s\n", e.what());
    return 1;
  }
}
