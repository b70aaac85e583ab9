#include "tools/tisa-run/options.hpp"

#include <cstdlib>
#include <string_view>

#include "hal/ir/error.hpp"

namespace tisa::run {

const char* const kUsage =
    "usage: tisa-run MODULE [--driver NAME | --device SEL] [-O0|-O1|-O2|-O3]\n"
    "                [--input FILE.npy ...] [--output-dir DIR | --output FILE.npy ...] [--print]\n"
    "                [--repeat N]\n"
    "Runs a TISA module (binary or text) on a device and writes its outputs as .npy files.\n"
    "  --driver NAME      the first device of driver NAME (e.g. reference)\n"
    "  --device SEL       a device index (0), a driver name, or driver:N\n"
    "  -O0..-O3           optimization level (default -O1)\n"
    "  --input F.npy ...  the module's inputs, in order (symbols bind from their shapes)\n"
    "  --output-dir DIR   write DIR/out0.npy, DIR/out1.npy, ...\n"
    "  --output F.npy ... one file name per output\n"
    "  --print            print each output's shape, dtype and first values\n"
    "  --repeat N         time N more launches after the first (which may compile kernels)\n"
    "With neither --output nor --output-dir the outputs are printed, not written.\n"
    "numpy has no bfloat16: a bf16 array is a uint16 (<u2) .npy of its bits, both ways.\n"
    "Drivers are found as libtisa finds them (TISA_DRIVER_FILES, TISA_DRIVERS_SELECT, ...).\n";

namespace {

bool is_npy_name(std::string_view arg) {
  return arg.size() > 4 && arg.ends_with(".npy");
}

}  // namespace

Options parse_options(int argc, char** argv) {
  Options o;
  bool have_driver = false, have_device = false;
  auto value = [&](int& i, std::string_view flag) -> std::string {
    if (i + 1 >= argc) invalid("{} needs a value", flag);
    return argv[++i];
  };
  // --input and --output take every following argument that names a .npy file.
  auto npy_list = [&](int& i, std::string_view flag, std::vector<std::string>& into) {
    const size_t before = into.size();
    while (i + 1 < argc && is_npy_name(argv[i + 1])) into.emplace_back(argv[++i]);
    if (into.size() == before) invalid("{} needs one or more .npy file names", flag);
  };
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
    } else if (arg == "--driver") {
      o.device_selector = value(i, arg);
      have_driver = true;
    } else if (arg == "--device") {
      o.device_selector = value(i, arg);
      have_device = true;
    } else if (arg.size() == 3 && arg.starts_with("-O") && arg[2] >= '0' && arg[2] <= '3') {
      o.opt_level = static_cast<tisa_opt_level_t>(arg[2] - '0');
    } else if (arg == "--input" || arg == "-i") {
      npy_list(i, arg, o.inputs);
    } else if (arg == "--output" || arg == "-o") {
      npy_list(i, arg, o.outputs);
    } else if (arg == "--output-dir") {
      o.output_dir = value(i, arg);
    } else if (arg == "--print") {
      o.print = true;
    } else if (arg == "--repeat") {
      const std::string n = value(i, arg);
      char* end = nullptr;
      const long count = std::strtol(n.c_str(), &end, 10);
      if (n.empty() || *end != '\0' || count < 1 || count > 1000000)
        invalid("--repeat needs a count from 1 to 1000000, not '{}'", n);
      o.repeat = static_cast<int>(count);
    } else if (arg.size() > 1 && arg[0] == '-') {
      invalid("unknown option '{}' (see --help)", arg);
    } else if (o.module_path.empty()) {
      o.module_path = arg;
    } else {
      invalid("unexpected argument '{}': the module is '{}'; inputs go after --input", arg, o.module_path);
    }
  }
  if (o.help) return o;
  if (o.module_path.empty()) invalid("no module given (see --help)");
  if (have_driver && have_device) invalid("--driver and --device both pick the device; give one");
  if (!o.outputs.empty() && !o.output_dir.empty())
    invalid("--output and --output-dir both name the outputs; give one");
  if (o.outputs.empty() && o.output_dir.empty()) o.print = true;
  return o;
}

}  // namespace tisa::run
