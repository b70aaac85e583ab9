// Convolution, pooling (MaxPool with Indices, MaxUnpool), normalization, Gemm / MatMul, Det and
// Dropout (inference: identity).
#include "frontends/onnx/converters.hpp"
#include "frontends/ops/conv.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/linalg.hpp"
#include "frontends/ops/normalization.hpp"
#include "frontends/ops/pooling.hpp"
#include "frontends/ops/reduce.hpp"
#include "frontends/ops/shape.hpp"

namespace tisa::onnx_import {
namespace {

ops::AutoPad auto_pad(NodeContext& c) {
  const std::string s = c.attr.s("auto_pad", "NOTSET");
  if (s == "NOTSET") return ops::AutoPad::NotSet;
  if (s == "SAME_UPPER") return ops::AutoPad::SameUpper;
  if (s == "SAME_LOWER") return ops::AutoPad::SameLower;
  if (s == "VALID") return ops::AutoPad::Valid;
  c.attr.bad("auto_pad", fmt::format("unknown value '{}'", s));
}

// ONNX pads [b1, b2, ..., e1, e2, ...] split in halves.
void split_pads(NodeContext& c, std::vector<int64_t>& begin, std::vector<int64_t>& end) {
  auto pads = c.attr.ints("pads");
  if (!pads) return;
  if (pads->size() % 2) c.attr.bad("pads", fmt::format("needs an even count, got {}", pads->size()));
  const size_t n = pads->size() / 2;
  begin.assign(pads->begin(), pads->begin() + static_cast<std::ptrdiff_t>(n));
  end.assign(pads->begin() + static_cast<std::ptrdiff_t>(n), pads->end());
}

void conv(NodeContext& c) {
  ops::ConvOptions o;
  o.strides = c.attr.ints("strides", {});
  o.dilations = c.attr.ints("dilations", {});
  o.group = c.attr.i("group", 1);
  o.auto_pad = auto_pad(c);
  c.attr.ignore("kernel_shape");  // the weights' shape says the same
  split_pads(c, o.pads_begin, o.pads_end);
  c.out(0, ops::conv(c.b, c.in(0), c.in(1), c.opt(2), o));
}

void conv_transpose(NodeContext& c) {
  ops::ConvTransposeOptions o;
  o.strides = c.attr.ints("strides", {});
  o.dilations = c.attr.ints("dilations", {});
  o.group = c.attr.i("group", 1);
  o.auto_pad = auto_pad(c);
  o.output_padding = c.attr.ints("output_padding", {});
  o.output_shape = c.attr.ints("output_shape", {});
  c.attr.ignore("kernel_shape");
  split_pads(c, o.pads_begin, o.pads_end);
  c.out(0, ops::conv_transpose(c.b, c.in(0), c.in(1), c.opt(2), o));
}

ops::WindowParams window_params(NodeContext& c) {
  ops::WindowParams p;
  auto kernel = c.attr.ints("kernel_shape");
  if (!kernel) c.attr.bad("kernel_shape", "is required");
  p.kernel = *kernel;
  p.strides = c.attr.ints("strides", {});
  p.dilations = c.attr.ints("dilations", {});
  p.auto_pad = auto_pad(c);
  p.ceil_mode = c.attr.i("ceil_mode", 0) != 0;
  split_pads(c, p.pads_begin, p.pads_end);
  return p;
}

void max_pool(NodeContext& c) {
  ops::WindowParams p = window_params(c);
  const int64_t storage_order = c.attr.i("storage_order", 0);
  if (storage_order != 0 && storage_order != 1)
    c.attr.bad("storage_order",
               fmt::format("must be 0 (row-major) or 1 (column-major), got {}", storage_order));
  if (!c.wants(1)) return c.out(0, ops::max_pool(c.b, c.in(0), p));
  const ops::PoolWithIndices r = ops::max_pool_with_indices(c.b, c.in(0), p, storage_order == 1);
  c.out(0, r.values);
  c.out(1, r.indices);
}

// MaxUnpool: output_shape (input 2) is the full shape [N, C, spatial...]; its spatial sizes are used.
void max_unpool(NodeContext& c) {
  ops::WindowParams p;
  auto kernel = c.attr.ints("kernel_shape");
  if (!kernel) c.attr.bad("kernel_shape", "is required");
  p.kernel = *kernel;
  p.strides = c.attr.ints("strides", {});
  split_pads(c, p.pads_begin, p.pads_end);
  Value x = c.in(0);
  std::vector<int64_t> spatial;
  if (c.has(2)) {
    const auto shape = c.ints(2, "output_shape");
    if (static_cast<int64_t>(shape.size()) != c.rank(x))
      c.error("output_shape has {} entries for an input of rank {}", shape.size(), c.rank(x));
    for (size_t i = 0; i < 2; ++i)
      if (auto d = c.dims(x)[i].as_lit(); d && *d != shape[i])
        c.error("output_shape {} differs from the input in dim {} ({})", shape[i], i, *d);
    spatial.assign(shape.begin() + 2, shape.end());
  }
  c.out(0, ops::max_unpool(c.b, x, c.in(1), p, spatial));
}

void average_pool(NodeContext& c) {
  ops::WindowParams p = window_params(c);
  c.out(0, ops::average_pool(c.b, c.in(0), p, c.attr.i("count_include_pad", 0) != 0));
}

void lp_pool(NodeContext& c) {
  ops::WindowParams p = window_params(c);
  c.out(0, ops::lp_pool(c.b, c.in(0), p, c.attr.i("p", 2)));
}

template <Value (*F)(ir::Builder&, Value)>
void global_pool(NodeContext& c) {
  c.out(0, F(c.b, c.in(0)));
}

void global_lp_pool(NodeContext& c) {
  c.out(0, ops::global_lp_pool(c.b, c.in(0), c.attr.i("p", 2)));
}

void batch_norm(NodeContext& c) {
  c.attr.ignore("momentum");
  c.attr.ignore("spatial");
  c.attr.ignore("is_test");
  c.attr.ignore("consumed_inputs");
  if (c.attr.i("training_mode", 0) != 0) c.attr.unsupported("training_mode", "training is not supported");
  for (size_t o = 1; o < c.output_count(); ++o)
    if (c.wants(o)) c.unsupported("output {} (training statistics) is not supported", o);
  c.out(0, ops::batch_norm(c.b, c.in(0), c.in(1), c.in(2), c.in(3), c.in(4), c.attr.f("epsilon", 1e-5)));
}

void instance_norm(NodeContext& c) {
  c.out(0, ops::instance_norm(c.b, c.in(0), c.in(1), c.in(2), c.attr.f("epsilon", 1e-5)));
}

void layer_norm(NodeContext& c) {
  if (c.attr.i("stash_type", 1) != 1)
    c.attr.unsupported("stash_type", "only 1 (float statistics) is supported");
  const int64_t axis = c.attr.i("axis", -1);
  const double epsilon = c.attr.f("epsilon", 1e-5);
  if (!c.wants(1) && !c.wants(2))
    return c.out(0, ops::layer_norm(c.b, c.in(0), c.opt(1), c.opt(2), axis, epsilon));
  // With the Mean and InvStdDev outputs: the same steps as ops::layer_norm, spelled out.
  Value x = c.in(0);
  const int64_t first = ops::normalize_axis(axis, c.rank(x), "LayerNormalization");
  std::vector<int64_t> axes;
  for (int64_t a = first; a < c.rank(x); ++a) axes.push_back(a);
  Value mean = ops::reduce_mean(c.b, x, axes, true);
  Value d = ops::sub(c.b, x, mean);
  Value var = ops::reduce_mean(c.b, c.b.mul(d, d), axes, true);
  Value inv = c.b.unary(TISA_OP_RSQRT, ops::add(c.b, var, c.b.scalar(c.dtype(x), epsilon)));
  Value y = ops::mul(c.b, d, inv);
  if (c.has(1)) y = ops::mul(c.b, y, c.in(1));
  if (c.has(2)) y = ops::add(c.b, y, c.in(2));
  c.out(0, y);
  c.out(1, mean);
  c.out(2, inv);
}

void lp_normalization(NodeContext& c) {
  c.out(0, ops::lp_normalize(c.b, c.in(0), c.attr.i("axis", -1), c.attr.i("p", 2)));
}

void mvn(NodeContext& c) {
  c.out(0, ops::mean_variance_normalize(c.b, c.in(0), c.attr.ints("axes", {0, 2, 3})));
}

void gemm(NodeContext& c) {
  ops::GemmOptions o;
  o.trans_a = c.attr.i("transA", 0) != 0;
  o.trans_b = c.attr.i("transB", 0) != 0;
  o.alpha = c.attr.f("alpha", 1.0);
  o.beta = c.attr.f("beta", 1.0);
  c.attr.ignore("broadcast");
  c.out(0, ops::gemm(c.b, c.in(0), c.in(1), c.opt(2), o));
}

void matmul(NodeContext& c) {
  c.out(0, ops::matmul(c.b, c.in(0), c.in(1)));
}

// MatMulInteger: (a - a_zero_point) x (b - b_zero_point) accumulated in i32; the zero points are
// per tensor or per row of a / column of b.
void matmul_integer(NodeContext& c) {
  Value a = c.b.cast(c.in(0), TISA_DTYPE_I32), b = c.b.cast(c.in(1), TISA_DTYPE_I32);
  if (c.has(2)) {
    Value zp = c.b.cast(c.in(2), TISA_DTYPE_I32);
    if (c.rank(zp) == 1 && c.rank(a) >= 2) zp = ops::unsqueeze(c.b, zp, {-1});
    a = ops::sub(c.b, a, zp);
  }
  if (c.has(3)) b = ops::sub(c.b, b, c.b.cast(c.in(3), TISA_DTYPE_I32));
  c.out(0, ops::matmul_acc(c.b, a, b, TISA_DTYPE_I32));
}

void dropout(NodeContext& c) {
  c.attr.ignore("seed");
  c.attr.ignore("ratio");
  c.attr.ignore("is_test");
  if (c.has(2)) {
    const auto training = c.floats(2, "training_mode");
    if (!training.empty() && training[0] != 0) c.unsupported("training_mode = true is not supported");
  }
  Value x = c.in(0);
  c.out(0, x);
  if (c.wants(1)) {
    c.out(1, c.b.fill(TISA_DTYPE_BOOL, c.dims(x), 1.0));
  }
}

// LRN: x / (bias + alpha / size * sum of x^2 over the size channels around c)^beta. The channel
// window sum is an average pool (count_include_pad: / size) over x^2 seen as [N, 1, C, S].
void lrn(NodeContext& c) {
  Value x = c.in(0);
  const auto size = c.attr.i("size");
  if (!size || *size <= 0) c.attr.bad("size", "is required and must be positive");
  const double alpha = c.attr.f("alpha", 1e-4), beta = c.attr.f("beta", 0.75), bias = c.attr.f("bias", 1.0);
  const auto dims = c.dims(x);
  if (dims.size() < 2) c.error("needs rank >= 2");
  Value sq = c.b.mul(x, x);
  const std::vector<Expr> spatial(dims.begin() + 2, dims.end());
  Value r = c.b.reshape(sq, {dims[0], Expr::lit(1), dims[1], ir::product(spatial)});
  ops::WindowParams p;
  p.kernel = {*size, 1};
  p.pads_begin = {(*size - 1) / 2, 0};
  p.pads_end = {*size - 1 - (*size - 1) / 2, 0};
  Value avg = c.b.reshape(ops::average_pool(c.b, r, p, true), dims);
  const tisa_dtype_t t = c.dtype(x);
  Value base = ops::add(c.b, ops::mul(c.b, avg, c.b.scalar(t, alpha)), c.b.scalar(t, bias));
  c.out(0, ops::div(c.b, x, ops::pow(c.b, base, c.b.scalar(t, beta))));
}

void det(NodeContext& c) {
  c.out(0, ops::det(c.b, c.in(0)));
}

}  // namespace

void add_nn_converters(ConverterTable& t) {
  t["Conv"] = conv;
  t["ConvTranspose"] = conv_transpose;
  t["MaxPool"] = max_pool;
  t["MaxUnpool"] = max_unpool;
  t["AveragePool"] = average_pool;
  t["LpPool"] = lp_pool;
  t["GlobalMaxPool"] = global_pool<ops::global_max_pool>;
  t["GlobalAveragePool"] = global_pool<ops::global_average_pool>;
  t["GlobalLpPool"] = global_lp_pool;
  t["BatchNormalization"] = batch_norm;
  t["InstanceNormalization"] = instance_norm;
  t["LayerNormalization"] = layer_norm;
  t["LpNormalization"] = lp_normalization;
  t["MeanVarianceNormalization"] = mvn;
  t["Gemm"] = gemm;
  t["MatMul"] = matmul;
  t["MatMulInteger"] = matmul_integer;
  t["Det"] = det;
  t["Dropout"] = dropout;
  t["LRN"] = lrn;
}

}  // namespace tisa::onnx_import
