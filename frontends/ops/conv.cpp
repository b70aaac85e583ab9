#include "frontends/ops/conv.hpp"

#include "frontends/ops/broadcast.hpp"
#include "frontends/ops/linalg.hpp"

namespace tisa::ops {
namespace {

struct Channels {
  int64_t in, out, in_per_group, out_per_group;
};

Channels check_channels(const Builder& b, Value x, Value w, int64_t group, std::string_view op) {
  const Dims &xd = dims_of(b, x), &wd = dims_of(b, w);
  if (wd.size() != xd.size())
    invalid("{}: weights {} and x {} differ in rank", op, dims_str(b, wd), dims_str(b, xd));
  if (group < 1) invalid("{}: group {} < 1", op, group);
  Channels c{};
  c.in = require_literal(b, xd[1], op, "the input channel count");
  c.out = require_literal(b, wd[0], op, "the output channel count");
  c.in_per_group = require_literal(b, wd[1], op, "the weights' channel count");
  if (c.in % group || c.out % group || c.in_per_group != c.in / group)
    invalid(
        "{}: x has {} channels and weights {} with group {}: need [O, C / group, k...] with C and O "
        "divisible by group",
        op, c.in, dims_str(b, wd), group);
  c.out_per_group = c.out / group;
  return c;
}

Value add_bias(Builder& b, Value y, std::optional<Value> bias, std::string_view op) {
  if (!bias) return y;
  const Dims& yd = dims_of(b, y);
  if (rank_of(b, *bias) != 1 || !dims_of(b, *bias)[0].equals(yd[1]))
    invalid("{}: bias must have shape [{}], got {}", op, dim_str(b, yd[1]), dims_str(b, dims_of(b, *bias)));
  Dims shape(yd.size() - 1, lit(1));
  shape[0] = yd[1];
  return b.add(y, b.broadcast(b.reshape(cast_to(b, *bias, dtype_of(b, y)), shape), yd));
}

}  // namespace

Value conv(Builder& b, Value x, Value w, std::optional<Value> bias, const ConvOptions& o) {
  const Channels ch = check_channels(b, x, w, o.group, "conv");
  const tisa_dtype_t dtype = promote_types(dtype_of(b, x), dtype_of(b, w));
  x = cast_to(b, x, dtype);
  w = cast_to(b, w, dtype);
  const Dims xd = dims_of(b, x), wd = dims_of(b, w);
  const size_t s = xd.size() - 2;
  WindowParams p{{}, o.strides, o.dilations, o.pads_begin, o.pads_end, o.auto_pad, false};
  int64_t k = 1;
  for (size_t i = 0; i < s; ++i) {
    p.kernel.push_back(require_literal(b, wd[i + 2], "conv", "a kernel size"));
    k *= p.kernel.back();
  }
  const std::vector<AxisGeometry> g = window_geometry(b, x, p, "conv");
  Value win = windows(b, x, p, g, 0.0, 0.0);  // [N*C, o..., 1, k...]

  const Dims& wnd = dims_of(b, win);
  const Dims out_spatial(wnd.begin() + 1, wnd.begin() + 1 + static_cast<int64_t>(s));
  const Expr n = xd[0], positions = ir::product(out_spatial);
  const Expr groups = lit(o.group), cg = lit(ch.in_per_group), og = lit(ch.out_per_group);
  Value cols = b.reshape(win, {n, groups, cg, positions, lit(k)});
  cols = b.reshape(b.transpose(cols, {1, 0, 3, 2, 4}), {groups, n * positions, cg * lit(k)});
  Value wm = b.transpose(b.reshape(w, {groups, og, cg * lit(k)}), {0, 2, 1});

  Value y = cast_to(b, b.matmul(cols, wm, default_accumulator(dtype)), dtype);  // [G, N*P, O/G]
  y = b.transpose(b.reshape(y, {groups, n, positions, og}), {1, 0, 3, 2});      // [N, G, O/G, P]
  Dims out{n, lit(ch.out)};
  out.insert(out.end(), out_spatial.begin(), out_spatial.end());
  return add_bias(b, b.reshape(y, out), bias, "conv");
}

}  // namespace tisa::ops
