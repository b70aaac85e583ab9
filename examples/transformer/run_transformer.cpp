// transformer_block: builds one pre-norm transformer encoder block with tisa::ops (bidirectional
// and causal), runs it through libtisa on every device of every loaded driver at two sequence
// lengths with one executable per module, and checks each output against the double-precision
// C++ implementation with the bound of spec section 5.8.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "examples/transformer/program_bound.hpp"
#include "examples/transformer/reference_block.hpp"
#include "examples/transformer/transformer_block.hpp"
#include "hal/ir/codec.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/text.hpp"
#include "tisa/tisa.hpp"

namespace {

using tisa::examples::BlockConfig;
using tisa::examples::BlockWeights;

constexpr uint64_t kWeightSeed = 20240611;
constexpr const char* kUsage =
    "usage: transformer_block [--seq L1,L2,...] [--save DIR]\n"
    "  --seq    sequence lengths to run (default 5,24; each in [1, 512])\n"
    "  --save   also write the two modules' text forms to DIR\n"
    "Drivers come from the loader's search path (TISA_DRIVER_FILES, ...). Exit 0 PASS, 1 FAIL.\n";

struct Options {
  std::vector<int64_t> seqs{5, 24};
  std::string save_dir;
};

Options parse(int argc, char** argv, const BlockConfig& config) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--seq" || arg == "--save") && i + 1 >= argc) tisa::invalid("{} needs a value", arg);
    if (arg == "--save") {
      o.save_dir = argv[++i];
    } else if (arg == "--seq") {
      o.seqs.clear();
      std::string list = argv[++i];
      for (size_t at = 0; at <= list.size();) {
        const size_t comma = std::min(list.find(',', at), list.size());
        const std::string item = list.substr(at, comma - at);
        size_t used = 0;
        int64_t v = 0;
        try {
          v = std::stoll(item, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != item.size() || v < 1 || v > config.max_seq)
          tisa::invalid("--seq: '{}' is not a length in [1, {}]", item, config.max_seq);
        o.seqs.push_back(v);
        at = comma + 1;
      }
    } else {
      tisa::invalid("unknown argument '{}'\n{}", arg, kUsage);
    }
  }
  return o;
}

struct Errors {
  double max_abs = 0.0, normwise = 0.0;  // max|out - ref| and that over max|ref|
  bool finite = true;
};

Errors compare(const std::vector<float>& out, const std::vector<double>& ref) {
  Errors e;
  double scale = 0x1p-126;
  for (double r : ref) scale = std::max(scale, std::fabs(r));
  for (size_t i = 0; i < ref.size(); ++i) {
    if (!std::isfinite(out[i])) e.finite = false;
    e.max_abs = std::max(e.max_abs, std::fabs(static_cast<double>(out[i]) - ref[i]));
  }
  e.normwise = e.max_abs / scale;
  return e;
}

// Compares one launch's output with the double-precision block, prints the verdict line and
// returns whether it passed.
bool check_launch(const std::string& what, const BlockConfig& config, const BlockWeights& weights,
                  const tisa::ir::Module& built, const std::vector<float>& x, const std::vector<float>& y,
                  int64_t seq) {
  const std::vector<tisa::ir::Shape> shapes{{config.batch, seq, config.d_model}};
  const std::vector<int64_t> symbols = tisa::ir::bind_symbols(built, shapes);
  const double bound = tisa::examples::program_bound(built, symbols);
  const Errors e = compare(y, tisa::examples::reference_block(config, weights, x, seq));
  // The negative control: against the other mask's reference the error must exceed the bound
  // (the masks differ from S = 2 on), or the check could not tell the two apart.
  BlockConfig other = config;
  other.causal = !config.causal;
  const Errors wrong = compare(y, tisa::examples::reference_block(other, weights, x, seq));
  const bool discriminates = seq < 2 || wrong.normwise > bound;
  const bool ok = e.finite && e.normwise <= bound && discriminates;
  std::printf("%s %s: max abs %.2e, /max|ref| %.2e (bound %.2e, W=%.0f; other mask %.2e)%s%s\n",
              ok ? "PASS" : "FAIL", what.c_str(), e.max_abs, e.normwise, bound,
              tisa::examples::program_weight(built, symbols), wrong.normwise,
              e.finite ? "" : ", non-finite output",
              discriminates ? "" : ", the other mask's reference passes too");
  return ok;
}

