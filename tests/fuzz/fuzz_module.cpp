// Feeds bytes to the binary decoder and the verifier. Anything they accept must print to text
// and re-encode to the same words; anything they reject must be rejected with tisa::Error.
#include <cstdlib>
#include <cstring>

#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tisa::ir::Module m;
  try {
    m = tisa::ir::decode_bytes(std::span<const uint8_t>(data, size));
    tisa::ir::verify(m);
  } catch (const tisa::Error&) {
    return 0;
  }
  auto words = tisa::ir::encode(m);
  tisa::ir::Module again = tisa::ir::parse(tisa::ir::print(m));
  tisa::ir::verify(again);
  again.generator = m.generator;                       // the text form does not carry the producing tool's id
  if (tisa::ir::encode(again) != words) std::abort();  // text and binary disagree
  return 0;
}
