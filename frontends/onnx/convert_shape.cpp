// Shape and layout ops. Shape / Size produce known values (shape expressions); Concat,
// Unsqueeze, Squeeze, Slice, Cast and Reshape keep them known, so that a shape computation folds
// into the Reshape / Expand / ConstantOfShape that consumes it, literal or symbolic.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "frontends/onnx/converters.hpp"
#include "frontends/onnx/tensor_proto.hpp"
#include "frontends/ops/broadcast.hpp"
#include "frontends/ops/pad.hpp"
#include "frontends/ops/shape.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::onnx_import {
namespace {

// Inputs given as attributes before some opset and as inputs after: the attribute when set.
std::optional<std::vector<int64_t>> ints_attr_or_input(NodeContext& c, const std::string& name,
                                                       size_t input) {
  if (auto a = c.attr.ints(name)) return a;
  if (c.has(input)) return c.ints(input, name);
  return std::nullopt;
}

int64_t clamp_index(int64_t v, int64_t rank) {
  if (v < 0) v += rank;
  return std::clamp<int64_t>(v, 0, rank);
}

void shape_node(NodeContext& c) {
  const auto dims = c.dims(c.in(0));
  const int64_t rank = static_cast<int64_t>(dims.size());
  const int64_t start = clamp_index(c.attr.i("start", 0), rank);
  const int64_t end = clamp_index(c.attr.i("end", rank), rank);
  std::vector<Expr> v;
  for (int64_t i = start; i < end; ++i) v.push_back(dims[static_cast<size_t>(i)]);
  c.out_known(0, std::move(v), false);
}

void size_node(NodeContext& c) {
  const auto dims = c.dims(c.in(0));
  c.out_known(0, {ir::product(dims)}, true);
}

// ONNX Reshape on shape expressions: 0 copies the input dim (unless allowzero), one -1 is
// inferred by cancelling the dims both sides share, then dividing the literal parts.
std::vector<Expr> reshape_target(NodeContext& c, const std::vector<Expr>& in, std::vector<Expr> out,
                                 bool allow_zero) {
  int64_t inferred = -1;
  for (size_t i = 0; i < out.size(); ++i) {
    auto v = out[i].as_lit();
    if (!v) continue;
    if (*v == -1) {
      if (inferred >= 0) c.error("more than one -1 in the target shape");
      inferred = static_cast<int64_t>(i);
    } else if (*v == 0 && !allow_zero) {
      if (i >= in.size()) c.error("0 at axis {} has no input dim to copy", i);
      out[i] = in[i];
    } else if (*v < 0) {
      c.error("target dim {} is negative", *v);
    }
  }
  if (inferred < 0) return out;
  std::vector<Expr> rest(in.begin(), in.end());
  int64_t divisor = 1;
  std::vector<Expr> unmatched;
  for (size_t i = 0; i < out.size(); ++i) {
    if (static_cast<int64_t>(i) == inferred) continue;
    auto match = std::find_if(rest.begin(), rest.end(), [&](const Expr& e) { return e.equals(out[i]); });
    if (match != rest.end()) {
      rest.erase(match);
    } else if (auto v = out[i].as_lit()) {
      divisor *= *v;
    } else {
      unmatched.push_back(out[i]);
    }
  }
  Expr count = ir::product(rest);
  if (!unmatched.empty()) {
    count = ir::floordiv(count, ir::product(unmatched));
  }
  if (divisor != 1) {
    if (divisor == 0) c.error("cannot infer -1 next to a 0 dim");
    auto lit = count.as_lit();
    if (lit && *lit % divisor != 0) c.error("{} elements do not divide into the target shape", *lit);
    count = ir::floordiv(count, Expr::lit(divisor));
  }
  out[static_cast<size_t>(inferred)] = count;
  return out;
}

void reshape_node(NodeContext& c) {
  const bool allow_zero = c.attr.i("allowzero", 0) != 0;
  std::vector<Expr> target = c.opset >= 5 ? c.exprs(1, "shape") : ir::lits(c.attr.ints("shape", {}));
  // A known vector reshaped to rank 0 or 1 stays known.
  if (const Entry* k = c.known(0); k && target.size() <= 1) {
    const std::vector<Expr> in_dims =
        k->known_scalar ? std::vector<Expr>{}
                        : std::vector<Expr>{Expr::lit(static_cast<int64_t>(k->known->size()))};
    auto t = reshape_target(c, in_dims, target, allow_zero);
    if (t.empty() || t[0].is_lit()) return c.out_known(0, *k->known, t.empty(), k->known_dtype);
  }
  Value x = c.in(0);
  c.out(0, ops::reshape_to(c.b, x, reshape_target(c, c.dims(x), std::move(target), allow_zero)));
}

void flatten_node(NodeContext& c) {
  c.out(0, ops::flatten(c.b, c.in(0), c.attr.i("axis", 1)));
}

void transpose_node(NodeContext& c) {
  c.out(0, ops::transpose(c.b, c.in(0), c.attr.ints("perm")));
}

void squeeze_node(NodeContext& c) {
  auto axes = ints_attr_or_input(c, "axes", 1);
  if (const Entry* k = c.known(0); k && !k->known_scalar && k->known->size() == 1)
    return c.out_known(0, *k->known, true, k->known_dtype);
  c.out(0, ops::squeeze(c.b, c.in(0), axes));
}

void unsqueeze_node(NodeContext& c) {
  auto axes = ints_attr_or_input(c, "axes", 1);
  if (!axes) c.error("needs axes");
  if (const Entry* k = c.known(0); k && k->known_scalar && axes->size() == 1)
    return c.out_known(0, *k->known, false, k->known_dtype);
  c.out(0, ops::unsqueeze(c.b, c.in(0), *axes));
}

void concat_node(NodeContext& c) {
  const auto axis = c.attr.i("axis");
  if (!axis) c.attr.bad("axis", "is required");
  bool all_known = true;
  for (size_t i = 0; i < c.input_count(); ++i) {
    const Entry* k = c.known(i);
    all_known = all_known && k && !k->known_scalar && k->known_dtype == TISA_DTYPE_I64;
  }
  if (all_known && (*axis == 0 || *axis == -1)) {
    std::vector<Expr> v;
    for (size_t i = 0; i < c.input_count(); ++i) {
      const auto& k = *c.known(i)->known;
      v.insert(v.end(), k.begin(), k.end());
    }
    return c.out_known(0, std::move(v), false);
  }
  c.out(0, ops::concat(c.b, c.all_inputs(), *axis));
}

void slice_node(NodeContext& c) {
  std::vector<int64_t> starts, ends;
  std::optional<std::vector<int64_t>> axes, steps;
  if (c.opset < 10) {
    starts = c.attr.ints("starts", {});
    ends = c.attr.ints("ends", {});
    axes = c.attr.ints("axes");
  } else {
    starts = c.ints(1, "starts");
    ends = c.ints(2, "ends");
    if (c.has(3)) axes = c.ints(3, "axes");
    if (c.has(4)) steps = c.ints(4, "steps");
  }
  if (const Entry* k = c.known(0); k && !k->known_scalar && starts.size() == 1) {
    const int64_t n = static_cast<int64_t>(k->known->size());
    const int64_t step = steps ? steps->at(0) : 1;
    if (step > 0) {
      const int64_t s = std::clamp<int64_t>(starts[0] < 0 ? starts[0] + n : starts[0], 0, n);
      const int64_t e = std::clamp<int64_t>(ends[0] < 0 ? ends[0] + n : ends[0], 0, n);
      std::vector<Expr> v;
      for (int64_t i = s; i < e; i += step) v.push_back(k->known->at(static_cast<size_t>(i)));
      return c.out_known(0, std::move(v), false, k->known_dtype);
    }
  }
  c.out(0, ops::slice(c.b, c.in(0), starts, ends, axes, steps));
}

void split_node(NodeContext& c) {
  Value x = c.in(0);
  const int64_t axis = c.attr.i("axis", 0);
  auto sizes = ints_attr_or_input(c, "split", 1);
  const int64_t n = static_cast<int64_t>(c.output_count());
  const auto num_outputs = c.attr.i("num_outputs");
  std::vector<Value> parts;
  if (sizes) {
    parts = ops::split(c.b, x, axis, ir::lits(*sizes));
  } else {
    parts = ops::split_equal(c.b, x, axis, num_outputs.value_or(n));
  }
  if (static_cast<int64_t>(parts.size()) != n) c.error("{} pieces for {} outputs", parts.size(), n);
  for (size_t i = 0; i < parts.size(); ++i) c.out(i, parts[i]);
}

void tile_node(NodeContext& c) {
  c.out(0, ops::tile(c.b, c.in(0), c.ints(1, "repeats")));
}

void expand_node(NodeContext& c) {
  c.out(0, ops::expand(c.b, c.in(0), c.exprs(1, "shape")));
}

void pad_node(NodeContext& c) {
  const std::string mode = c.attr.s("mode", "constant");
  ops::PadMode m = ops::PadMode::Constant;
  if (mode == "reflect")
    m = ops::PadMode::Reflect;
  else if (mode == "edge")
    m = ops::PadMode::Edge;
  else if (mode == "wrap")
    m = ops::PadMode::Wrap;
  else if (mode != "constant")
    c.attr.bad("mode", fmt::format("unknown mode '{}'", mode));
  Value x = c.in(0);
  std::vector<int64_t> pads;
  double value = 0.0;
  if (c.opset < 11) {
    pads = c.attr.ints("pads", {});
    value = c.attr.f("value", 0.0);
  } else {
    pads = c.ints(1, "pads");
    if (c.has(2)) {
      const auto v = c.floats(2, "constant_value");
      if (!v.empty()) value = v[0];
    }
  }
  const size_t rank = static_cast<size_t>(c.rank(x));
  std::vector<int64_t> begin(rank, 0), end(rank, 0);
  std::vector<int64_t> axes;
  if (c.has(3)) {
    axes = ops::normalize_axes(c.ints(3, "axes"), static_cast<int64_t>(rank), "Pad");
  } else {
    for (size_t a = 0; a < rank; ++a) axes.push_back(static_cast<int64_t>(a));
  }
  if (pads.size() != 2 * axes.size()) c.error("pads has {} values for {} axes", pads.size(), axes.size());
  for (size_t i = 0; i < axes.size(); ++i) {
    begin[static_cast<size_t>(axes[i])] = pads[i];
    end[static_cast<size_t>(axes[i])] = pads[i + axes.size()];
  }
  c.out(0, ops::pad(c.b, x, begin, end, m, value));
}

// Known literal integers cast to f32 / f64 become a host constant, so that what reads them as
// numbers (Range's limit in the *Window functions: Cast(size) -> Range) still sees values.
std::optional<ref::HostTensor> known_as_float(const Entry& k, tisa_dtype_t to) {
  if (to != TISA_DTYPE_F32 && to != TISA_DTYPE_F64) return std::nullopt;
  ref::HostTensor t;
  t.dtype = to;
  if (!k.known_scalar) t.shape = {static_cast<int64_t>(k.known->size())};
  for (const Expr& e : *k.known) {
    if (!e.is_lit()) return std::nullopt;
    const auto v = static_cast<double>(e.lit_value());
    const float f = static_cast<float>(v);
    const auto* bytes =
        to == TISA_DTYPE_F32 ? reinterpret_cast<const uint8_t*>(&f) : reinterpret_cast<const uint8_t*>(&v);
    t.data.insert(t.data.end(), bytes, bytes + ir::dtype_size(to));
  }
  return t;
}

void cast_to(NodeContext& c, tisa_dtype_t to) {
  if (const Entry* k = c.known(0)) {
    if (to == TISA_DTYPE_I64 || to == TISA_DTYPE_I32) return c.out_known(0, *k->known, k->known_scalar, to);
    if (auto t = known_as_float(*k, to)) return c.out_constant(0, std::move(*t));
  }
  c.out(0, ops::cast_to(c.b, c.in(0), to));
}

void cast_node(NodeContext& c) {
  const int64_t to = c.attr.i("to", 0);
  c.attr.ignore("saturate");
  const auto dtype = dtype_of(static_cast<int32_t>(to));
  if (!dtype)
    c.attr.unsupported("to", fmt::format("{} has no TISA dtype", onnx_type_name(static_cast<int32_t>(to))));
  cast_to(c, *dtype);
}

void cast_like_node(NodeContext& c) {
  cast_to(c, c.dtype(c.in(1)));
}

void constant_node(NodeContext& c) {
  if (const onnx::TensorProto* t = c.attr.t("value"))
    return c.out_constant(0, to_host(*t, c.where + " value"));
  ref::HostTensor h;
  auto put = [&](const void* p, size_t n) {
    const auto* bytes = static_cast<const uint8_t*>(p);
    h.data.insert(h.data.end(), bytes, bytes + n);
  };
  if (auto v = c.attr.f("value_float")) {
    h.dtype = TISA_DTYPE_F32;
    const float f = static_cast<float>(*v);
    put(&f, 4);
  } else if (auto v = c.attr.i("value_int")) {
    h.dtype = TISA_DTYPE_I64;
    put(&*v, 8);
  } else if (auto v = c.attr.floats("value_floats")) {
    h.dtype = TISA_DTYPE_F32;
    h.shape = {static_cast<int64_t>(v->size())};
    for (double d : *v) {
      const float f = static_cast<float>(d);
      put(&f, 4);
    }
  } else if (auto v = c.attr.ints("value_ints")) {
    h.dtype = TISA_DTYPE_I64;
    h.shape = {static_cast<int64_t>(v->size())};
    for (int64_t i : *v) put(&i, 8);
  } else {
    c.unsupported("only value, value_float(s) and value_int(s) are supported");
  }
  c.out_constant(0, std::move(h));
}

void constant_of_shape_node(NodeContext& c) {
  const std::vector<Expr> shape = c.exprs(0, "shape");
  tisa_dtype_t dtype = TISA_DTYPE_F32;
  double value = 0.0;
  if (const onnx::TensorProto* t = c.attr.t("value")) {
    const ref::HostTensor h = to_host(*t, c.where + " value");
    dtype = h.dtype;
    if (h.data.size() != ir::dtype_size(dtype)) c.attr.bad("value", "must hold one element");
    switch (dtype) {
      case TISA_DTYPE_F32: {
        float f;
        std::memcpy(&f, h.data.data(), 4);
        value = f;
        break;
      }
      case TISA_DTYPE_F64: std::memcpy(&value, h.data.data(), 8); break;
      case TISA_DTYPE_I64: {
        int64_t i;
        std::memcpy(&i, h.data.data(), 8);
        value = static_cast<double>(i);
        break;
      }
      case TISA_DTYPE_I32: {
        int32_t i;
        std::memcpy(&i, h.data.data(), 4);
        value = i;
        break;
      }
      case TISA_DTYPE_I8: {
        int8_t i;
        std::memcpy(&i, h.data.data(), 1);
        value = i;
        break;
      }
      case TISA_DTYPE_U8:
      case TISA_DTYPE_BOOL: value = h.data[0]; break;
      default: c.attr.unsupported("value", fmt::format("dtype {} is not supported", ops::dtype_name(dtype)));
    }
  }
  // A short integer vector of a literal length stays known (shape arithmetic such as
  // Concat(prefix, ConstantOfShape([rank - axis], 1))).
  if ((dtype == TISA_DTYPE_I64 || dtype == TISA_DTYPE_I32) && shape.size() == 1 && shape[0].is_lit() &&
      shape[0].lit_value() <= 64)
    return c.out_known(
        0,
        std::vector<Expr>(static_cast<size_t>(shape[0].lit_value()), Expr::lit(static_cast<int64_t>(value))),
        false, dtype);
  c.out(0, c.b.fill(dtype, shape, value));
}

void range_node(NodeContext& c) {
  const auto start = c.floats(0, "start"), limit = c.floats(1, "limit"), delta = c.floats(2, "delta");
  if (start.size() != 1 || limit.size() != 1 || delta.size() != 1)
    c.error("start, limit and delta must be scalars");
  if (delta[0] == 0) c.error("delta is 0");
  const int64_t n = std::max<int64_t>(static_cast<int64_t>(std::ceil((limit[0] - start[0]) / delta[0])), 0);
  const tisa_dtype_t dtype = c.dtype(c.in(0));
  if ((dtype == TISA_DTYPE_I64 || dtype == TISA_DTYPE_I32) && n <= 64) {
    std::vector<Expr> v;
    for (int64_t i = 0; i < n; ++i)
      v.push_back(Expr::lit(static_cast<int64_t>(start[0] + static_cast<double>(i) * delta[0])));
    return c.out_known(0, std::move(v), false, dtype);
  }
  Value i = c.b.iota(dtype, {Expr::lit(n)}, 0);
  Value r = c.b.add(c.b.mul(i, ops::splat(c.b, delta[0], dtype, {Expr::lit(n)})),
                    ops::splat(c.b, start[0], dtype, {Expr::lit(n)}));
  c.out(0, r);
}

void depth_to_space_node(NodeContext& c) {
  const std::string mode = c.attr.s("mode", "DCR");
  if (mode != "DCR" && mode != "CRD") c.attr.bad("mode", "must be DCR or CRD");
  c.out(0, ops::depth_to_space(c.b, c.in(0), c.attr.i("blocksize", 0),
                               mode == "DCR" ? ops::DepthToSpaceMode::DCR : ops::DepthToSpaceMode::CRD));
}

void space_to_depth_node(NodeContext& c) {
  c.out(0, ops::space_to_depth(c.b, c.in(0), c.attr.i("blocksize", 0)));
}

}  // namespace

void add_shape_converters(ConverterTable& t) {
  t["Shape"] = shape_node;
  t["Size"] = size_node;
  t["Reshape"] = reshape_node;
  t["Flatten"] = flatten_node;
  t["Transpose"] = transpose_node;
  t["Squeeze"] = squeeze_node;
  t["Unsqueeze"] = unsqueeze_node;
  t["Concat"] = concat_node;
  t["Slice"] = slice_node;
  t["Split"] = split_node;
  t["Tile"] = tile_node;
  t["Expand"] = expand_node;
  t["Pad"] = pad_node;
  t["Cast"] = cast_node;
  t["CastLike"] = cast_like_node;
  t["Constant"] = constant_node;
  t["ConstantOfShape"] = constant_of_shape_node;
  t["Range"] = range_node;
  t["DepthToSpace"] = depth_to_space_node;
  t["SpaceToDepth"] = space_to_depth_node;
}

}  // namespace tisa::onnx_import
