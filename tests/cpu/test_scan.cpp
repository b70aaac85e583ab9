// Scans (TISA 1.1): the kernels on every target, and ScanStep through plans against the
// reference driver's scans, bit for bit (both accumulate f32 sums and products in binary64 in
// line order and round each element once).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "drivers/cpu/plan/steps.hpp"
#include "hal/ir/builder.hpp"
#include "tests/cpu/kernel_targets.hpp"
#include "tests/cpu/plan_util.hpp"

namespace {

using namespace tisa;
using cpu::KernelTable;
using cpu::ScanKernels;
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

using cpu_test::bits;

std::vector<float> line(const KernelTable& k, uint32_t op, std::vector<float> x, bool exclusive,
                        bool reverse) {
  ScanKernels s;
  REQUIRE(k.scan(op, TISA_DTYPE_F32, &s));
  std::vector<float> out(x.size());
  s.line(x.data(), static_cast<int64_t>(x.size()), exclusive, reverse, out.data());
  return out;
}

TEST_CASE("scan kernels: identities, NaN and signed zeros, wrap-around, lines equal columns") {
  for (const KernelTable* k : cpu_test::runnable_targets()) {
    INFO(k->isa);
    const std::vector<float> x = {1.0f, kNaN, 2.0f};
    const std::vector<float> mx = line(*k, TISA_OP_CUMMAX, x, false, false);
    CHECK((mx[0] == 1.0f && std::isnan(mx[1]) && std::isnan(mx[2])));
    const std::vector<float> mx_rev = line(*k, TISA_OP_CUMMAX, x, true, true);  // -inf, max(2), max(2, NaN)
    CHECK((mx_rev[2] == -kInf && std::isnan(mx_rev[0]) && mx_rev[1] == 2.0f));
    CHECK(bits(line(*k, TISA_OP_CUMMAX, {-0.0f, 0.0f, -0.0f}, false, false)[2]) == bits(0.0f));
    CHECK(bits(line(*k, TISA_OP_CUMMIN, {0.0f, -0.0f, 0.0f}, false, false)[2]) == bits(-0.0f));
    CHECK(line(*k, TISA_OP_CUMMIN, {3.0f}, true, false)[0] == kInf);
    CHECK(line(*k, TISA_OP_CUMPROD, {3.0f}, true, false)[0] == 1.0f);
    CHECK(bits(line(*k, TISA_OP_CUMSUM, {-0.0f, 5.0f}, true, false)[0]) == bits(0.0f));  // +0 first
    // 1 + 2^-30 - 1 in f64 is 2^-30; an f32 accumulator would give 0.
    CHECK(line(*k, TISA_OP_CUMSUM, {1.0f, 0x1p-30f, -1.0f}, false, false)[2] == 0x1p-30f);
    // f32 products do not overflow in a partial product that the whole prefix does not.
    CHECK(line(*k, TISA_OP_CUMPROD, {1e30f, 1e30f, 1e-30f}, false, false)[2] == 1e30f);

    ScanKernels s8;
    REQUIRE(k->scan(TISA_OP_CUMSUM, TISA_DTYPE_I8, &s8));
    const std::vector<int8_t> small = {100, 100, -128};
    std::vector<int8_t> sums(3);
    s8.line(small.data(), 3, false, false, sums.data());
    CHECK(sums == std::vector<int8_t>{100, -56, 72});  // wraps
    CHECK_FALSE(k->scan(TISA_OP_CUMSUM, TISA_DTYPE_BOOL, &s8));
    CHECK_FALSE(k->scan(TISA_OP_REDUCE_SUM, TISA_DTYPE_F32, &s8));

    // Columns: 3 lines of 5 side by side ([5, 3] scanned along axis 0), in place.
    ScanKernels s;
    REQUIRE(k->scan(TISA_OP_CUMSUM, TISA_DTYPE_I32, &s));
    std::vector<int32_t> grid(15);
    for (int i = 0; i < 15; ++i) grid[static_cast<size_t>(i)] = i * i - 7;
    std::vector<int32_t> by_lines(15);
    for (int c = 0; c < 3; ++c) {
      std::vector<int32_t> column_in(5), column_out(5);
      for (int r = 0; r < 5; ++r) column_in[static_cast<size_t>(r)] = grid[static_cast<size_t>(r * 3 + c)];
      s.line(column_in.data(), 5, true, false, column_out.data());
      for (int r = 0; r < 5; ++r)
        by_lines[static_cast<size_t>(r * 3 + c)] = column_out[static_cast<size_t>(r)];
    }
    std::vector<uint8_t> acc(3 * s.acc_size);
    s.init(acc.data(), 3);
    for (int r = 0; r < 5; ++r) s.column(grid.data() + r * 3, 3, true, acc.data(), grid.data() + r * 3);
    CHECK(grid == by_lines);
  }
}

// Every combination of exclusive and reverse, at O0 and O2, equal to the reference bit for bit.
void check_scans(ir::Shape shape, tisa_dtype_t dtype, bool transposed, uint32_t seed) {
  for (tisa_opcode_t op : {TISA_OP_CUMSUM, TISA_OP_CUMPROD, TISA_OP_CUMMAX, TISA_OP_CUMMIN}) {
    for (int64_t axis = 0; axis < static_cast<int64_t>(shape.size()); ++axis) {
      ir::Builder b;
      ir::Shape in_shape = shape;
      if (transposed) std::swap(in_shape[0], in_shape[1]);
      ir::Value x = b.input(dtype, ir::lits(in_shape), "x");
      if (transposed) {
        std::vector<int64_t> perm(shape.size());
        for (size_t d = 0; d < perm.size(); ++d) perm[d] = static_cast<int64_t>(d);
        std::swap(perm[0], perm[1]);
        x = b.transpose(x, perm);
      }
      // cumprod of many factors under- or overflows: scale the values towards 1 first.
      if (op == TISA_OP_CUMPROD && dtype == TISA_DTYPE_F32) {
        x = b.add(b.mul(x, b.fill(dtype, ir::lits(shape), 0.01)), b.fill(dtype, ir::lits(shape), 1.0));
      }
      for (bool exclusive : {false, true}) {
        for (bool reverse : {false, true}) b.output(b.scan(op, x, axis, exclusive, reverse));
      }
      const ir::Module m = b.finish();
      const std::vector<ref::HostTensor> inputs = {cpu_test::random_tensor(dtype, in_shape, seed)};
      const std::vector<ref::HostTensor> want = ref::evaluate(m, inputs);
      for (bool fuse : {false, true}) {
        INFO("op " << op << " axis " << axis << " fuse " << fuse << " transposed " << transposed);
        const cpu_test::PlanRun run = cpu_test::run_plan(m, fuse, inputs);
        REQUIRE(run.outputs.size() == 4);
        int scans = 0;
        for (const auto& step : run.instance->steps)
          scans += dynamic_cast<const cpu::ScanStep*>(step.get()) != nullptr;
        CHECK(scans == 4);
        for (size_t i = 0; i < 4; ++i) {
          // The inputs hold no NaN: equal bytes, else the element-wise report of what differs.
          if (run.outputs[i].data != want[i].data) cpu_test::check_close(run.outputs[i], want[i]);
          CHECK(run.outputs[i].data == want[i].data);
        }
      }
    }
  }
}

TEST_CASE("scans through plans equal the reference on every axis, exclusive and reverse") {
  check_scans({7, 300}, TISA_DTYPE_F32, false, 11);
  check_scans({7, 300}, TISA_DTYPE_I32, false, 12);
  check_scans({3, 5, 1100}, TISA_DTYPE_F32, false, 13);  // side-by-side lines in several blocks
  check_scans({40, 9, 3}, TISA_DTYPE_F32, true, 14);     // read through a transposed view
  check_scans({1, 70000}, TISA_DTYPE_I32, false, 15);    // one long line
  check_scans({300, 257}, TISA_DTYPE_F32, false, 16);    // many lines, split over the pool
}

}  // namespace
