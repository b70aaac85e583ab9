// Indexing: Gather (folded on known shape vectors), GatherElements, GatherND, ScatterElements,
// ScatterND, TopK, OneHot, CumSum, Resize / Upsample, Trilu, EyeLike, ReverseSequence.
#include <algorithm>
#include <string_view>

#include "frontends/onnx/converters.hpp"
#include "frontends/onnx/tensor_proto.hpp"
#include "frontends/ops/broadcast.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/indexing.hpp"
#include "frontends/ops/reduce.hpp"
#include "frontends/ops/resize.hpp"
#include "frontends/ops/scan.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::onnx_import {
namespace {

void gather_node(NodeContext& c) {
  const int64_t axis = c.attr.i("axis", 0);
  const Entry* k = c.known(0);
  if (k && !k->known_scalar && (axis == 0 || axis == -1) && (c.known(1) || c.has(1))) {
    if (const Entry* idx = c.known(1)) {
      bool literal = true;
      for (const Expr& e : *idx->known) literal = literal && e.is_lit();
      if (literal) {
        const int64_t n = static_cast<int64_t>(k->known->size());
        std::vector<Expr> v;
        for (const Expr& e : *idx->known) {
          int64_t i = e.lit_value();
          if (i < 0) i += n;
          if (i < 0 || i >= n) c.error("index {} is out of range for {} elements", e.lit_value(), n);
          v.push_back(k->known->at(static_cast<size_t>(i)));
        }
        return c.out_known(0, std::move(v), idx->known_scalar, k->known_dtype);
      }
    }
  }
  c.out(0, ops::gather(c.b, c.in(0), c.in(1), axis));
}

void gather_elements_node(NodeContext& c) {
  c.out(0, ops::gather_elements(c.b, c.in(0), c.in(1), c.attr.i("axis", 0)));
}

// The ONNX reduction attribute of ScatterElements / ScatterND ('mul' is a TISA 1.1 scatter mode).
struct ScatterReductionName {
  std::string_view name;
  ops::ScatterReduction reduction;
  tisa_scatter_mode_t mode;
};
constexpr ScatterReductionName kScatterReductions[] = {
    {"none", ops::ScatterReduction::None, TISA_SCATTER_MODE_SET},
    {"add", ops::ScatterReduction::Add, TISA_SCATTER_MODE_ADD},
    {"mul", ops::ScatterReduction::Mul, TISA_SCATTER_MODE_MUL},
    {"max", ops::ScatterReduction::Max, TISA_SCATTER_MODE_MAX},
    {"min", ops::ScatterReduction::Min, TISA_SCATTER_MODE_MIN},
};

const ScatterReductionName& scatter_reduction(NodeContext& c) {
  const std::string r = c.attr.s("reduction", "none");
  for (const ScatterReductionName& s : kScatterReductions)
    if (s.name == r) return s;
  c.attr.unsupported("reduction", fmt::format("'{}' is not supported", r));
}

void scatter_elements_node(NodeContext& c) {
  const ops::ScatterReduction reduction = scatter_reduction(c).reduction;
  c.out(0, ops::scatter_elements(c.b, c.in(0), c.in(1), c.in(2), c.attr.i("axis", 0), reduction));
}

void one_hot_node(NodeContext& c) {
  const auto depth = c.floats(1, "depth");
  if (depth.size() != 1) c.error("depth must hold one value");
  Value values = c.in(2);
  Value off = c.b.reshape(c.b.slice(values, {Expr::lit(0)}, {Expr::lit(1)}, {1}), {});
  Value on = c.b.reshape(c.b.slice(values, {Expr::lit(1)}, {Expr::lit(2)}, {1}), {});
  Value indices = c.in(0);
  // ONNX allows float indices; they are truncated to integers.
  if (ir::dtype_is_float(c.dtype(indices))) indices = c.b.cast(indices, TISA_DTYPE_I64);
  c.out(0, ops::one_hot(c.b, indices, static_cast<int64_t>(depth[0]), on, off, c.attr.i("axis", -1)));
}

void cumsum_node(NodeContext& c) {
  const auto axis = c.ints(1, "axis");
  if (axis.size() != 1) c.error("axis must hold one value");
  c.out(0, ops::cumsum(c.b, c.in(0), axis[0], c.attr.i("exclusive", 0) != 0, c.attr.i("reverse", 0) != 0));
}

void resize_node(NodeContext& c) {
  ops::ResizeOptions o;
  const bool legacy = c.node.op_type() == "Upsample" || c.opset < 11;
  const std::string mode = c.attr.s("mode", "nearest");
  if (mode == "linear" || mode == "bilinear")
    o.mode = ops::ResizeMode::Linear;
  else if (mode == "cubic" && !legacy)
    o.mode = ops::ResizeMode::Cubic;
  else if (mode != "nearest")
    c.attr.unsupported("mode", fmt::format("'{}' is not supported", mode));
  const std::string ct = c.attr.s("coordinate_transformation_mode", legacy ? "asymmetric" : "half_pixel");
  if (ct == "half_pixel")
    o.transform = ops::CoordinateTransform::HalfPixel;
  else if (ct == "half_pixel_symmetric")
    o.transform = ops::CoordinateTransform::HalfPixelSymmetric;
  else if (ct == "pytorch_half_pixel")
    o.transform = ops::CoordinateTransform::PytorchHalfPixel;
  else if (ct == "align_corners")
    o.transform = ops::CoordinateTransform::AlignCorners;
  else if (ct == "asymmetric")
    o.transform = ops::CoordinateTransform::Asymmetric;
  else if (ct == "tf_half_pixel_for_nn")
    o.transform = ops::CoordinateTransform::TfHalfPixelForNN;
  else if (ct == "tf_crop_and_resize")
    o.transform = ops::CoordinateTransform::TfCropAndResize;
  else
    c.attr.unsupported("coordinate_transformation_mode", fmt::format("'{}' is not supported", ct));
  const std::string nm = c.attr.s("nearest_mode", legacy ? "floor" : "round_prefer_floor");
  if (nm == "round_prefer_floor")
    o.nearest = ops::NearestMode::RoundPreferFloor;
  else if (nm == "round_prefer_ceil")
    o.nearest = ops::NearestMode::RoundPreferCeil;
  else if (nm == "floor")
    o.nearest = ops::NearestMode::Floor;
  else if (nm == "ceil")
    o.nearest = ops::NearestMode::Ceil;
  else
    c.attr.bad("nearest_mode", fmt::format("unknown value '{}'", nm));
  o.cubic_coeff_a = c.attr.f("cubic_coeff_a", -0.75);
  o.exclude_outside = c.attr.i("exclude_outside", 0) != 0;
  o.extrapolation_value = c.attr.f("extrapolation_value", 0.0);
  // roi (input 1) matters only for tf_crop_and_resize, as the spec says.
  if (o.transform == ops::CoordinateTransform::TfCropAndResize && c.has(1)) o.roi = c.floats(1, "roi");
  if (auto axes = c.attr.ints("axes")) c.attr.unsupported("axes", "not supported");
  c.attr.ignore("keep_aspect_ratio_policy");
  if (auto scales = c.attr.floats("scales")) {
    o.scales = *scales;
  } else {
    const size_t scales_input = legacy ? 1 : 2;
    if (c.has(scales_input)) o.scales = c.floats(scales_input, "scales");
    if (o.scales.empty() && c.has(3)) o.sizes = c.ints(3, "sizes");
  }
  c.out(0, ops::resize(c.b, c.in(0), o));
}

// Trilu: x where (col - row >= k) for upper, (col - row <= k) for lower, else 0; rows and columns
// from iotas over the last two axes.
void trilu_node(NodeContext& c) {
  Value x = c.in(0);
  const int64_t rank = c.rank(x);
  if (rank < 2) c.error("needs rank >= 2, got {}", rank);
  int64_t k = 0;
  if (c.has(1)) {
    const auto v = c.ints(1, "k");
    if (v.size() != 1) c.error("k must hold one value");
    k = v[0];
  }
  const auto dims = c.dims(x);
  Value diff = c.b.sub(c.b.iota(TISA_DTYPE_I64, dims, rank - 1), c.b.iota(TISA_DTYPE_I64, dims, rank - 2));
  Value kk = c.b.scalar(TISA_DTYPE_I64, static_cast<double>(k));
  Value keep = c.attr.i("upper", 1) != 0 ? ops::greater_equal(c.b, diff, kk) : ops::less_equal(c.b, diff, kk);
  c.out(0, ops::where(c.b, keep, x, c.b.scalar(c.dtype(x), 0.0)));
}

// EyeLike: ones where col - row == k on a 2-D shape, in dtype (default: the input's).
void eye_like_node(NodeContext& c) {
  Value x = c.in(0);
  if (c.rank(x) != 2) c.error("needs a 2-D input, got rank {}", c.rank(x));
  tisa_dtype_t dtype = c.dtype(x);
  if (auto to = c.attr.i("dtype")) {
    const auto d = dtype_of(static_cast<int32_t>(*to));
    if (!d) c.attr.unsupported("dtype", "has no TISA dtype");
    dtype = *d;
  }
  const auto dims = c.dims(x);
  Value diff = c.b.sub(c.b.iota(TISA_DTYPE_I64, dims, 1), c.b.iota(TISA_DTYPE_I64, dims, 0));
  Value on = ops::equal(c.b, diff, c.b.scalar(TISA_DTYPE_I64, static_cast<double>(c.attr.i("k", 0))));
  c.out(0, c.b.cast(on, dtype));
}

// GatherND / ScatterND: the first batch_dims + m axes of data [b0, .., d0, ..., d(m-1), rest...]
// are flattened to one axis addressed by the linear index of (batch position, index tuple)
// (negative indices wrapped), so each is one gather / scatter on axis 0. The batch position of
// an index tuple is its own position in the leading batch_dims axes of indices (an iota).
struct NdIndex {
  Value flat_data;  // [b0 * .. * d0 * ... * d(m-1), rest...]
  Value linear;     // indices.shape[:-1], i64
};

NdIndex nd_index(NodeContext& c, Value data, Value indices, int64_t batch_dims = 0) {
  const auto dd = c.dims(data), id = c.dims(indices);
  if (id.empty()) c.error("indices need rank >= 1");
  const int64_t m = ops::require_literal(c.b, id.back(), c.node.op_type(), "the last dim of indices");
  const auto rank = static_cast<int64_t>(dd.size());
  if (batch_dims < 0 || batch_dims >= std::min<int64_t>(rank, static_cast<int64_t>(id.size())))
    c.attr.bad("batch_dims", fmt::format("{} is not below the ranks of data and indices", batch_dims));
  if (batch_dims + m > rank)
    c.error("{} batch dims and index length {} exceed the data rank {}", batch_dims, m, rank);
  const std::vector<Expr> lead(id.begin(), id.end() - 1);
  Value linear = ops::splat(c.b, 0.0, TISA_DTYPE_I64, lead);
  for (int64_t i = 0; i < batch_dims; ++i) {
    const Expr& dim = dd[static_cast<size_t>(i)];
    if (!dim.equals(id[static_cast<size_t>(i)]))
      c.error("batch dim {} of data ({}) and indices ({}) differ", i, ops::dim_str(c.b, dim),
              ops::dim_str(c.b, id[static_cast<size_t>(i)]));
    Value position = c.b.iota(TISA_DTYPE_I64, lead, i);
    linear = ops::add(c.b, ops::mul(c.b, linear, ops::dim_value(c.b, dim, TISA_DTYPE_I64)), position);
  }
  for (int64_t i = 0; i < m; ++i) {
    std::vector<Expr> start(id.size(), Expr::lit(0)), stop = id;
    start.back() = Expr::lit(i);
    stop.back() = Expr::lit(i + 1);
    Value part = c.b.slice(indices, start, stop, std::vector<int64_t>(id.size(), 1));
    part = ops::cast_to(c.b, c.b.reshape(part, lead), TISA_DTYPE_I64);
    Value dim = ops::dim_value(c.b, dd[static_cast<size_t>(batch_dims + i)], TISA_DTYPE_I64);
    part = ops::where(c.b, ops::less(c.b, part, c.b.scalar(TISA_DTYPE_I64, 0.0)), ops::add(c.b, part, dim),
                      part);
    linear = ops::add(c.b, ops::mul(c.b, linear, dim), part);
  }
  const auto flat_axes = static_cast<size_t>(batch_dims + m);
  std::vector<Expr> flat{ir::product(std::span<const Expr>(dd.data(), flat_axes))};
  flat.insert(flat.end(), dd.begin() + static_cast<std::ptrdiff_t>(flat_axes), dd.end());
  return {c.b.reshape(data, flat), linear};
}

void gather_nd_node(NodeContext& c) {
  const NdIndex nd = nd_index(c, c.in(0), c.in(1), c.attr.i("batch_dims", 0));
  c.out(0, c.b.gather(nd.flat_data, nd.linear, 0));
}

void scatter_nd_node(NodeContext& c) {
  const tisa_scatter_mode_t mode = scatter_reduction(c).mode;
  Value data = c.in(0);
  const NdIndex nd = nd_index(c, data, c.in(1));
  Value updates = ops::cast_to(c.b, c.in(2), c.dtype(data));
  c.out(0, c.b.reshape(c.b.scatter(nd.flat_data, nd.linear, updates, 0, mode), c.dims(data)));
}

// TopK with a constant k: k rounds of argmax (argmin for smallest), each masking the element it
// took, so ties come out in index order as ONNX asks. Cost: k passes over the axis.
void topk_node(NodeContext& c) {
  Value x = c.in(0);
  int64_t k = 0;
  if (c.opset < 10) {
    k = c.attr.i("k", 0);
  } else {
    const auto kv = c.ints(1, "K");
    if (kv.size() != 1) c.error("K must hold one value");
    k = kv[0];
  }
  const int64_t axis = ops::normalize_axis(c.attr.i("axis", -1), c.rank(x), "TopK");
  const bool largest = c.attr.i("largest", 1) != 0;
  c.attr.ignore("sorted");  // the rounds give sorted results
  const auto dims = c.dims(x);
  const tisa_dtype_t t = c.dtype(x);
  Value positions = c.b.iota(TISA_DTYPE_I64, dims, axis);
  Value fill = ops::splat(c.b, largest ? ops::lowest_value(t) : ops::highest_value(t), t, dims);
  std::vector<Value> values, indices;
  for (int64_t i = 0; i < k; ++i) {
    Value idx = largest ? ops::argmax(c.b, x, axis, true) : ops::argmin(c.b, x, axis, true);
    values.push_back(ops::gather_elements(c.b, x, idx, axis));
    indices.push_back(idx);
    x = ops::where(c.b, ops::equal(c.b, positions, idx), fill, x);
  }
  if (values.empty()) c.unsupported("K = 0 is not supported");
  c.out(0, values.size() == 1 ? values[0] : c.b.concat(values, axis));
  c.out(1, indices.size() == 1 ? indices[0] : c.b.concat(indices, axis));
}

// ReverseSequence with constant lengths: a host-built index table [T, B] (reversed prefix of
// length len[b], identity after it) read by gather_elements along the time axis.
void reverse_sequence_node(NodeContext& c) {
  Value x = c.in(0);
  const auto lens = c.ints(1, "sequence_lens");
  const int64_t rank = c.rank(x);
  const int64_t batch_axis = ops::normalize_axis(c.attr.i("batch_axis", 1), rank, "ReverseSequence");
  const int64_t time_axis = ops::normalize_axis(c.attr.i("time_axis", 0), rank, "ReverseSequence");
  if (batch_axis == time_axis) c.error("batch_axis and time_axis are the same axis");
  const auto dims = c.dims(x);
  const int64_t steps =
      ops::require_literal(c.b, dims[static_cast<size_t>(time_axis)], "ReverseSequence", "the time axis");
  const int64_t batch =
      ops::require_literal(c.b, dims[static_cast<size_t>(batch_axis)], "ReverseSequence", "the batch axis");
  if (static_cast<int64_t>(lens.size()) != batch)
    c.error("{} sequence_lens for a batch of {}", lens.size(), batch);
  std::vector<Expr> table_shape(static_cast<size_t>(rank), Expr::lit(1));
  table_shape[static_cast<size_t>(time_axis)] = Expr::lit(steps);
  table_shape[static_cast<size_t>(batch_axis)] = Expr::lit(batch);
  std::vector<int64_t> table(static_cast<size_t>(steps * batch));
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t b = 0; b < batch; ++b) {
      const int64_t len = std::clamp<int64_t>(lens[static_cast<size_t>(b)], 0, steps);
      // Row-major over (time, batch) or (batch, time), whichever axis comes first.
      const size_t at = static_cast<size_t>(time_axis < batch_axis ? t * batch + b : b * steps + t);
      table[at] = t < len ? len - 1 - t : t;
    }
  std::vector<int64_t> literal_shape;
  for (const Expr& e : table_shape) literal_shape.push_back(e.lit_value());
  Value idx = c.b.constant(TISA_DTYPE_I64, literal_shape, std::span<const int64_t>(table));
  c.out(0, ops::gather_elements(c.b, x, ops::broadcast_to(c.b, idx, dims), time_axis));
}

}  // namespace

void add_indexing_converters(ConverterTable& t) {
  t["Gather"] = gather_node;
  t["GatherElements"] = gather_elements_node;
  t["ScatterElements"] = scatter_elements_node;
  t["Scatter"] = scatter_elements_node;
  t["OneHot"] = one_hot_node;
  t["CumSum"] = cumsum_node;
  t["Resize"] = resize_node;
  t["Upsample"] = resize_node;
  t["Trilu"] = trilu_node;
  t["EyeLike"] = eye_like_node;
  t["GatherND"] = gather_nd_node;
  t["ScatterND"] = scatter_nd_node;
  t["TopK"] = topk_node;
  t["ReverseSequence"] = reverse_sequence_node;
}

}  // namespace tisa::onnx_import
