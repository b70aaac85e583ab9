#include "tools/tisa-dsa/options.hpp"

#include <charconv>
#include <string_view>

#include "hal/ir/error.hpp"

namespace tisa::tools::dsa {
namespace {

uint64_t parse_u64(std::string_view text, std::string_view what) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) invalid("{}: '{}' is not a number", what, text);
  return value;
}

}  // namespace

const char* usage() {
  return "usage: tisa-dsa [options] MODULE.tisa|MODULE.bin\n"
         "       tisa-dsa [options] --gemm MxNxK\n"
         "Runs the module on the simulated accelerator and prints the launch report.\n"
         "  --arch NAME|FILE    preset or JSON description (repeat to compare; default scalesim-32x32)\n"
         "  --dim SYMBOL=VALUE  value of a symbolic input dim (default: its upper bound)\n"
         "  --gemm MxNxK        time one f32 GEMM instead of a module (no values computed)\n"
         "  --scalesim          SCALE-Sim's CALC mode: DMA is free (unlimited bandwidth)\n"
         "  --json FILE         the report(s) as JSON (an array when comparing)\n"
         "  --trace FILE        Chrome trace-event timeline of the first accelerator\n"
         "  --commands FILE     the command stream of the first accelerator as text ('-': stdout)\n"
         "  --list-presets      print the built-in accelerators as JSON\n";
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) invalid("{} needs a value", arg);
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      o.help = true;
    } else if (arg == "--arch") {
      o.arches.push_back(value());
    } else if (arg == "--dim") {
      const std::string v = value();
      const size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0) invalid("--dim wants SYMBOL=VALUE, got '{}'", v);
      o.dims[v.substr(0, eq)] = static_cast<int64_t>(parse_u64(std::string_view(v).substr(eq + 1), "--dim"));
    } else if (arg == "--gemm") {
      const std::string v = value();
      const size_t x1 = v.find('x'), x2 = v.find('x', x1 == std::string::npos ? x1 : x1 + 1);
      if (x1 == std::string::npos || x2 == std::string::npos) invalid("--gemm wants MxNxK, got '{}'", v);
      const std::string_view s(v);
      o.gemm_m = parse_u64(s.substr(0, x1), "--gemm M");
      o.gemm_n = parse_u64(s.substr(x1 + 1, x2 - x1 - 1), "--gemm N");
      o.gemm_k = parse_u64(s.substr(x2 + 1), "--gemm K");
      // Up to 65536 per dim keeps the command stream within memory (one command per tile).
      for (uint64_t d : {o.gemm_m, o.gemm_n, o.gemm_k}) {
        if (d == 0 || d > 65536) invalid("--gemm {}: each dim must be in [1, 65536]", v);
      }
    } else if (arg == "--scalesim") {
      o.unlimited_bandwidth = true;
    } else if (arg == "--json") {
      o.json_path = value();
    } else if (arg == "--trace") {
      o.trace_path = value();
    } else if (arg == "--commands") {
      o.commands_path = value();
    } else if (arg == "--list-presets") {
      o.list_presets = true;
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      invalid("unknown option '{}'", arg);
    } else if (o.module_path.empty()) {
      o.module_path = arg;
    } else {
      invalid("one module at a time: '{}' and '{}'", o.module_path, arg);
    }
  }
  if (o.arches.empty()) o.arches.push_back("scalesim-32x32");
  if (!o.help && !o.list_presets && o.module_path.empty() && o.gemm_m == 0)
    invalid("no module given\n{}", usage());
  return o;
}

}  // namespace tisa::tools::dsa
