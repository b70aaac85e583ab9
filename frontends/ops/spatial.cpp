#include "frontends/ops/spatial.hpp"

namespace tisa::ops {
namespace {

void defaults(std::vector<int64_t>& v, size_t n, int64_t value, std::string_view what, std::string_view op) {
  if (v.empty()) v.assign(n, value);
  if (v.size() != n) invalid("{}: {} has {} entries for {} spatial axes", op, what, v.size(), n);
}

// 1 when e >= 0, else 0, as a shape expression (for symbolic ceil-mode sizes).
Expr non_negative(const Expr& e) {
  return ir::min(ir::max(e + lit(1), lit(0)), lit(1));
}

}  // namespace

std::vector<AxisGeometry> window_geometry(const Builder& b, Value x, WindowParams& p, std::string_view op) {
  const Dims& d = dims_of(b, x);
  if (d.size() < 3 || d.size() > 5)
    invalid("{}: needs x of shape [N, C, spatial...] with 1 to 3 spatial axes, got {}", op, dims_str(b, d));
  const size_t s = d.size() - 2;
  defaults(p.kernel, s, 1, "kernel_shape", op);
  defaults(p.strides, s, 1, "strides", op);
  defaults(p.dilations, s, 1, "dilations", op);
  defaults(p.pads_begin, s, 0, "pads (begin)", op);
  defaults(p.pads_end, s, 0, "pads (end)", op);
  std::vector<AxisGeometry> g(s);
  for (size_t i = 0; i < s; ++i) {
    if (p.kernel[i] < 1 || p.strides[i] < 1 || p.dilations[i] < 1)
      invalid("{}: kernel {}, stride {} and dilation {} of spatial axis {} must be >= 1", op, p.kernel[i],
              p.strides[i], p.dilations[i], i);
    if (p.pads_begin[i] < 0 || p.pads_end[i] < 0) invalid("{}: negative pads on spatial axis {}", op, i);
    const Expr in = d[i + 2], stride = lit(p.strides[i]);
    const Expr span = lit(p.dilations[i] * (p.kernel[i] - 1) + 1);
    switch (p.auto_pad) {
      case AutoPad::NotSet:
        g[i].pad_low = lit(p.pads_begin[i]);
        g[i].pad_high = lit(p.pads_end[i]);
        break;
      case AutoPad::Valid: g[i].pad_low = g[i].pad_high = lit(0); break;
      case AutoPad::SameUpper:
      case AutoPad::SameLower: {
        const Expr total = ir::max((ir::ceildiv(in, stride) - lit(1)) * stride + span - in, lit(0));
        const Expr small = ir::floordiv(total, lit(2)), large = total - small;
        g[i].pad_low = p.auto_pad == AutoPad::SameUpper ? small : large;
        g[i].pad_high = p.auto_pad == AutoPad::SameUpper ? large : small;
        break;
      }
    }
    const Expr padded = in + g[i].pad_low + g[i].pad_high;
    if (!p.ceil_mode) {
      g[i].out = ir::floordiv(padded - span, stride) + lit(1);
      g[i].pad_extra = lit(0);
    } else {
      Expr out = ir::ceildiv(padded - span, stride) + lit(1);
      // Drop a last window that starts in the end padding.
      out = out - non_negative((out - lit(1)) * stride - (in + g[i].pad_low));
      g[i].out = out;
      g[i].pad_extra = ir::max((out - lit(1)) * stride + span - padded, lit(0));
    }
    if (auto v = g[i].out.as_lit(); v && *v < 1)
      invalid(
          "{}: the window (kernel {}, dilation {}) does not fit spatial axis {} of size {} with its padding",
          op, p.kernel[i], p.dilations[i], i, dim_str(b, in));
  }
  return g;
}

Value windows(Builder& b, Value x, const WindowParams& p, const std::vector<AxisGeometry>& g,
              double pad_value, double extra_value) {
  const size_t s = g.size();
  Dims low(s + 2, lit(0)), high(s + 2, lit(0)), extra(s + 2, lit(0));
  bool any_pad = false, any_extra = false;
  for (size_t i = 0; i < s; ++i) {
    low[i + 2] = g[i].pad_low;
    high[i + 2] = g[i].pad_high;
    extra[i + 2] = g[i].pad_extra;
    any_pad = any_pad || g[i].pad_low.as_lit() != 0 || g[i].pad_high.as_lit() != 0;
    any_extra = any_extra || g[i].pad_extra.as_lit() != 0;
  }
  if (any_pad) x = b.pad(x, low, high, pad_value);
  if (any_extra) x = b.pad(x, Dims(s + 2, lit(0)), extra, extra_value);

  const Dims& d = dims_of(b, x);
  Dims flat{d[0] * d[1]};
  flat.insert(flat.end(), d.begin() + 2, d.end());
  std::vector<int64_t> size{1}, stride{1}, dilation{1};
  size.insert(size.end(), p.kernel.begin(), p.kernel.end());
  stride.insert(stride.end(), p.strides.begin(), p.strides.end());
  dilation.insert(dilation.end(), p.dilations.begin(), p.dilations.end());
  Value w = b.window(b.reshape(x, flat), size, stride, dilation);

  // The window op counts every window that fits; ceil mode may want fewer.
  if (!p.ceil_mode) return w;
  const Dims& wd = dims_of(b, w);
  bool trim = false;
  Dims start(wd.size(), lit(0)), stop = wd;
  for (size_t i = 0; i < s; ++i) {
    if (!wd[i + 1].equals(g[i].out)) {
      stop[i + 1] = g[i].out;
      trim = true;
    }
  }
  return trim ? b.slice(w, start, stop, std::vector<int64_t>(wd.size(), 1)) : w;
}

}  // namespace tisa::ops
