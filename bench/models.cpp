#include "bench/models.hpp"

#include "hal/ir/builder.hpp"

namespace tisa::bench {
namespace {

using ir::Expr;
using ir::Value;
constexpr tisa_dtype_t F32 = TISA_DTYPE_F32;

std::vector<Expr> dims(std::initializer_list<int64_t> values) {
  std::vector<Expr> out;
  for (int64_t v : values) out.push_back(Expr::lit(v));
  return out;
}

Value reduce_last_keep(ir::Builder& b, tisa_opcode_t op, Value x) {
  const auto shape = b.type(x).dims;
  return b.broadcast(b.reduce(op, x, {static_cast<int64_t>(shape.size()) - 1}, true), shape);
}

}  // namespace

ir::Module matmul_module(int64_t m, int64_t k, int64_t n) {
  ir::Builder b;
  const Value x = b.input(F32, dims({m, k}), "x");
  const Value w = b.input(F32, dims({k, n}), "w");
  b.output(b.matmul(x, w, F32));
  return b.finish();
}

ir::Module chain_module(int ops, int64_t count) {
  ir::Builder b;
  Value y = b.input(F32, dims({count}), "x");
  const tisa_opcode_t cycle[] = {TISA_OP_MUL, TISA_OP_ADD, TISA_OP_MAX, TISA_OP_SUB,
                                 TISA_OP_MIN, TISA_OP_MUL, TISA_OP_ADD, TISA_OP_MAX};
  for (int i = 0; i < ops; ++i) {
    const double c = i % 2 ? 0.25 * (i + 1) : 1.0 - 0.0625 * i;
    y = b.binary(cycle[i % 8], y, b.fill(F32, dims({count}), c));
  }
  b.output(y);
  return b.finish();
}

ir::Module softmax_module(int64_t rows, int64_t cols) {
  ir::Builder b;
  const Value x = b.input(F32, dims({rows, cols}), "x");
  const Value e = b.unary(TISA_OP_EXP, b.sub(x, reduce_last_keep(b, TISA_OP_REDUCE_MAX, x)));
  b.output(b.div(e, reduce_last_keep(b, TISA_OP_REDUCE_SUM, e)));
  return b.finish();
}

ir::Module layernorm_module(int64_t rows, int64_t cols) {
  ir::Builder b;
  const Value x = b.input(F32, dims({rows, cols}), "x");
  const Value gamma = b.input(F32, dims({cols}), "gamma");
  const Value beta = b.input(F32, dims({cols}), "beta");
  const auto shape = dims({rows, cols});
  const Value inv_n = b.fill(F32, shape, 1.0 / static_cast<double>(cols));
  const Value mean = b.mul(reduce_last_keep(b, TISA_OP_REDUCE_SUM, x), inv_n);
  const Value centered = b.sub(x, mean);
  const Value var = b.mul(reduce_last_keep(b, TISA_OP_REDUCE_SUM, b.mul(centered, centered)), inv_n);
  const Value inv_std = b.unary(TISA_OP_RSQRT, b.add(var, b.fill(F32, shape, 1e-5)));
  const Value normed = b.mul(centered, inv_std);
  b.output(b.add(b.mul(normed, b.broadcast(gamma, shape)), b.broadcast(beta, shape)));
  return b.finish();
}

ir::Module conv3x3_module(int64_t h, int64_t w, int64_t c, int64_t f) {
  ir::Builder b;
  const Value x = b.input(F32, dims({h, w, c}), "x");
  const Value weights = b.input(F32, dims({9 * c, f}), "w");
  const Value padded = b.pad(x, dims({1, 1, 0}), dims({1, 1, 0}), 0.0);
  const Value windows = b.window(padded, {3, 3, c}, {1, 1, 1}, {1, 1, 1});  // [h, w, 1, 3, 3, c]
  const Value rows = b.reshape(windows, dims({h * w, 9 * c}));
  b.output(b.reshape(b.matmul(rows, weights, F32), dims({h, w, f})));
  return b.finish();
}

ir::Module add_module(int64_t count) {
  ir::Builder b;
  const Value x = b.input(F32, dims({count}), "x");
  const Value y = b.input(F32, dims({count}), "y");
  b.output(b.add(x, y));
  return b.finish();
}

}  // namespace tisa::bench
