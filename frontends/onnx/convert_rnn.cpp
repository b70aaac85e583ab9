// RNN, GRU and LSTM unrolled over a literal sequence length (one matmul pair per step and
// direction). Gate layouts as ONNX: GRU [z, r, h], LSTM [i, o, f, c], peepholes [i, o, f].
#include "frontends/onnx/converters.hpp"
#include "frontends/ops/activation.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/linalg.hpp"
#include "frontends/ops/shape.hpp"

namespace tisa::onnx_import {
namespace {

enum class Cell { Rnn, Gru, Lstm };

using Activation = Value (*)(ir::Builder&, Value);
Value tanh_act(ir::Builder& b, Value x) {
  return b.unary(TISA_OP_TANH, x);
}

struct Recurrence {
  NodeContext& c;
  Cell cell;
  int64_t hidden = 0;

  // Columns [k * H, (k + 1) * H) of the last axis.
  Value gate(Value v, int64_t k) {
    auto dims = c.dims(v);
    std::vector<Expr> start(dims.size(), Expr::lit(0)), stop = dims;
    start.back() = Expr::lit(k * hidden);
    stop.back() = Expr::lit((k + 1) * hidden);
    return c.b.slice(v, start, stop, std::vector<int64_t>(dims.size(), 1));
  }
  // Row d of a [dirs, ...] tensor, without the leading axis.
  Value row(Value v, int64_t d) {
    auto dims = c.dims(v);
    std::vector<Expr> start(dims.size(), Expr::lit(0)), stop = dims;
    start[0] = Expr::lit(d);
    stop[0] = Expr::lit(d + 1);
    dims.erase(dims.begin());
    return c.b.reshape(c.b.slice(v, start, stop, std::vector<int64_t>(start.size(), 1)), dims);
  }
};

Activation activation(NodeContext& c, const std::string& name) {
  if (name == "Sigmoid") return ops::sigmoid;
  if (name == "Tanh") return tanh_act;
  if (name == "Relu") return ops::relu;
  c.attr.unsupported("activations", fmt::format("'{}' is not supported (Sigmoid, Tanh, Relu)", name));
}

template <Cell K>
void recurrent(NodeContext& c) {
  Recurrence r{c, K};
  const std::string direction = c.attr.s("direction", "forward");
  const int64_t dirs = direction == "bidirectional" ? 2 : 1;
  if (direction != "forward" && direction != "reverse" && direction != "bidirectional")
    c.attr.bad("direction", fmt::format("unknown value '{}'", direction));
  const auto hidden = c.attr.i("hidden_size");
  if (!hidden) c.attr.bad("hidden_size", "is required");
  r.hidden = *hidden;
  const int64_t layout = c.attr.i("layout", 0);
  if (c.attr.f("clip")) c.attr.unsupported("clip", "not supported");
  if (c.attr.floats("activation_alpha") || c.attr.floats("activation_beta"))
    c.unsupported("activation_alpha / activation_beta are not supported");
  const int64_t linear_before_reset = K == Cell::Gru ? c.attr.i("linear_before_reset", 0) : 0;
  if (K == Cell::Lstm && c.attr.i("input_forget", 0) != 0) c.attr.unsupported("input_forget", "only 0");
  const size_t per_dir = K == Cell::Lstm ? 3 : K == Cell::Gru ? 2 : 1;
  std::vector<std::string> names = c.attr.strings("activations").value_or(std::vector<std::string>{});
  if (names.empty()) {
    for (int64_t d = 0; d < dirs; ++d) {
      if (K == Cell::Rnn) names.push_back("Tanh");
      if (K != Cell::Rnn) names.insert(names.end(), {"Sigmoid", "Tanh"});
      if (K == Cell::Lstm) names.push_back("Tanh");
    }
  }
  if (names.size() != per_dir * static_cast<size_t>(dirs))
    c.attr.bad("activations",
               fmt::format("needs {} names, got {}", per_dir * static_cast<size_t>(dirs), names.size()));

  Value x = c.in(0);
  if (layout == 1) x = ops::transpose(c.b, x, std::vector<int64_t>{1, 0, 2});
  const auto xd = c.dims(x);
  const int64_t seq = ops::require_literal(c.b, xd[0], c.node.op_type(), "the sequence length");
  if (c.has(4)) {
    for (int64_t len : c.ints(4, "sequence_lens"))
      if (len != seq) c.unsupported("sequence_lens shorter than the sequence are not supported");
  }
  const int64_t gates = K == Cell::Lstm ? 4 : K == Cell::Gru ? 3 : 1;
  const tisa_dtype_t t = c.dtype(x);
  const std::vector<Expr> state_shape{xd[1], Expr::lit(r.hidden)};
  std::vector<Value> ys, hs, cs;
  for (int64_t d = 0; d < dirs; ++d) {
    std::vector<Activation> f;
    for (size_t i = 0; i < per_dir; ++i)
      f.push_back(activation(c, names[static_cast<size_t>(d) * per_dir + i]));
    const bool reverse = direction == "reverse" || d == 1;
    Value w = ops::transpose(c.b, r.row(c.in(1), d), std::vector<int64_t>{1, 0});   // [I, G*H]
    Value rr = ops::transpose(c.b, r.row(c.in(2), d), std::vector<int64_t>{1, 0});  // [H, G*H]
    Value wb = ops::splat(c.b, 0.0, t, {Expr::lit(gates * r.hidden)}), rb = wb;
    if (c.has(3)) {
      Value bias = r.row(c.in(3), d);
      wb = c.b.slice(bias, {Expr::lit(0)}, {Expr::lit(gates * r.hidden)}, {1});
      rb = c.b.slice(bias, {Expr::lit(gates * r.hidden)}, {Expr::lit(2 * gates * r.hidden)}, {1});
    }
    Value h = c.has(5) ? r.row(c.in(5), d) : ops::splat(c.b, 0.0, t, state_shape);
    Value cell = (K == Cell::Lstm && c.has(6)) ? r.row(c.in(6), d) : ops::splat(c.b, 0.0, t, state_shape);
    std::optional<Value> peep =
        (K == Cell::Lstm && c.has(7)) ? std::optional<Value>(r.row(c.in(7), d)) : std::nullopt;
    std::vector<Value> steps(static_cast<size_t>(seq));
    for (int64_t s = 0; s < seq; ++s) {
      const int64_t step = reverse ? seq - 1 - s : s;
      Value xt = c.b.reshape(c.b.slice(x, {Expr::lit(step), Expr::lit(0), Expr::lit(0)},
                                       {Expr::lit(step + 1), xd[1], xd[2]}, {1, 1, 1}),
                             {xd[1], xd[2]});
      Value xw = ops::add(c.b, ops::matmul(c.b, xt, w), wb);  // [B, G*H]
      Value hr = ops::add(c.b, ops::matmul(c.b, h, rr), rb);
      if (K == Cell::Rnn) {
        h = f[0](c.b, c.b.add(xw, hr));
      } else if (K == Cell::Gru) {
        Value z = f[0](c.b, c.b.add(r.gate(xw, 0), r.gate(hr, 0)));
        Value rg = f[0](c.b, c.b.add(r.gate(xw, 1), r.gate(hr, 1)));
        Value cand;
        if (linear_before_reset) {
          cand = f[1](c.b, c.b.add(r.gate(xw, 2), c.b.mul(rg, r.gate(hr, 2))));
        } else {
          Value rh = ops::matmul(c.b, c.b.mul(rg, h), r.gate(rr, 2));
          cand = f[1](c.b, c.b.add(r.gate(xw, 2), ops::add(c.b, rh, r.gate(rb, 2))));
        }
        Value one = ops::splat_like(c.b, 1.0, z);
        h = c.b.add(c.b.mul(c.b.sub(one, z), cand), c.b.mul(z, h));
      } else {
        Value sum = c.b.add(xw, hr);
        Value gi = r.gate(sum, 0), go = r.gate(sum, 1), gf = r.gate(sum, 2), gc = r.gate(sum, 3);
        if (peep) {
          gi = ops::add(c.b, gi, ops::mul(c.b, r.gate(*peep, 0), cell));
          gf = ops::add(c.b, gf, ops::mul(c.b, r.gate(*peep, 2), cell));
        }
        Value i = f[0](c.b, gi), fg = f[0](c.b, gf), cand = f[1](c.b, gc);
        cell = c.b.add(c.b.mul(fg, cell), c.b.mul(i, cand));
        if (peep) go = ops::add(c.b, go, ops::mul(c.b, r.gate(*peep, 1), cell));
        h = c.b.mul(f[0](c.b, go), f[2](c.b, cell));
      }
      steps[static_cast<size_t>(step)] = ops::unsqueeze(c.b, h, {0});  // [1, B, H]
    }
    ys.push_back(ops::unsqueeze(c.b, c.b.concat(steps, 0), {1}));  // [S, 1, B, H]
    hs.push_back(ops::unsqueeze(c.b, h, {0}));
    cs.push_back(ops::unsqueeze(c.b, cell, {0}));
  }
  Value y = ys.size() == 1 ? ys[0] : c.b.concat(ys, 1);
  Value yh = hs.size() == 1 ? hs[0] : c.b.concat(hs, 0);
  Value yc = cs.size() == 1 ? cs[0] : c.b.concat(cs, 0);
  if (layout == 1) {
    y = ops::transpose(c.b, y, std::vector<int64_t>{2, 0, 1, 3});
    yh = ops::transpose(c.b, yh, std::vector<int64_t>{1, 0, 2});
    yc = ops::transpose(c.b, yc, std::vector<int64_t>{1, 0, 2});
  }
  c.out(0, y);
  c.out(1, yh);
  if (K == Cell::Lstm) c.out(2, yc);
}

}  // namespace

void add_rnn_converters(ConverterTable& t) {
  t["RNN"] = recurrent<Cell::Rnn>;
  t["GRU"] = recurrent<Cell::Gru>;
  t["LSTM"] = recurrent<Cell::Lstm>;
}

}  // namespace tisa::onnx_import
