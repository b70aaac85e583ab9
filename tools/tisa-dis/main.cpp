// tisa-dis: prints a binary module as text. Verifies first (so the printed result types are
// inferred); --no-verify prints a module that decodes but fails verification.
//   tisa-dis [INPUT.tisa | -] [-o OUTPUT.tisa.txt] [--no-verify]
#include <cstdio>
#include <string>
#include <string_view>

#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"
#include "tools/common/file_io.hpp"

namespace {

constexpr const char* kUsage =
    "usage: tisa-dis [INPUT.tisa | -] [-o OUTPUT.tisa.txt] [--no-verify]\n"
    "Prints a binary TISA module as text (to stdout unless -o is given). The module is\n"
    "verified first; --no-verify prints one that decodes but fails verification.\n";

int run(int argc, char** argv) {
  std::string input, output = "-";
  bool verify = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "-o") {
      if (++i == argc) tisa::invalid("-o needs a file name");
      output = argv[i];
    } else if (arg == "--no-verify") {
      verify = false;
    } else if (arg.size() > 1 && arg[0] == '-') {
      tisa::invalid("unknown option '{}' (see --help)", arg);
    } else if (input.empty()) {
      input = arg;
    } else {
      tisa::invalid("more than one input file ('{}' and '{}')", input, arg);
    }
  }
  if (input.empty()) input = "-";
  const std::string shown = input == "-" ? "<stdin>" : input;

  const std::vector<uint8_t> bytes = tisa::tools::read_all(input);
  tisa::ir::Module module;
  bool decoded = false;
  try {
    if (!tisa::ir::looks_binary(bytes))
      tisa::invalid("not a binary TISA module (no TISA magic); text modules are read by tisa-as");
    module = tisa::ir::decode_bytes(bytes);
    decoded = true;
    if (verify) tisa::ir::verify(module);
  } catch (const tisa::Error& e) {
    tisa::fail(e.code(), "{}: {}{}", shown, e.message(), decoded ? " (--no-verify prints it anyway)" : "");
  }
  const std::string text = tisa::ir::print(module);
  tisa::tools::write_all(
      output, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tisa-dis: error: %s\n", e.what());
    return 1;
  }
}
