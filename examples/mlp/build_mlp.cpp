// mlp_build OUTDIR: builds the MLP module, saves it as binary (mlp.tisa) and text (mlp.tisa.txt),
// reloads both and checks they print identically to what was built, and writes the weights as
// .npy (W1.npy b1.npy W2.npy b2.npy) so an independent program can recompute the outputs.
#include <cstdio>
#include <filesystem>
#include <string>

#include "examples/mlp/mlp_model.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "hal/ir/verifier.hpp"
#include "tools/common/file_io.hpp"
#include "tools/common/npy.hpp"

namespace {

constexpr uint64_t kSeed = 20240611;

void write_weight(const std::filesystem::path& dir, const std::string& name, const std::vector<float>& values,
                  std::vector<int64_t> shape) {
  tisa::npy::Array a;
  a.dtype = TISA_DTYPE_F32;
  a.shape = std::move(shape);
  const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
  a.data.assign(bytes, bytes + values.size() * sizeof(float));
  tisa::npy::write_file((dir / (name + ".npy")).string(), a);
}

// Reloaded modules must print exactly like the built one: the codec and the text form lose nothing.
void check_same(const std::string& what, tisa::ir::Module reloaded, const std::string& expected) {
  tisa::ir::verify(reloaded);
  if (tisa::ir::print(reloaded) != expected)
    tisa::fail(TISA_INTERNAL, "{} differs from the module that was built", what);
}

int run(const std::filesystem::path& dir) {
  using tisa::examples::MlpWeights;
  std::filesystem::create_directories(dir);
  const MlpWeights weights = tisa::examples::make_weights(kSeed);
  const tisa::ir::Module module = tisa::examples::build_mlp(weights);
  const std::string text = tisa::ir::print(module);
  const std::vector<uint32_t> words = tisa::ir::encode(module);

  const auto binary_path = (dir / "mlp.tisa").string(), text_path = (dir / "mlp.tisa.txt").string();
  tisa::tools::write_all(binary_path,
                         std::span(reinterpret_cast<const uint8_t*>(words.data()), words.size() * 4));
  tisa::tools::write_all(text_path, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));

  const std::vector<uint8_t> binary = tisa::tools::read_all(binary_path);
  const std::vector<uint8_t> text_bytes = tisa::tools::read_all(text_path);
  check_same(binary_path, tisa::ir::decode_bytes(binary), text);
  check_same(
      text_path,
      tisa::ir::parse(std::string_view(reinterpret_cast<const char*>(text_bytes.data()), text_bytes.size())),
      text);

  write_weight(dir, "W1", weights.w1, {MlpWeights::kIn, MlpWeights::kHidden});
  write_weight(dir, "b1", weights.b1, {MlpWeights::kHidden});
  write_weight(dir, "W2", weights.w2, {MlpWeights::kHidden, MlpWeights::kOut});
  write_weight(dir, "b2", weights.b2, {MlpWeights::kOut});
  std::printf(
      "mlp_build: wrote %s (%zu instructions, %zu bytes), %s and the weights; both reload identically\n",
      binary_path.c_str(), module.insts.size(), words.size() * 4, text_path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || std::string(argv[1]) == "--help") {
    std::fprintf(stderr, "usage: mlp_build OUTDIR\n");
    return argc == 2 ? 0 : 2;
  }
  try {
    return run(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mlp_build: error: %s\n", e.what());
    return 1;
  }
}
