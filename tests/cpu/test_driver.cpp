// The cpu driver through libtisa (TISA_DRIVER_FILES names only its manifest): what it claims,
// queued and inline launches in order, the instance cache of a symbolic module, and results
// against the reference semantics.
#include <catch2/catch.hpp>

#include <cstring>
#include <random>
#include <string>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/codec.hpp"
#include "tisa/tisa.hpp"

namespace {

using namespace tisa;
using ir::Builder;
using ir::Expr;
using ir::Value;
constexpr tisa_dtype_t F32 = TISA_DTYPE_F32;

Device cpu_device() {
  static Instance instance = Instance::create();
  return instance.find_device("cpu");
}

Module load(const ir::Module& m) {
  const std::vector<uint32_t> words = ir::encode(m);
  return Module::load(words.data(), words.size() * 4, TISA_FORMAT_BINARY);
}

std::vector<float> random_floats(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

tisa_tensor_type_t f32_type(std::vector<int64_t> shape) {
  tisa_tensor_type_t t{};
  t.dtype = F32;
  t.rank = static_cast<uint32_t>(shape.size());
  for (size_t d = 0; d < shape.size(); ++d) t.dims[d] = shape[d];
  return t;
}

TEST_CASE("the cpu device claims TISA-B 1.1 and no extension") {
  const Device dev = cpu_device();
  const tisa_device_info_t info = dev.info();
  CHECK(std::string(info.driver_name) == "cpu");
  CHECK(info.kind == TISA_DEVICE_KIND_CPU);
  CHECK(info.isa_version == TISA_MAKE_VERSION(1, 1));
  CHECK(info.extensions == 0);
  CHECK((info.flags & TISA_DEVICE_FLAG_FLUSH_SUBNORMALS) == 0);
  CHECK(dev.supports(TISA_OP_MATMUL, F32));
  CHECK(dev.supports(TISA_OP_SCATTER, TISA_DTYPE_I8));
  CHECK_FALSE(dev.supports(TISA_OP_ADD, TISA_DTYPE_F16));
  CHECK(dev.supports(TISA_OP_CUMSUM, F32));  // TISA 1.1
  CHECK(dev.supports(TISA_OP_LOG1P, F32));
  CHECK_FALSE(dev.supports(TISA_OP_CUMSUM, TISA_DTYPE_BOOL));  // not numeric
  CHECK_FALSE(dev.supports(TISA_OP_EXPM1, TISA_DTYPE_I32));
}

TEST_CASE("queued launches run in order and read what earlier ones wrote") {
  // Big enough to go through the queue rather than run on the caller.
  const int64_t n = 6 << 20;
  Builder b;
  const Value x = b.input(F32, ir::lits(std::vector<int64_t>{n}), "x");
  b.output(b.add(b.mul(x, b.fill(F32, ir::lits(std::vector<int64_t>{n}), 2.0)),
                 b.fill(F32, ir::lits(std::vector<int64_t>{n}), 1.0)));
  const Module module = load(b.finish());
  const Device dev = cpu_device();
  const Executable exe = Executable::create(dev, module, TISA_OPT_O2);
  Buffer first = Buffer::create(dev, n * 4), second = Buffer::create(dev, n * 4);
  const std::vector<float> x0 = random_floats(static_cast<size_t>(n), 1);
  first.write(x0);
  const auto type = f32_type({n});
  // first -> second -> first: the second launch reads the first's output.
  Event e1 = exe.launch_async({tensor(first, type)}, {tensor(second, type)});
  Event e2 = exe.launch_async({tensor(second, type)}, {tensor(first, type)});
  CHECK(e2.wait());
  CHECK(e1.wait(0));
  const std::vector<float> out = first.read<float>(static_cast<size_t>(n));
  for (size_t i = 0; i < out.size(); i += 4099) {
    CHECK(out[i] == (x0[i] * 2.0f + 1.0f) * 2.0f + 1.0f);
  }
}

TEST_CASE("a symbolic module runs every binding, inline and queued, and agrees with the reference") {
  Builder b;
  const Expr rows = b.symbol("N", 1 << 20);
  const Value x = b.input(F32, {rows, Expr::lit(64)}, "x");
  const Value w = b.input(F32, ir::lits(std::vector<int64_t>{64, 8}), "w");
  const Value h = b.unary(TISA_OP_TANH, b.matmul(x, w, F32));
  const std::vector<Expr> shape{rows, Expr::lit(8)};
  const Value m = b.broadcast(b.reduce(TISA_OP_REDUCE_MAX, h, {1}, true), shape);
  const Value e = b.unary(TISA_OP_EXP, b.sub(h, m));
  b.output(b.div(e, b.broadcast(b.reduce(TISA_OP_REDUCE_SUM, e, {1}, true), shape)));
  const ir::Module ir_module = b.finish();
  const Module module = load(ir_module);
  const Device dev = cpu_device();
  for (tisa_opt_level_t level : {TISA_OPT_O0, TISA_OPT_O2}) {
    const Executable exe = Executable::create(dev, module, level);
    for (int64_t n : {1, 37, 20000, 37}) {
      INFO("level " << level << ", N = " << n);
      const std::vector<float> xs = random_floats(static_cast<size_t>(n * 64), 2);
      const std::vector<float> ws = random_floats(64 * 8, 3);
      Buffer bx = Buffer::create(dev, xs.size() * 4), bw = Buffer::create(dev, ws.size() * 4),
             by = Buffer::create(dev, static_cast<uint64_t>(n * 8 * 4));
      bx.write(xs);
      bw.write(ws);
      exe.launch({tensor(bx, f32_type({n, 64})), tensor(bw, f32_type({64, 8}))},
                 {tensor(by, f32_type({n, 8}))});
      const std::vector<float> got = by.read<float>(static_cast<size_t>(n * 8));
      ref::HostTensor tx{F32, {n, 64}, {}}, tw{F32, {64, 8}, {}};
      tx.data.resize(xs.size() * 4);
      std::memcpy(tx.data.data(), xs.data(), tx.data.size());
      tw.data.resize(ws.size() * 4);
      std::memcpy(tw.data.data(), ws.data(), tw.data.size());
      const std::vector<ref::HostTensor> want = ref::evaluate(ir_module, std::vector{tx, tw});
      for (size_t i = 0; i < got.size(); ++i) {
        float r;
        std::memcpy(&r, want[0].data.data() + 4 * i, 4);
        REQUIRE(std::fabs(got[i] - r) <= 1e-5f);
      }
    }
  }
}

}  // namespace
