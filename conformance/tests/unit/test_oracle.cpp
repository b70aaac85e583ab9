// The binary64 oracle: promotion to f64 and the reference kernels' f64 support.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "conformance/cts/promote.hpp"
#include "conformance/cts/values.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/error.hpp"

using namespace tisa;
using namespace tisa::cts;

namespace {
ref::HostTensor f32_tensor(std::vector<float> v) {
  ref::HostTensor t{TISA_DTYPE_F32, {static_cast<int64_t>(v.size())}, {}};
  t.data.resize(v.size() * 4);
  std::memcpy(t.data.data(), v.data(), t.data.size());
  return t;
}
double f64_at(const ref::HostTensor& t, size_t i) {
  double d;
  std::memcpy(&d, t.data.data() + i * 8, 8);
  return d;
}
}  // namespace

TEST_CASE("the promoted module computes in binary64, without rounding to f32") {
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_F32, {ir::Expr::lit(3)}, "x");
  const ir::Value e = b.unary(TISA_OP_EXP, b.add(x, b.fill(TISA_DTYPE_F32, {ir::Expr::lit(3)}, 0.1)));
  b.output(e);
  const ir::Module m = b.finish();
  const std::vector<ref::HostTensor> in = {f32_tensor({1.0f, -2.0f, 0.5f})};
  const Oracle64 o = promote_to_f64(m, in, true);
  CHECK((o.module.extensions & TISA_EXT_MASK(TISA_EXT_XF64)) != 0);
  CHECK(o.module.inputs[0].type.dtype == TISA_DTYPE_F64);
  const std::vector<ref::HostTensor> out = ref::evaluate(o.module, o.inputs);
  REQUIRE(out[0].dtype == TISA_DTYPE_F64);
  // The fill value is the f32 0.1 widened, as the device sees it.
  const double fill = static_cast<double>(0.1f);
  CHECK(f64_at(out[0], 0) == std::exp(1.0 + fill));
  CHECK(f64_at(out[0], 1) == std::exp(-2.0 + fill));
  // Extras: the operand of exp, for the linear bounds.
  REQUIRE(o.extras[0].operands.size() == 1);
  CHECK(f64_at(out[static_cast<size_t>(o.extras[0].operands[0])], 2) == 0.5 + fill);
}

TEST_CASE("dot extras: the same reduction over finite magnitudes") {
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_F32, {ir::Expr::lit(4)}, "x");
  b.output(b.reduce(TISA_OP_REDUCE_SUM, x, {0}, false));
  const ir::Module m = b.finish();
  const std::vector<ref::HostTensor> in = {f32_tensor({1.0f, -2.0f, INFINITY, 0.25f})};
  const Oracle64 o = promote_to_f64(m, in, true);
  const auto out = ref::evaluate(o.module, o.inputs);
  CHECK(std::isinf(f64_at(out[0], 0)));
  REQUIRE(o.extras[0].sum_finite >= 0);
  CHECK(f64_at(out[static_cast<size_t>(o.extras[0].sum_finite)], 0) == 3.25);
}

TEST_CASE("product extras: factors >= 1 and < 1 multiplied apart") {
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_F32, {ir::Expr::lit(5)}, "x");
  b.output(b.reduce(TISA_OP_REDUCE_PROD, x, {0}, false));
  const ir::Module m = b.finish();
  const std::vector<ref::HostTensor> in = {f32_tensor({4.0f, -0.5f, 0.0f, 2.0f, 0.25f})};
  const Oracle64 o = promote_to_f64(m, in, true);
  const auto out = ref::evaluate(o.module, o.inputs);
  CHECK(f64_at(out[static_cast<size_t>(o.extras[0].p_big)], 0) == 8.0);
  CHECK(f64_at(out[static_cast<size_t>(o.extras[0].p_small)], 0) == 0.125);
}

