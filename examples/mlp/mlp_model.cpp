#include "examples/mlp/mlp_model.hpp"

#include <cmath>
#include <span>

#include "hal/ir/builder.hpp"

namespace tisa::examples {
namespace {

using ir::Builder;
using ir::Expr;
using ir::Value;

// splitmix64: a fixed, portable sequence (std:: distributions differ between libraries).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [-1, 1), exactly representable in f32 (24 random bits).
  float uniform() { return static_cast<float>(static_cast<int64_t>(next() >> 40) - (1 << 23)) / (1 << 23); }

 private:
  uint64_t state_;
};

std::vector<float> random_vector(Rng& rng, size_t count, float scale) {
  std::vector<float> v(count);
  for (float& x : v) x = rng.uniform() * scale;
  return v;
}

Value constant(Builder& b, const std::vector<float>& values, std::vector<int64_t> shape) {
  return b.constant(TISA_DTYPE_F32, std::move(shape), std::span<const float>(values));
}

// A rank-0 f32 constant broadcast to shape: how scalars enter elementwise ops without implicit
// broadcasting.
Value splat(Builder& b, double value, const std::vector<Expr>& shape) {
  return b.broadcast(b.scalar(TISA_DTYPE_F32, value), shape);
}

// x @ w + b, with the bias broadcast from [cols] to [N, cols].
Value dense(Builder& b, Value x, Value w, Value bias, const std::vector<Expr>& out_shape) {
  Value product = b.matmul(x, w, TISA_DTYPE_F32);
  return b.add(product, b.broadcast(bias, out_shape));
}

// gelu(x) = 0.5 * x * (1 + erf(x / sqrt(2)))
Value gelu(Builder& b, Value x, const std::vector<Expr>& shape) {
  // Sequenced statements keep the instruction order readable (argument order is unspecified).
  Value inv_sqrt2 = splat(b, 1.0 / std::sqrt(2.0), shape);
  Value erf = b.unary(TISA_OP_ERF, b.mul(x, inv_sqrt2));
  Value one = splat(b, 1.0, shape);
  Value one_plus_erf = b.add(one, erf);
  Value half = splat(b, 0.5, shape);
  return b.mul(b.mul(half, x), one_plus_erf);
}

// softmax over the last axis, shifted by the row maximum for range safety.
Value softmax(Builder& b, Value x, const std::vector<Expr>& shape) {
  Value row_max = b.reduce(TISA_OP_REDUCE_MAX, x, {1}, /*keepdims=*/true);
  Value e = b.unary(TISA_OP_EXP, b.sub(x, b.broadcast(row_max, shape)));
  Value row_sum = b.reduce(TISA_OP_REDUCE_SUM, e, {1}, /*keepdims=*/true);
  return b.div(e, b.broadcast(row_sum, shape));
}

}  // namespace

MlpWeights make_weights(uint64_t seed) {
  Rng rng(seed);
  MlpWeights w;
  const float s1 = 1.0f / std::sqrt(float(MlpWeights::kIn)),
              s2 = 1.0f / std::sqrt(float(MlpWeights::kHidden));
  w.w1 = random_vector(rng, MlpWeights::kIn * MlpWeights::kHidden, s1);
  w.b1 = random_vector(rng, MlpWeights::kHidden, s1);
  w.w2 = random_vector(rng, MlpWeights::kHidden * MlpWeights::kOut, s2);
  w.b2 = random_vector(rng, MlpWeights::kOut, s2);
  return w;
}

ir::Module build_mlp(const MlpWeights& w) {
  Builder b;
  const Expr n = b.symbol("N");
  const std::vector<Expr> hidden{n, Expr::lit(MlpWeights::kHidden)}, out{n, Expr::lit(MlpWeights::kOut)};

  Value x = b.input(TISA_DTYPE_F32, {n, Expr::lit(MlpWeights::kIn)}, "x");
  Value w1 = constant(b, w.w1, {MlpWeights::kIn, MlpWeights::kHidden});
  Value b1 = constant(b, w.b1, {MlpWeights::kHidden});
  Value w2 = constant(b, w.w2, {MlpWeights::kHidden, MlpWeights::kOut});
  Value b2 = constant(b, w.b2, {MlpWeights::kOut});
  b.name(w1, "W1");
  b.name(b1, "b1");
  b.name(w2, "W2");
  b.name(b2, "b2");

  Value h = gelu(b, dense(b, x, w1, b1, hidden), hidden);
  b.name(h, "hidden");
  Value logits = dense(b, h, w2, b2, out);
  b.name(logits, "logits");
  Value probs = softmax(b, logits, out);
  b.name(probs, "probs");
  b.output(probs);
  return b.finish();
}

}  // namespace tisa::examples
