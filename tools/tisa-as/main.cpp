// tisa-as: assembles a module's text form into the binary form, verifying it on the way.
//   tisa-as [INPUT.tisa.txt | -] [-o OUTPUT.tisa | -o -]
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"
#include "tools/common/file_io.hpp"

namespace {

constexpr const char* kUsage =
    "usage: tisa-as [INPUT.tisa.txt | -] [-o OUTPUT.tisa]\n"
    "Assembles TISA text into a binary module after verifying it. INPUT defaults to stdin;\n"
    "OUTPUT defaults to INPUT with .tisa.txt (or .txt) replaced by .tisa, or stdout for stdin.\n";

std::string default_output(const std::string& input) {
  if (input == "-") return "-";
  for (std::string_view suffix : {".tisa.txt", ".txt"})
    if (input.size() > suffix.size() && input.ends_with(suffix))
      return input.substr(0, input.size() - suffix.size()) + ".tisa";
  return input + ".tisa";
}

// "line 3, column 10: msg" -> "FILE:3:10: msg", the form editors and IDEs jump to.
std::string located(const std::string& file, const std::string& message) {
  unsigned line = 0, column = 0;
  int consumed = 0;
  if (std::sscanf(message.c_str(), "line %u, column %u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    return fmt::format("{}:{}:{}: {}", file, line, column, message.substr(static_cast<size_t>(consumed)));
  return file + ": " + message;
}

int run(int argc, char** argv) {
  std::string input, output;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "-o") {
      if (++i == argc) tisa::invalid("-o needs a file name");
      output = argv[i];
    } else if (arg.size() > 1 && arg[0] == '-') {
      tisa::invalid("unknown option '{}' (see --help)", arg);
    } else if (input.empty()) {
      input = arg;
    } else {
      tisa::invalid("more than one input file ('{}' and '{}')", input, arg);
    }
  }
  if (input.empty()) input = "-";
  if (output.empty()) output = default_output(input);
  const std::string shown = input == "-" ? "<stdin>" : input;

  const std::vector<uint8_t> bytes = tisa::tools::read_all(input);
  tisa::ir::Module module;
  if (tisa::ir::looks_binary(bytes))
    tisa::invalid("{}: is already a binary module (tisa-dis prints it as text)", shown);
  try {
    module = tisa::ir::parse(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    tisa::ir::verify(module);
  } catch (const tisa::Error& e) {
    throw tisa::Error(e.code(), located(shown, e.message()));
  }
  const std::vector<uint32_t> words = tisa::ir::encode(module);
  tisa::tools::write_all(output, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(words.data()),
                                                          words.size() * sizeof(uint32_t)));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tisa-as: error: %s\n", e.what());
    return 1;
  }
}
