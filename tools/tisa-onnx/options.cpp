#include "tools/tisa-onnx/options.hpp"

#include <string_view>

#include "hal/ir/error.hpp"

namespace tisa::onnx_tool {

const char* const kUsage =
    "usage: tisa-onnx MODEL.onnx [-o OUT.tisa] [--text]\n"
    "                 [--run [--driver NAME | --device SEL] [-O0..-O3] --input X.npy|X.pb ...\n"
    "                  [--output-dir DIR]]\n"
    "Imports an ONNX model (opsets 7-17) into a TISA module and optionally runs it.\n"
    "  -o OUT          the module file (default: MODEL with .onnx replaced by .tisa, or\n"
    "                  .tisa.txt with --text; with --run nothing is written unless -o is given)\n"
    "  --text          write the text form instead of the binary form\n"
    "  --run           run the module on a device with the given inputs\n"
    "  --driver NAME   the first device of driver NAME (e.g. reference)\n"
    "  --device SEL    a device index (0), a driver name, or driver:N\n"
    "  --input F ...   the graph inputs in order: .npy files or ONNX TensorProto .pb files\n"
    "  --output-dir D  write D/out0.npy, D/out1.npy, ... (else the outputs are printed)\n"
    "  --evaluate      with --run: use the in-process reference evaluator (tisa::ref), no driver\n"
    "  --specialize    also use the --input values at import where an op needs a constant\n"
    "                  (a Reshape's shape, reduction axes, Resize scales): the module is then\n"
    "                  valid for those values only\n";

namespace {

bool is_tensor_name(std::string_view arg) {
  return (arg.size() > 4 && arg.ends_with(".npy")) || (arg.size() > 3 && arg.ends_with(".pb"));
}

}  // namespace

Options parse_options(int argc, char** argv) {
  Options o;
  bool have_driver = false, have_device = false;
  auto value = [&](int& i, std::string_view flag) -> std::string {
    if (i + 1 >= argc) invalid("{} needs a value", flag);
    return argv[++i];
  };
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
    } else if (arg == "-o") {
      o.output_path = value(i, arg);
    } else if (arg == "--text") {
      o.text = true;
    } else if (arg == "--evaluate") {
      o.evaluate = true;
    } else if (arg == "--specialize") {
      o.specialize = true;
    } else if (arg == "--run") {
      o.run = true;
    } else if (arg == "--driver") {
      o.device_selector = value(i, arg);
      have_driver = true;
    } else if (arg == "--device") {
      o.device_selector = value(i, arg);
      have_device = true;
    } else if (arg.size() == 3 && arg.starts_with("-O") && arg[2] >= '0' && arg[2] <= '3') {
      o.opt_level = static_cast<tisa_opt_level_t>(arg[2] - '0');
    } else if (arg == "--input" || arg == "-i") {
      const size_t before = o.inputs.size();
      while (i + 1 < argc && is_tensor_name(argv[i + 1])) o.inputs.emplace_back(argv[++i]);
      if (o.inputs.size() == before) invalid("{} needs one or more .npy or .pb file names", arg);
    } else if (arg == "--output-dir") {
      o.output_dir = value(i, arg);
    } else if (arg.size() > 1 && arg[0] == '-') {
      invalid("unknown option '{}' (see --help)", arg);
    } else if (o.model_path.empty()) {
      o.model_path = arg;
    } else {
      invalid("unexpected argument '{}': the model is '{}'; inputs go after --input", arg, o.model_path);
    }
  }
  if (o.help) return o;
  if (o.model_path.empty()) invalid("no model given (see --help)");
  if (have_driver && have_device) invalid("--driver and --device both pick the device; give one");
  if (o.evaluate && (have_driver || have_device)) invalid("--evaluate runs without a device; drop --driver / --device");
  if (o.evaluate && !o.run) invalid("--evaluate needs --run");
  if (o.specialize && o.inputs.empty()) invalid("--specialize needs --input");
  if (!o.run && (!o.output_dir.empty() || have_driver || have_device))
    invalid("--output-dir, --driver and --device need --run");
  return o;
}

}  // namespace tisa::onnx_tool
