// tisa_bench: the cpu driver against its anchors, each measured in the same run (absolute
// times drift on shared machines; the ratios are what bench/run.py reports):
//   matmul          GFLOP/s vs OpenBLAS cblas_sgemm on the same shapes
//   elementwise     GB/s (bytes read + written) vs a parallel memcpy of the same bytes
//   softmax, norm   GB/s vs the same memcpy
//   conv3x3         GFLOP/s vs sgemm on the convolution's own GEMM shape (im2col excluded)
//   launch          time of a launch of a 1-op module vs a direct call doing the same work
//   mlp             time of examples/mlp at batch 64 on the cpu vs the reference driver
// With a Vulkan device, the matmul, elementwise, softmax and norm families also run on the
// vulkan driver, subject "vulkan": on a GPU at every size, on a CPU device (lavapipe) at the
// sizes below kVulkanMaxMacs and kVulkanMaxElements. TISA_BENCH_VULKAN=0 leaves them out. The
// context key "vulkan" names the device or says why those rows are absent.
// Names are family/shape/subject; run.py pairs every subject with its anchor.
#include <benchmark/benchmark.h>
#include <cblas.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/harness.hpp"
#include "bench/models.hpp"
#include "examples/mlp/mlp_model.hpp"

namespace tisa::bench {
namespace {

constexpr const char* kDriver = "cpu";
constexpr const char* kVulkan = "vulkan";
// Largest sizes the vulkan rows run at on a CPU device, so each takes well under 0.1 s a launch
// on lavapipe (2 loaded cores): its register-blocked matmul does 2^27 multiply-adds (512^3) in ~0.02 s, a fused
// 8-op chain over 4M elements ~0.05 s, a softmax over [1024, 4096] ~0.1 s.
constexpr double kVulkanMaxMacs = double(1 << 27);
constexpr int64_t kVulkanMaxElements = int64_t{4} << 20;

// One fixture alive at a time: repeated calls of a benchmark reuse it, the next benchmark
// frees it (64M-element buffers add up).
template <class T>
T& fixture(const std::string& key, const std::function<std::unique_ptr<T>()>& make) {
  static std::string current;
  static std::shared_ptr<void> object;
  if (current != key || !object) {
    object.reset();
    object = std::shared_ptr<T>(make());
    current = key;
  }
  return *static_cast<T*>(object.get());
}

struct Gemm {
  Gemm(int64_t m, int64_t k, int64_t n)
      : m(m), k(k), n(n), a(random_values(m * k, 1)), b(random_values(k * n, 2)), c(m * n) {}
  void run() {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a.data(), k, b.data(), n, 0.0f,
                c.data(), n);
  }
  int64_t m, k, n;
  std::vector<float> a, b, c;
};

std::string size_name(int64_t count) {
  if (count % (1 << 20) == 0) return std::to_string(count >> 20) + "M";
  return count % (1 << 10) == 0 ? std::to_string(count >> 10) + "K" : std::to_string(count);
}

void set_flops(benchmark::State& state, double flops) {
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}
void set_bytes(benchmark::State& state, double bytes) {
  state.counters["GB/s"] = benchmark::Counter(bytes * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void add(const std::string& name, std::function<void(benchmark::State&)> body) {
  // A failing case (a driver error) is reported as that case's error, not a crash of the suite.
  benchmark::RegisterBenchmark(name.c_str(),
                               [body](benchmark::State& state) {
                                 try {
                                   body(state);
                                 } catch (const std::exception& e) {
                                   state.SkipWithError(e.what());
                                 }
                               })
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

// The first launch happens outside the timing: the vulkan driver compiles a kernel's pipeline
// on its first use (hundreds of ms on lavapipe), which one timed iteration would include.
std::unique_ptr<Compiled> warmed(std::unique_ptr<Compiled> c) {
  c->run();
  return c;
}

void register_matmul(const std::string& family, int64_t m, int64_t k, int64_t n,
                     const std::vector<std::string>& drivers) {
  const std::string shape = std::to_string(m) + "x" + std::to_string(k) + "x" + std::to_string(n);
  const double flops = 2.0 * static_cast<double>(m) * static_cast<double>(k) * static_cast<double>(n);
  add(family + "/" + shape + "/openblas", [=](benchmark::State& state) {
    auto& g = fixture<Gemm>("gemm" + shape, [=] { return std::make_unique<Gemm>(m, k, n); });
    for (auto _ : state) g.run();
    set_flops(state, flops);
  });
  for (const std::string& driver : drivers) {
    add(family + "/" + shape + "/" + driver, [=](benchmark::State& state) {
      auto& c = fixture<Compiled>("tisa" + driver + shape, [=] {
        return warmed(
            std::make_unique<Compiled>(driver, matmul_module(m, k, n), std::vector<std::vector<int64_t>>{}));
      });
      for (auto _ : state) c.run();
      set_flops(state, flops);
    });
  }
}

void register_bandwidth(const std::string& family, const std::string& shape, double bytes,
                        std::function<std::unique_ptr<Compiled>(const std::string&)> make,
                        const std::vector<std::string>& drivers = {kDriver}) {
  add(family + "/" + shape + "/memcpy", [=](benchmark::State& state) {
    auto& copy = fixture<ParallelCopy>(
        "copy" + shape, [=] { return std::make_unique<ParallelCopy>(static_cast<size_t>(bytes / 2)); });
    for (auto _ : state) copy.run();
    set_bytes(state, bytes);
  });
  for (const std::string& driver : drivers) {
    add(family + "/" + shape + "/" + driver, [=](benchmark::State& state) {
      auto& c = fixture<Compiled>(family + driver + shape, [=] { return warmed(make(driver)); });
      for (auto _ : state) c.run();
      set_bytes(state, bytes);
    });
  }
}

enum class VulkanRows { kNone, kSmall, kAll };

// Which vulkan rows run (all on a GPU, the small ones on a CPU device); records the device, or
// why the rows are absent, in the context.
VulkanRows vulkan_rows() {
  const char* env = std::getenv("TISA_BENCH_VULKAN");
  std::string why;
  if (env != nullptr && std::strcmp(env, "0") == 0) {
    why = "absent (TISA_BENCH_VULKAN=0)";
  } else {
    try {
      if (const std::optional<tisa_device_info_t> info = device_info(kVulkan)) {
        benchmark::AddCustomContext("vulkan", info->name);
        return info->kind == TISA_DEVICE_KIND_CPU ? VulkanRows::kSmall : VulkanRows::kAll;
      }
      why = "absent (no device of the vulkan driver: no Vulkan device, or the driver is not built)";
    } catch (const std::exception& e) {
      why = std::string("absent (") + e.what() + ")";
    }
  }
  benchmark::AddCustomContext("vulkan", why);
  std::cerr << "tisa_bench: vulkan rows " << why << "\n";
  return VulkanRows::kNone;
}

__attribute__((noinline)) void add_direct(const float* x, const float* y, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = x[i] + y[i];
}

void register_all() {
  const VulkanRows vulkan = vulkan_rows();
  const auto drivers = [vulkan](bool small) {
    const bool run = vulkan == VulkanRows::kAll || (vulkan == VulkanRows::kSmall && small);
    return run ? std::vector<std::string>{kDriver, kVulkan} : std::vector<std::string>{kDriver};
  };
  const auto macs = [](double m, double k, double n) { return m * k * n; };
  for (int64_t n : {64, 128, 256, 512, 1024, 2048})
    register_matmul("matmul.square", n, n, n, drivers(macs(n, n, n) <= kVulkanMaxMacs));
  for (int64_t n : {512, 1024, 2048})
    register_matmul("matmul.skinny", 64, n, n, drivers(macs(64, n, n) <= kVulkanMaxMacs));

  // 64K: the size the vulkan rows run at (the cpu's and the anchor's figures there are mostly
  // launch and fork overhead).
  for (int64_t count :
       {int64_t{64} << 10, int64_t{1} << 20, int64_t{4} << 20, int64_t{16} << 20, int64_t{64} << 20}) {
    for (int ops : {1, 2, 4, 8}) {
      const std::string shape = "n=" + size_name(count) + "/ops=" + std::to_string(ops);
      register_bandwidth(
          "elementwise", shape, 8.0 * static_cast<double>(count),
          [=](const std::string& driver) {
            return std::make_unique<Compiled>(driver, chain_module(ops, count),
                                              std::vector<std::vector<int64_t>>{});
          },
          drivers(count <= kVulkanMaxElements));
    }
  }
  for (int64_t rows : {64, 1024}) {
    const std::string shape = std::to_string(rows) + "x4096";
    const double bytes = 8.0 * static_cast<double>(rows) * 4096;
    register_bandwidth(
        "softmax", shape, bytes,
        [=](const std::string& driver) {
          return std::make_unique<Compiled>(driver, softmax_module(rows, 4096),
                                            std::vector<std::vector<int64_t>>{});
        },
        drivers(true));
    register_bandwidth(
        "layernorm", shape, bytes,
        [=](const std::string& driver) {
          return std::make_unique<Compiled>(driver, layernorm_module(rows, 4096),
                                            std::vector<std::vector<int64_t>>{});
        },
        drivers(true));
  }

  // ResNet-like layer: 56x56x64 image, 64 filters; its GEMM is [3136, 576] x [576, 64].
  const double conv_flops = 2.0 * 56 * 56 * 64 * 576;
  add("conv3x3/56x56x64x64/sgemm", [=](benchmark::State& state) {
    auto& g = fixture<Gemm>("conv-gemm", [] { return std::make_unique<Gemm>(56 * 56, 576, 64); });
    for (auto _ : state) g.run();
    set_flops(state, conv_flops);
  });
  add(std::string("conv3x3/56x56x64x64/") + kDriver, [=](benchmark::State& state) {
    auto& c = fixture<Compiled>("conv", [] {
      return std::make_unique<Compiled>(kDriver, conv3x3_module(56, 56, 64, 64),
                                        std::vector<std::vector<int64_t>>{});
    });
    for (auto _ : state) c.run();
    set_flops(state, conv_flops);
  });

  add("launch/add16/call", [](benchmark::State& state) {
    std::vector<float> x(16, 1.0f), y(16, 2.0f), out(16);
    for (auto _ : state) {
      add_direct(x.data(), y.data(), out.data(), 16);
      benchmark::DoNotOptimize(out.data());
    }
  });
  add(std::string("launch/add16/") + kDriver, [](benchmark::State& state) {
    auto& c = fixture<Compiled>("launch", [] {
      return std::make_unique<Compiled>(kDriver, add_module(16), std::vector<std::vector<int64_t>>{});
    });
    for (auto _ : state) c.run();
  });

  for (const char* driver : {"reference", kDriver}) {
    add(std::string("mlp/batch=64/") + driver, [driver](benchmark::State& state) {
      auto& c = fixture<Compiled>(std::string("mlp") + driver, [driver] {
        return std::make_unique<Compiled>(driver, examples::build_mlp(examples::make_weights(20240611)),
                                          std::vector<std::vector<int64_t>>{{64, examples::MlpWeights::kIn}});
      });
      for (auto _ : state) c.run();
    });
  }
}

}  // namespace
}  // namespace tisa::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  tisa::bench::register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
