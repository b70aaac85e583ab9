// QuantizeLinear / DequantizeLinear (per tensor or per axis), in f32:
// quantize: saturate(round_half_even(x / scale) + zero_point) (cast saturates, spec 7.3);
// dequantize: (x - zero_point) * scale.
#include "frontends/onnx/converters.hpp"
#include "frontends/ops/broadcast.hpp"
#include "frontends/ops/conv.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/linalg.hpp"
#include "frontends/ops/reduce.hpp"

namespace tisa::onnx_import {
namespace {

// A per-axis [C] parameter reshaped to broadcast along axis of x; rank 0 stays as it is.
Value along_axis(NodeContext& c, Value v, Value x) {
  if (c.rank(v) == 0 || c.rank(x) <= 1) return v;
  const int64_t axis = ops::normalize_axis(c.attr.i("axis", 1), c.rank(x), c.node.op_type());
  std::vector<Expr> shape(static_cast<size_t>(c.rank(x)), Expr::lit(1));
  shape[static_cast<size_t>(axis)] = c.dims(v).at(0);
  return c.b.reshape(v, shape);
}

void quantize(NodeContext& c) {
  c.attr.ignore("saturate");
  Value x = c.in(0);
  Value scale = along_axis(c, c.in(1), x);
  const tisa_dtype_t to = c.has(2) ? c.dtype(c.in(2)) : TISA_DTYPE_U8;
  if (!c.has(2)) c.attr.ignore("axis");
  Value q = c.b.unary(TISA_OP_ROUND, ops::div(c.b, x, scale));
  if (c.has(2)) q = ops::add(c.b, q, ops::cast_to(c.b, along_axis(c, c.in(2), x), c.dtype(q)));
  c.out(0, c.b.cast(q, to));
}

void dequantize(NodeContext& c) {
  Value x = c.in(0);
  Value scale = along_axis(c, c.in(1), x);
  const tisa_dtype_t f = c.dtype(scale);
  Value v = ops::cast_to(c.b, x, f);
  if (c.has(2))
    v = ops::sub(c.b, v, ops::cast_to(c.b, along_axis(c, c.in(2), x), f));
  else
    c.attr.ignore("axis");
  c.out(0, ops::mul(c.b, v, scale));
}

// DynamicQuantizeLinear: scale = (max(0, max x) - min(0, min x)) / 255, zero point =
// saturate(round(-min(0, min x) / scale)) as u8, y = saturate(round(x / scale) + zero point).
void dynamic_quantize(NodeContext& c) {
  Value x = c.in(0);
  const tisa_dtype_t f = c.dtype(x);
  Value zero = c.b.scalar(f, 0.0);
  Value hi = c.b.max(ops::reduce_max(c.b, x, std::nullopt, false), zero);
  Value lo = c.b.min(ops::reduce_min(c.b, x, std::nullopt, false), zero);
  Value scale = c.b.div(c.b.sub(hi, lo), c.b.scalar(f, 255.0));
  Value zp_f = c.b.unary(TISA_OP_ROUND, c.b.div(c.b.unary(TISA_OP_NEG, lo), scale));
  zp_f = c.b.min(c.b.max(zp_f, zero), c.b.scalar(f, 255.0));
  Value y = ops::add(c.b, c.b.unary(TISA_OP_ROUND, ops::div(c.b, x, scale)), zp_f);
  y = ops::clip(c.b, y, 0.0, 255.0);
  c.out(0, c.b.cast(y, TISA_DTYPE_U8));
  c.out(1, scale);
  c.out(2, c.b.cast(zp_f, TISA_DTYPE_U8));
}

// x - zero_point in i32 (zero point per tensor, or per channel along `axis` of x).
Value centered(NodeContext& c, Value x, std::optional<Value> zp, int64_t axis) {
  Value v = c.b.cast(x, TISA_DTYPE_I32);
  if (!zp) return v;
  Value z = c.b.cast(*zp, TISA_DTYPE_I32);
  if (c.rank(z) == 1 && c.rank(v) > 1) {
    std::vector<Expr> shape(static_cast<size_t>(c.rank(v)), Expr::lit(1));
    shape[static_cast<size_t>(axis)] = c.dims(z)[0];
    z = c.b.reshape(z, shape);
  }
  return ops::sub(c.b, v, z);
}

ops::ConvOptions conv_options(NodeContext& c) {
  ops::ConvOptions o;
  o.strides = c.attr.ints("strides", {});
  o.dilations = c.attr.ints("dilations", {});
  o.group = c.attr.i("group", 1);
  const std::string pad = c.attr.s("auto_pad", "NOTSET");
  if (pad == "SAME_UPPER")
    o.auto_pad = ops::AutoPad::SameUpper;
  else if (pad == "SAME_LOWER")
    o.auto_pad = ops::AutoPad::SameLower;
  else if (pad == "VALID")
    o.auto_pad = ops::AutoPad::Valid;
  else if (pad != "NOTSET")
    c.attr.bad("auto_pad", fmt::format("unknown value '{}'", pad));
  c.attr.ignore("kernel_shape");
  if (auto pads = c.attr.ints("pads")) {
    const size_t n = pads->size() / 2;
    o.pads_begin.assign(pads->begin(), pads->begin() + static_cast<std::ptrdiff_t>(n));
    o.pads_end.assign(pads->begin() + static_cast<std::ptrdiff_t>(n), pads->end());
  }
  return o;
}

// ConvInteger: conv of the centered i32 operands (i32 accumulation).
void conv_integer(NodeContext& c) {
  const ops::ConvOptions o = conv_options(c);
  Value x = centered(c, c.in(0), c.opt(2), 1), w = centered(c, c.in(1), c.opt(3), 0);
  c.out(0, ops::conv(c.b, x, w, std::nullopt, o));
}

// y = saturate(round(acc * (a_scale * b_scale / y_scale)) + y_zero_point), acc the exact i32
// product of the centered operands, scaled in f32.
Value requantize(NodeContext& c, Value acc, Value scale_a, Value scale_b, Value scale_y, Value zp_y) {
  Value f = c.b.cast(acc, TISA_DTYPE_F32);
  Value m = ops::div(c.b, ops::mul(c.b, scale_a, scale_b), scale_y);
  Value q =
      ops::add(c.b, c.b.unary(TISA_OP_ROUND, ops::mul(c.b, f, m)), ops::cast_to(c.b, zp_y, TISA_DTYPE_F32));
  const tisa_dtype_t to = c.dtype(zp_y);
  return c.b.cast(ops::clip(c.b, q, ops::lowest_value(to), ops::highest_value(to)), to);
}

void qlinear_matmul(NodeContext& c) {
  Value a = centered(c, c.in(0), c.in(2), 0), b = centered(c, c.in(3), c.in(5), 0);
  c.out(0, requantize(c, ops::matmul_acc(c.b, a, b, TISA_DTYPE_I32), c.in(1), c.in(4), c.in(6), c.in(7)));
}

void qlinear_conv(NodeContext& c) {
  const ops::ConvOptions o = conv_options(c);
  Value x = centered(c, c.in(0), c.in(2), 1), w = centered(c, c.in(3), c.in(5), 0);
  Value acc = ops::conv(c.b, x, w, c.opt(8), o);
  Value ws = c.in(4);
  if (c.rank(ws) == 1) {  // per output channel: [O, 1, ...] against acc [N, O, spatial...]
    std::vector<Expr> shape(static_cast<size_t>(c.rank(acc) - 1), Expr::lit(1));
    shape[0] = c.dims(ws)[0];
    ws = c.b.reshape(ws, shape);
  }
  c.out(0, requantize(c, acc, c.in(1), ws, c.in(6), c.in(7)));
}

}  // namespace

void add_quantize_converters(ConverterTable& t) {
  t["QuantizeLinear"] = quantize;
  t["DequantizeLinear"] = dequantize;
  t["DynamicQuantizeLinear"] = dynamic_quantize;
  t["ConvInteger"] = conv_integer;
  t["QLinearMatMul"] = qlinear_matmul;
  t["QLinearConv"] = qlinear_conv;
}

}  // namespace tisa::onnx_import
