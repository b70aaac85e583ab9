// tisa-onnx: imports an ONNX model into a TISA module (binary or text) and optionally runs it
// on a device through libtisa with .npy or ONNX .pb inputs, as tisa-run runs modules.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "frontends/onnx/importer.hpp"
#include "frontends/onnx/tensor_proto.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "tisa/tisa.hpp"
#include "tools/common/device_run.hpp"
#include "tools/common/file_io.hpp"
#include "tools/common/npy.hpp"
#include "tools/tisa-onnx/options.hpp"

namespace tisa::onnx_tool {
namespace {

using tools::step;

std::string default_output(const Options& o) {
  std::string base = o.model_path;
  if (base.size() > 5 && base.ends_with(".onnx")) base.resize(base.size() - 5);
  return base + (o.text ? ".tisa.txt" : ".tisa");
}

// declared: the model's type for this input (bf16 .pb tensors may hold uint16 bit patterns).
npy::Array read_tensor(const std::string& path, std::optional<tisa_dtype_t> declared) {
  if (path.ends_with(".npy")) return npy::read_file(path);
  const std::vector<uint8_t> bytes = tools::read_all(path);
  onnx::TensorProto proto;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    invalid("{}: not an ONNX TensorProto", path);
  ref::HostTensor host = onnx_import::to_host(proto, path, declared);
  npy::Array a;
  a.dtype = host.dtype;
  a.shape = host.shape;
  a.data = std::move(host.data);
  return a;
}

void write_outputs(const Options& o, const std::vector<npy::Array>& outputs);

void run_module(const Options& o, const std::vector<uint32_t>& words) {
  Instance instance = step("loading drivers", [] { return Instance::create(); });
  Device device = step(
      o.device_selector.empty() ? "picking device 0" : fmt::format("picking device '{}'", o.device_selector),
      [&] { return instance.find_device(o.device_selector); });
  Module module = step("loading the imported module", [&] {
    return Module::load(words.data(), words.size() * sizeof(uint32_t), TISA_FORMAT_BINARY);
  });
  if (o.inputs.size() != module.input_count())
    invalid("{} takes {} input(s) but {} were given", o.model_path, module.input_count(), o.inputs.size());
  std::vector<npy::Array> inputs;
  for (size_t i = 0; i < o.inputs.size(); ++i) {
    const tisa_tensor_type_t want = module.input_type(static_cast<uint32_t>(i));
    inputs.push_back(read_tensor(o.inputs[i], want.dtype));
    if (inputs.back().dtype != want.dtype)
      invalid("{}: input {} has dtype {} but the model expects {}", o.inputs[i], i,
              tisa_dtype_name(inputs.back().dtype), tisa_dtype_name(want.dtype));
  }
  const std::vector<npy::Array> outputs = tools::run_on_device(device, module, o.opt_level, inputs);
  write_outputs(o, outputs);
}

void write_outputs(const Options& o, const std::vector<npy::Array>& outputs) {
  if (!o.output_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.output_dir, ec);
    if (ec) fail(TISA_NOT_FOUND, "{}: cannot create the output folder: {}", o.output_dir, ec.message());
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (!o.output_dir.empty())
      npy::write_file((std::filesystem::path(o.output_dir) / fmt::format("out{}.npy", i)).string(),
                      outputs[i]);
    else
      std::printf("out%zu: %s[%s]\n", i, tisa_dtype_name(outputs[i].dtype),
                  fmt::format("{}", fmt::join(outputs[i].shape, ", ")).c_str());
  }
}

void evaluate_module(const Options& o, const ir::Module& module) {
  if (o.inputs.size() != module.inputs.size())
    invalid("{} takes {} input(s) but {} were given", o.model_path, module.inputs.size(), o.inputs.size());
  std::vector<ref::HostTensor> inputs;
  for (size_t i = 0; i < o.inputs.size(); ++i) {
    npy::Array a = read_tensor(o.inputs[i], module.inputs[i].type.dtype);
    inputs.push_back({a.dtype, a.shape, std::move(a.data)});
  }
  std::vector<npy::Array> outputs;
  for (ref::HostTensor& t : ref::evaluate(module, inputs)) {
    npy::Array a;
    a.dtype = t.dtype;
    a.shape = t.shape;
    a.data = std::move(t.data);
    outputs.push_back(std::move(a));
  }
  write_outputs(o, outputs);
}

int run(const Options& o) {
  onnx_import::ImportOptions options;
  const std::vector<uint8_t> bytes = tools::read_all(o.model_path);
  if (o.specialize) {
    const std::vector<std::string> names = onnx_import::graph_input_names(bytes);
    const auto declared = onnx_import::graph_input_dtypes(bytes);
    for (size_t i = 0; i < names.size() && i < o.inputs.size(); ++i) {
      npy::Array a = read_tensor(o.inputs[i], declared[i]);
      ref::HostTensor t;
      t.dtype = a.dtype;
      t.shape = a.shape;
      t.data = std::move(a.data);
      options.specialize.emplace(names[i], std::move(t));
    }
  }
  ir::Module module;
  try {
    module = onnx_import::import_bytes(bytes, options);
  } catch (const Error& e) {
    throw Error(e.code(), fmt::format("{}: {}", o.model_path, e.message()));
  }
  const std::vector<uint32_t> words = ir::encode(module);
  if (!o.run || !o.output_path.empty()) {
    const std::string path = o.output_path.empty() ? default_output(o) : o.output_path;
    if (o.text) {
      const std::string text = ir::print(module);
      tools::write_all(path,
                       std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    } else {
      tools::write_all(path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(words.data()),
                                                      words.size() * sizeof(uint32_t)));
    }
  }
  if (o.run && o.evaluate)
    evaluate_module(o, module);
  else if (o.run)
    run_module(o, words);
  return 0;
}

}  // namespace
}  // namespace tisa::onnx_tool

int main(int argc, char** argv) {
  try {
    const tisa::onnx_tool::Options options = tisa::onnx_tool::parse_options(argc, argv);
    if (options.help) {
      std::fputs(tisa::onnx_tool::kUsage, stdout);
      return 0;
    }
    return tisa::onnx_tool::run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tisa-onnx: error: %s\n", e.what());
    return 1;
  }
}