TEST_CASE("constants, pads, casts and matmul accumulators are promoted") {
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_I32, {ir::Expr::lit(2), ir::Expr::lit(2)}, "x");
  const std::vector<float> w = {1.5f, -1.0f, 0.1f, 3.0f};
  const ir::Value c = b.constant(TISA_DTYPE_F32, {2, 2}, std::span<const float>(w));
  const ir::Value p = b.pad(b.cast(x, TISA_DTYPE_F32), ir::lits(std::vector<int64_t>{0, 0}),
                            ir::lits(std::vector<int64_t>{0, 0}), 0.3);
  b.output(b.matmul(p, c, TISA_DTYPE_F32));
  const ir::Module m = b.finish();
  ref::HostTensor xi{TISA_DTYPE_I32, {2, 2}, std::vector<uint8_t>(16)};
  const int32_t xs[] = {1, 2, 3, 16777217};
  std::memcpy(xi.data.data(), xs, 16);
  const Oracle64 o = promote_to_f64(m, std::vector<ref::HostTensor>{xi}, false);
  const auto out = ref::evaluate(o.module, o.inputs);
  REQUIRE(out[0].dtype == TISA_DTYPE_F64);
  // cast to f64 keeps 16777217 exactly; the constant is the f32 0.1 widened.
  CHECK(f64_at(out[0], 2) == 3 * 1.5 + 16777217.0 * static_cast<double>(0.1f));
}

TEST_CASE("a bitcast touching f32 cannot be promoted") {
  ir::Builder b;
  const ir::Value x = b.input(TISA_DTYPE_F32, {ir::Expr::lit(2)}, "x");
  b.output(b.bitcast(x, TISA_DTYPE_I32));
  const ir::Module m = b.finish();
  CHECK_THROWS_AS(promote_to_f64(m, std::vector<ref::HostTensor>{f32_tensor({1, 2})}, false), tisa::Error);
}

TEST_CASE("f16 and bf16 values, constants, fills and accumulators are widened exactly") {
  ir::Builder b(TISA_EXT_MASK(TISA_EXT_XF16) | TISA_EXT_MASK(TISA_EXT_XBF16));
  const ir::Value x = b.input(TISA_DTYPE_F16, {ir::Expr::lit(1), ir::Expr::lit(2)}, "x");
  const uint16_t w_bits[] = {0x3f81, 0x3c00};  // bf16 1 + 2^-7, 2^-7 (0x3c00 in bf16)
  const ir::Value w = b.constant(TISA_DTYPE_BF16, {2, 1}, std::span<const uint16_t>(w_bits));
  const ir::Value xb = b.cast(x, TISA_DTYPE_BF16);  // exact here: the x values fit bf16
  const ir::Value one = b.fill(TISA_DTYPE_BF16, {ir::Expr::lit(1), ir::Expr::lit(1)}, 1.0 + 0x1p-7);
  b.output(b.add(b.matmul(xb, w, TISA_DTYPE_BF16), one));
  const ir::Module m = b.finish();
  ref::HostTensor xi{TISA_DTYPE_F16, {1, 2}, std::vector<uint8_t>(4)};
  const uint16_t xs[] = {0x4000, 0x3c00};  // f16 2, 1
  std::memcpy(xi.data.data(), xs, 4);
  const Oracle64 o = promote_to_f64(m, std::vector<ref::HostTensor>{xi}, true);
  CHECK(o.module.inputs[0].type.dtype == TISA_DTYPE_F64);
  const auto out = ref::evaluate(o.module, o.inputs);
  REQUIRE(out[0].dtype == TISA_DTYPE_F64);
  // 2 * (1 + 2^-7) + 1 * 2^-7 + (1 + 2^-7) in binary64, never rounded to bf16.
  CHECK(f64_at(out[0], 0) == 2 * (1 + 0x1p-7) + 0x1p-7 + (1 + 0x1p-7));
  // The reference in bf16 rounds the matmul and the add (ties, to even) and also gets 3.03125.
  const auto exact = ref::evaluate(m, std::vector<ref::HostTensor>{xi});
  uint16_t bits;
  std::memcpy(&bits, exact[0].data.data(), 2);
  CHECK(bits == 0x4042);  // 3.03125
  // A bitcast between the 16-bit floats cannot be promoted either.
  ir::Builder bc(TISA_EXT_MASK(TISA_EXT_XF16) | TISA_EXT_MASK(TISA_EXT_XBF16));
  bc.output(bc.bitcast(bc.input(TISA_DTYPE_F16, {ir::Expr::lit(2)}, "h"), TISA_DTYPE_BF16));
  ref::HostTensor h{TISA_DTYPE_F16, {2}, std::vector<uint8_t>(4)};
  CHECK_THROWS_AS(promote_to_f64(bc.finish(), std::vector<ref::HostTensor>{h}, false), tisa::Error);
}