struct Tally {
  int runs = 0, failures = 0;
};

// One module (one mask mode) on one device: compiled once per optimization level, launched at
// every sequence length.
void run_on_device(const tisa::Device& device, const std::string& label, const BlockConfig& config,
                   const BlockWeights& weights, const tisa::ir::Module& built, const Options& options,
                   Tally& tally) {
  const std::vector<uint32_t> words = tisa::ir::encode(built);
  const tisa::Module module =
      tisa::Module::load(words.data(), words.size() * sizeof(uint32_t), TISA_FORMAT_BINARY);
  const char* mode = config.causal ? "causal" : "bidirectional";
  for (tisa_opt_level_t opt : {TISA_OPT_O1, TISA_OPT_O2}) {
    tisa::Executable exe;
    try {
      exe = tisa::Executable::create(device, module, opt);
    } catch (const tisa::ApiError& e) {
      if (e.code() != TISA_UNIMPLEMENTED) throw;
      std::printf("NOT SUPPORTED %s -O%d on %s: %s\n", mode, static_cast<int>(opt), label.c_str(), e.what());
      continue;
    }
    for (int64_t seq : options.seqs) {
      const tisa_tensor_type_t type = tisa::tensor_type(TISA_DTYPE_F32, {config.batch, seq, config.d_model});
      const std::vector<float> x = tisa::examples::random_floats(
          static_cast<uint64_t>(seq), config.batch * seq * config.d_model, 0.0f, 1.0f);
      tisa::Buffer in = tisa::Buffer::create(device, tisa::byte_size(type));
      tisa::Buffer out = tisa::Buffer::create(device, tisa::byte_size(type));
      in.write(x);
      exe.launch({tisa::tensor(in, type)}, {tisa::tensor(out, type)});
      const std::vector<float> y = out.read<float>(x.size());

      const std::string what = fmt::format("{} S={} -O{} on {}", mode, seq, static_cast<int>(opt), label);
      ++tally.runs;
      tally.failures += check_launch(what, config, weights, built, x, y, seq) ? 0 : 1;
    }
  }
}

void save(const std::string& dir, const std::string& name, const tisa::ir::Module& module) {
  std::filesystem::create_directories(dir);
  const std::string path = (std::filesystem::path(dir) / name).string();
  std::ofstream file(path);
  file << tisa::ir::print(module);
  if (!file) tisa::fail(TISA_INTERNAL, "{}: cannot write", path);
  std::printf("wrote %s (%zu instructions)\n", path.c_str(), module.insts.size());
}

int run(int argc, char** argv) {
  BlockConfig config;
  const Options options = parse(argc, argv, config);
  const BlockWeights weights = tisa::examples::make_block_weights(config, kWeightSeed);
  BlockConfig causal = config;
  causal.causal = true;
  const tisa::ir::Module bidirectional_module = tisa::examples::build_block(config, weights);
  const tisa::ir::Module causal_module = tisa::examples::build_block(causal, weights);
  if (!options.save_dir.empty()) {
    save(options.save_dir, "block.tisa.txt", bidirectional_module);
    save(options.save_dir, "block_causal.tisa.txt", causal_module);
  }

  const tisa::Instance instance = tisa::Instance::create();
  if (instance.device_count() == 0) {
    std::printf("FAIL: libtisa lists no device (see tisa-info; TISA_LOADER_DEBUG=1 says why)\n");
    return 1;
  }
  Tally tally;
  for (uint32_t i = 0; i < instance.device_count(); ++i) {
    const tisa::Device device = instance.device(i);
    const tisa_device_info_t info = device.info();
    const std::string label = std::string(info.driver_name) + " (" + info.name + ")";
    run_on_device(device, label, config, weights, bidirectional_module, options, tally);
    run_on_device(device, label, causal, weights, causal_module, options, tally);
  }
  if (tally.runs == 0) {
    std::printf("FAIL: no run: every device refused the block\n");
    return 1;
  }
  if (tally.failures == 0) {
    std::printf("PASS (%d runs)\n", tally.runs);
    return 0;
  }
  std::printf("FAIL (%d of %d runs)\n", tally.failures, tally.runs);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  try {
    return run(argc, argv);
  } catch (const tisa::ApiError& e) {
    std::fprintf(stderr, "transformer_block: error: %s: %s\n", e.code_name(), e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "transformer_block: error: %s\n", e.what());
  }
  return 1;
}
