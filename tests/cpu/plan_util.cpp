#include "tests/cpu/plan_util.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <random>

#include "drivers/cpu/kernels/kernel_table.hpp"
#include "drivers/cpu/runtime/thread_pool.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/registry.hpp"

namespace cpu_test {

using namespace tisa;

PlanRun run_plan(const ir::Module& module, bool fuse, std::span<const ref::HostTensor> inputs,
                 bool row_steps) {
  static cpu::ThreadPool pool(2);
  static cpu::Scratch scratch(2);
  PlanRun run;
  run.plan = cpu::plan_fusion(module, fuse);
  if (!row_steps) run.plan.fuse = false;
  std::vector<ir::Shape> shapes;
  for (const ref::HostTensor& t : inputs) shapes.push_back(t.shape);
  const std::vector<int64_t> symbols = ir::bind_symbols(module, shapes);
  run.instance = cpu::build_instance(module, run.plan, symbols, cpu::kernels());
  std::vector<uint8_t*> input_ptrs, output_ptrs;
  for (const ref::HostTensor& t : inputs) input_ptrs.push_back(const_cast<uint8_t*>(t.data.data()));
  for (ir::ValueId v : module.outputs) {
    ref::HostTensor out;
    out.dtype = module.value_type(v).dtype;
    out.shape = ir::resolve(module.value_type(v), symbols);
    out.data.assign(static_cast<size_t>(ir::element_count(out.shape)) * ir::dtype_size(out.dtype), 0xCD);
    run.outputs.push_back(std::move(out));
  }
  for (ref::HostTensor& t : run.outputs) output_ptrs.push_back(t.data.data());
  std::vector<uint8_t> arena(run.instance->arena_bytes + 64);
  cpu::ExecContext ctx;
  ctx.inputs = input_ptrs;
  ctx.outputs = output_ptrs;
  ctx.arena = reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(arena.data()) + 63) / 64 * 64);
  ctx.temp_offsets = run.instance->temp_offsets;
  ctx.module = &module;
  ctx.symbols = run.instance->symbols;
  ctx.pool = &pool;
  ctx.scratch = &scratch;
  ctx.kernels = &cpu::kernels();
  for (const auto& step : run.instance->steps) step->run(ctx);
  return run;
}

ref::HostTensor random_tensor(tisa_dtype_t dtype, ir::Shape shape, uint32_t seed) {
  ref::HostTensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  const auto n = static_cast<size_t>(ir::element_count(t.shape));
  t.data.resize(n * ir::dtype_size(dtype));
  std::mt19937 rng(seed);
  for (size_t i = 0; i < n; ++i) {
    if (dtype == TISA_DTYPE_F32) {
      const float v = std::uniform_real_distribution<float>(-2.0f, 2.0f)(rng);
      std::memcpy(t.data.data() + 4 * i, &v, 4);
    } else {
      const int32_t v = std::uniform_int_distribution<int32_t>(-1000, 1000)(rng);
      std::memcpy(t.data.data() + 4 * i, &v, 4);
    }
  }
  return t;
}

void check_close(const ref::HostTensor& got, const ref::HostTensor& want, double rel) {
  REQUIRE(got.dtype == want.dtype);
  REQUIRE(got.shape == want.shape);
  REQUIRE(got.data.size() == want.data.size());
  if (got.dtype != TISA_DTYPE_F32 || rel == 0) {
    if (got.dtype != TISA_DTYPE_F32) {
      CHECK(got.data == want.data);
      return;
    }
  }
  const size_t n = got.data.size() / 4;
  double scale = 0;
  for (size_t i = 0; i < n; ++i) {
    float w;
    std::memcpy(&w, want.data.data() + 4 * i, 4);
    if (std::isfinite(w)) scale = std::max(scale, static_cast<double>(std::fabs(w)));
  }
  for (size_t i = 0; i < n; ++i) {
    float g, w;
    std::memcpy(&g, got.data.data() + 4 * i, 4);
    std::memcpy(&w, want.data.data() + 4 * i, 4);
    INFO("element " << i << ": " << g << " vs reference " << w);
    if (std::isnan(w)) {
      CHECK(std::isnan(g));
    } else if (rel == 0) {
      CHECK(std::memcmp(&g, &w, 4) == 0);
    } else {
      CHECK(std::fabs(static_cast<double>(g) - w) <= rel * std::max(scale, 1e-30));
    }
  }
}

}  // namespace cpu_test
