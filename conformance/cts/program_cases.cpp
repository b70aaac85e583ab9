// Hand-written compositions of TISA-B primitives, as a frontend would lower them.
#include "conformance/cts/program_cases.hpp"

#include <cmath>

#include <fmt/format.h>

namespace tisa::cts {
namespace {

using ir::Expr;
using ir::lits;
using ir::Value;
constexpr tisa_dtype_t F32 = TISA_DTYPE_F32;

using S = std::vector<int64_t>;

Value fill(Draft& d, Value like, double v) {
  return d.b.fill(d.b.type(like).dtype, d.b.type(like).dims, v);
}

// x reduced over the last axis and broadcast back to x's shape.
Value reduce_last_keep(Draft& d, tisa_opcode_t op, Value x) {
  const auto& dims = d.b.type(x).dims;
  const int64_t last = static_cast<int64_t>(dims.size()) - 1;
  return d.b.broadcast(d.b.reduce(op, x, {last}, true), dims);
}

Value softmax(Draft& d, Value x) {
  const Value shifted = d.b.sub(x, reduce_last_keep(d, TISA_OP_REDUCE_MAX, x));
  const Value e = d.b.unary(TISA_OP_EXP, shifted);
  return d.b.div(e, reduce_last_keep(d, TISA_OP_REDUCE_SUM, e));
}

Value layernorm(Draft& d, Value x, Value gamma, Value beta) {
  const auto& dims = d.b.type(x).dims;
  const double n = static_cast<double>(*dims.back().as_lit());
  const Value inv_n = fill(d, x, 1.0 / n);
  const Value mean = d.b.mul(reduce_last_keep(d, TISA_OP_REDUCE_SUM, x), inv_n);
  const Value centered = d.b.sub(x, mean);
  const Value var = d.b.mul(reduce_last_keep(d, TISA_OP_REDUCE_SUM, d.b.mul(centered, centered)), inv_n);
  const Value inv_std = d.b.unary(TISA_OP_RSQRT, d.b.add(var, fill(d, x, 1e-5)));
  const Value normed = d.b.mul(centered, inv_std);
  return d.b.add(d.b.mul(normed, d.b.broadcast(gamma, dims)), d.b.broadcast(beta, dims));
}

void softmax_case(Draft& d) {
  d.b.output(softmax(d, d.input(F32, {6, 33}, Fill{Values::Random})));
}

void softmax_symbolic_case(Draft& d) {
  const Value x = d.input(F32, {9, 16}, Fill{Values::Random}, {d.symbol("N", 64), Expr::lit(16)});
  d.b.output(softmax(d, x));
}

void layernorm_case(Draft& d) {
  const Value x = d.input(F32, {5, 48}, Fill{Values::Random});
  const Value gamma = d.input(F32, {48}, Fill{Values::Unit});
  const Value beta = d.input(F32, {48}, Fill{Values::Unit});
  d.b.output(layernorm(d, x, gamma, beta));
}

// Single-head attention: softmax(q k^T / sqrt(d)) v.
void attention_case(Draft& d) {
  const Value q = d.input(F32, {2, 7, 16}, Fill{Values::Unit});
  const Value k = d.input(F32, {2, 9, 16}, Fill{Values::Unit});
  const Value v = d.input(F32, {2, 9, 8}, Fill{Values::Unit});
  const Value scores = d.b.matmul(q, d.b.transpose(k, {0, 2, 1}), F32);
  const Value scaled = d.b.mul(scores, fill(d, scores, 0.25));
  d.b.output(d.b.matmul(softmax(d, scaled), v, F32));
}

// conv2d, NHWC-free single image: x [H, W, C], w [KH*KW*C, F]; pad -> window -> reshape -> matmul.
void conv_case(Draft& d) {
  const Value x = d.input(F32, {9, 8, 3}, Fill{Values::Unit});
  const Value w = d.input(F32, {3 * 3 * 3, 4}, Fill{Values::Unit});
  const Value bias = d.input(F32, {4}, Fill{Values::Unit});
  const Value padded = d.b.pad(x, lits(S{1, 1, 0}), lits(S{1, 1, 0}), 0.0);  // [11, 10, 3]
  const Value win = d.b.window(padded, {3, 3, 3}, {2, 1, 1}, {1, 1, 1});     // [5, 8, 1, 3, 3, 3]
  const Value rows = d.b.reshape(win, lits(S{5 * 8, 27}));
  const Value y = d.b.matmul(rows, w, F32);  // [40, 4]
  const Value relu =
      d.b.max(d.b.add(y, d.b.broadcast(bias, lits(S{40, 4}))), d.b.fill(F32, lits(S{40, 4}), 0.0));
  d.b.output(d.b.reshape(relu, lits(S{5, 8, 4})));
}

// 3x3 max pooling with stride 2 and average pooling: pad -> window -> reduce.
void pooling_case(Draft& d) {
  const Value x = d.input(F32, {2, 11, 10}, Fill{Values::Random});
  const double neg_inf = -INFINITY;
  const Value padded = d.b.pad(x, lits(S{0, 1, 1}), lits(S{0, 1, 1}), neg_inf);  // [2, 13, 12]
  const Value win = d.b.window(padded, {1, 3, 3}, {1, 2, 2}, {1, 1, 1});         // [2, 6, 5, 1, 3, 3]
  d.b.output(d.b.reduce(TISA_OP_REDUCE_MAX, win, {3, 4, 5}, false));
  const Value win2 = d.b.window(x, {1, 2, 2}, {1, 2, 2}, {1, 1, 1});  // [2, 5, 5, 1, 2, 2]
  const Value sum = d.b.reduce(TISA_OP_REDUCE_SUM, win2, {3, 4, 5}, false);
  d.b.output(d.b.mul(sum, d.b.fill(F32, lits(S{2, 5, 5}), 0.25)));
}

// gelu(x * a + b) via erf, then tanh and a clamp: what elementwise fusion joins.
void elementwise_chain_case(Draft& d) {
  const Value x = d.input(F32, {17, 23}, Fill{Values::Random});
  const Value a = d.input(F32, {17, 23}, Fill{Values::Unit});
  const Value y = d.b.add(d.b.mul(x, a), fill(d, x, 0.5));
  const Value gelu =
      d.b.mul(d.b.mul(y, fill(d, x, 0.5)),
              d.b.add(fill(d, x, 1.0), d.b.unary(TISA_OP_ERF, d.b.mul(y, fill(d, x, M_SQRT1_2)))));
  const Value t = d.b.unary(TISA_OP_TANH, gelu);
  d.b.output(d.b.min(d.b.max(t, fill(d, x, -0.5)), fill(d, x, 0.75)));
}

// A reduction feeding a broadcast, feeding another reduction: x - mean over rows, column norms.
void reduce_broadcast_case(Draft& d) {
  const Value x = d.input(F32, {12, 20}, Fill{Values::Random});
  const Value mean =
      d.b.mul(d.b.reduce(TISA_OP_REDUCE_SUM, x, {0}, false), d.b.fill(F32, lits(S{20}), 1.0 / 12));
  const Value centered = d.b.sub(x, d.b.broadcast(mean, lits(S{12, 20})));
  const Value norms =
      d.b.unary(TISA_OP_SQRT, d.b.reduce(TISA_OP_REDUCE_SUM, d.b.mul(centered, centered), {0}, false));
  d.b.output(
      d.b.div(centered, d.b.broadcast(d.b.add(norms, d.b.fill(F32, lits(S{20}), 1.0)), lits(S{12, 20}))));
  d.b.output(d.b.arg_reduce(TISA_OP_ARGMAX, x, 1, false));
}

// A two-layer MLP with a symbolic batch.
void mlp_case(Draft& d) {
  const Expr n = d.symbol("N", 128);
  const Value x = d.input(F32, {10, 32}, Fill{Values::Unit}, {n, Expr::lit(32)});
  const Value w1 = d.input(F32, {32, 24}, Fill{Values::Unit});
  const Value w2 = d.input(F32, {24, 5}, Fill{Values::Unit});
  const Value h = d.b.matmul(x, w1, F32);
  const Value relu = d.b.max(h, d.b.fill(F32, {n, Expr::lit(24)}, 0.0));
  d.b.output(softmax(d, d.b.matmul(relu, w2, F32)));
}

// Integer-only pipeline: exact at every level (wrap-around, shifts, gather).
void integer_case(Draft& d) {
  const Value x = d.input(TISA_DTYPE_I32, {8, 9}, Fill{Values::Random});
  const Value idx = d.input(TISA_DTYPE_I64, {5}, Fill{Values::IndexOob, 0, 1, 8});
  const Value y = d.b.binary(TISA_OP_XOR, d.b.mul(x, x),
                             d.b.binary(TISA_OP_SHR, x, d.b.fill(TISA_DTYPE_I32, lits(S{8, 9}), 3)));
  const Value g = d.b.gather(y, idx, 0);
  d.b.output(d.b.reduce(TISA_OP_REDUCE_SUM, g, {1}, false));
  d.b.output(d.b.cast(d.b.reduce(TISA_OP_REDUCE_MAX, y, {0}, true), TISA_DTYPE_I8));
}

struct Program {
  const char* name;
  void (*body)(Draft&);  // adds inputs, instructions and outputs
};

constexpr Program kPrograms[] = {
    {"softmax.f32", softmax_case},
    {"softmax.f32.symbolic", softmax_symbolic_case},
    {"layernorm.f32", layernorm_case},
    {"attention.f32", attention_case},
    {"conv2d.f32", conv_case},
    {"pooling.f32", pooling_case},
    {"elementwise_chain.f32", elementwise_chain_case},
    {"reduce_broadcast.f32", reduce_broadcast_case},
    {"mlp.f32", mlp_case},
    {"integer.i32", integer_case},
};

}  // namespace

std::vector<Case> program_cases() {
  std::vector<Case> out;
  for (const Program& p : kPrograms) {
    for (tisa_opt_level_t level : {TISA_OPT_O0, TISA_OPT_O2}) {
      const std::string seed_name = fmt::format("program.{}", p.name);
      const std::string name = fmt::format("{}.O{}", seed_name, static_cast<int>(level));
      Case c;
      c.name = name;
      c.build = [seed_name, level, body = p.body]() {
        Draft d(seed_name);  // both levels run the same data
        body(d);
        return std::make_shared<const ModuleCase>(d.finish({level}, Judge::Program));
      };
      c.run = [build = c.build](const Target& target) { return run_module_case(target, *build()); };
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace tisa::cts
