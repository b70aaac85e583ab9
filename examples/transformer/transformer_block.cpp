#include "examples/transformer/transformer_block.hpp"

#include <cmath>
#include <span>
#include <string_view>

#include "frontends/ops/ops.hpp"
#include "hal/ir/error.hpp"

namespace tisa::examples {
namespace {

using ir::Builder;
using ir::Expr;
using ir::Value;

// splitmix64.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  // Uniform in [-1, 1), exactly representable in f32 (24 random bits).
  float uniform() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return static_cast<float>(static_cast<int64_t>(z >> 40) - (1 << 23)) / (1 << 23);
  }

 private:
  uint64_t state_;
};

Value constant(Builder& b, const std::vector<float>& values, std::vector<int64_t> shape,
               std::string_view what) {
  int64_t count = 1;
  for (int64_t d : shape) count *= d;
  if (static_cast<int64_t>(values.size()) != count)
    invalid("transformer block: weight {} has {} values, expected {}", what, values.size(), count);
  Value v = b.constant(TISA_DTYPE_F32, std::move(shape), std::span<const float>(values));
  b.name(v, std::string(what));
  return v;
}

// x[B, S, in] @ w[in, out] + bias[out]: one [B*S, in] x [in, out] product (ops::matmul), the bias
// broadcast by ops::add.
Value dense(Builder& b, Value x, Value w, Value bias) {
  return ops::add(b, ops::matmul(b, x, w), bias);
}

// [B, S, D] -> [B, H, S, D/H]: a view (reshape) and a transpose, no arithmetic.
Value split_heads(Builder& b, Value t, const BlockConfig& c, const Expr& s) {
  Value r = b.reshape(t, {ops::lit(c.batch), s, ops::lit(c.heads), ops::lit(c.head_dim())});
  return b.transpose(r, {0, 2, 1, 3});
}

// [B, H, S, D/H] -> [B, S, D].
Value merge_heads(Builder& b, Value t, const BlockConfig& c, const Expr& s) {
  return b.reshape(b.transpose(t, {0, 2, 1, 3}), {ops::lit(c.batch), s, ops::lit(c.d_model)});
}

std::vector<float> random_vector(Rng& rng, int64_t count, float center, float spread) {
  std::vector<float> v(static_cast<size_t>(count));
  for (float& x : v) x = center + spread * rng.uniform();
  return v;
}

}  // namespace

std::vector<float> random_floats(uint64_t seed, int64_t count, float center, float spread) {
  Rng rng(seed);
  return random_vector(rng, count, center, spread);
}

BlockWeights make_block_weights(const BlockConfig& c, uint64_t seed) {
  Rng rng(seed);
  const float sd = 1.0f / std::sqrt(static_cast<float>(c.d_model)),
              sf = 1.0f / std::sqrt(static_cast<float>(c.d_ff));
  const int64_t d = c.d_model, f = c.d_ff;
  BlockWeights w;
  w.ln1_scale = random_vector(rng, d, 1.0f, 0.1f);
  w.ln1_bias = random_vector(rng, d, 0.0f, 0.1f);
  w.w_qkv = random_vector(rng, d * 3 * d, 0.0f, sd);
  w.b_qkv = random_vector(rng, 3 * d, 0.0f, 0.1f);
  w.w_out = random_vector(rng, d * d, 0.0f, sd);
  w.b_out = random_vector(rng, d, 0.0f, 0.1f);
  w.ln2_scale = random_vector(rng, d, 1.0f, 0.1f);
  w.ln2_bias = random_vector(rng, d, 0.0f, 0.1f);
  w.w_ff1 = random_vector(rng, d * f, 0.0f, sd);
  w.b_ff1 = random_vector(rng, f, 0.0f, 0.1f);
  w.w_ff2 = random_vector(rng, f * d, 0.0f, sf);
  w.b_ff2 = random_vector(rng, d, 0.0f, 0.1f);
  return w;
}

ir::Module build_block(const BlockConfig& c, const BlockWeights& w) {
  if (c.heads < 1 || c.d_model % c.heads != 0)
    invalid("transformer block: d_model {} is not a multiple of heads {}", c.d_model, c.heads);
  Builder b;
  const Expr s = b.symbol("S", c.max_seq);
  const int64_t d = c.d_model, f = c.d_ff;
  Value x = b.input(TISA_DTYPE_F32, {ops::lit(c.batch), s, ops::lit(d)}, "x");

  // Attention half: h = x + attention(ln1(x)) W_out + b_out.
  Value ln1 = ops::layer_norm(b, x, constant(b, w.ln1_scale, {d}, "ln1_scale"),
                              constant(b, w.ln1_bias, {d}, "ln1_bias"), -1, c.epsilon);
  Value qkv =
      dense(b, ln1, constant(b, w.w_qkv, {d, 3 * d}, "w_qkv"), constant(b, w.b_qkv, {3 * d}, "b_qkv"));
  const std::vector<Value> parts = ops::split(b, qkv, -1, {ops::lit(d), ops::lit(d), ops::lit(d)});
  ops::AttentionOptions attention_options;
  attention_options.causal = c.causal;
  Value heads = ops::attention(b, split_heads(b, parts[0], c, s), split_heads(b, parts[1], c, s),
                               split_heads(b, parts[2], c, s), attention_options);
  Value attended = dense(b, merge_heads(b, heads, c, s), constant(b, w.w_out, {d, d}, "w_out"),
                         constant(b, w.b_out, {d}, "b_out"));
  Value h = ops::add(b, x, attended);
  b.name(h, "h");

  // MLP half: y = h + gelu(ln2(h) W_ff1 + b_ff1) W_ff2 + b_ff2.
  Value ln2 = ops::layer_norm(b, h, constant(b, w.ln2_scale, {d}, "ln2_scale"),
                              constant(b, w.ln2_bias, {d}, "ln2_bias"), -1, c.epsilon);
  Value hidden =
      ops::gelu(b, dense(b, ln2, constant(b, w.w_ff1, {d, f}, "w_ff1"), constant(b, w.b_ff1, {f}, "b_ff1")));
  Value y = ops::add(
      b, h, dense(b, hidden, constant(b, w.w_ff2, {f, d}, "w_ff2"), constant(b, w.b_ff2, {d}, "b_ff2")));
  b.name(y, "y");
  b.output(y);
  return b.finish();
}

}  // namespace tisa::examples
