// Feeds text to the assembler and the verifier; accepted modules must round-trip.
#include <cstdlib>
#include <string_view>

#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tisa::ir::Module m;
  try {
    m = tisa::ir::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    tisa::ir::verify(m);
  } catch (const tisa::Error&) {
    return 0;
  }
  auto words = tisa::ir::encode(m);
  tisa::ir::Module back = tisa::ir::decode(words);
  tisa::ir::verify(back);
  if (tisa::ir::print(back) != tisa::ir::print(m)) std::abort();
  return 0;
}
