#include "frontends/ops/conv.hpp"

#include <algorithm>
#include <numeric>

#include "frontends/ops/pad.hpp"

namespace tisa::ops {
namespace {

void defaults(std::vector<int64_t>& v, size_t n, int64_t value, std::string_view what) {
  if (v.empty()) v.assign(n, value);
  if (v.size() != n) invalid("conv_transpose: {} has {} entries for {} spatial axes", what, v.size(), n);
}

// stride - 1 zeros between neighbours on every spatial axis (none after the last element).
Value insert_zeros(Builder& b, Value x, const std::vector<int64_t>& strides) {
  const Dims d = dims_of(b, x);
  const size_t s = d.size() - 2;
  if (std::all_of(strides.begin(), strides.end(), [](int64_t v) { return v == 1; })) return x;
  Dims interleaved{d[0], d[1]}, low, high, spread{d[0], d[1]}, start(d.size(), lit(0)), stop{d[0], d[1]};
  for (size_t i = 0; i < s; ++i) {
    interleaved.insert(interleaved.end(), {d[i + 2], lit(1)});
    spread.push_back(d[i + 2] * lit(strides[i]));
    stop.push_back((d[i + 2] - lit(1)) * lit(strides[i]) + lit(1));
  }
  low.assign(interleaved.size(), lit(0));
  high = low;
  for (size_t i = 0; i < s; ++i) high[3 + 2 * i] = lit(strides[i] - 1);
  Value padded = b.pad(b.reshape(x, interleaved), low, high, 0.0);
  return b.slice(b.reshape(padded, spread), start, stop, std::vector<int64_t>(d.size(), 1));
}

}  // namespace

Value conv_transpose(Builder& b, Value x, Value w, std::optional<Value> bias,
                     const ConvTransposeOptions& options) {
  ConvTransposeOptions o = options;
  const Dims xd = dims_of(b, x), wd = dims_of(b, w);
  if (xd.size() < 3 || xd.size() > 5 || wd.size() != xd.size())
    invalid(
        "conv_transpose: needs x [N, C, spatial...] (1 to 3 spatial axes) and weights of the same rank, got "
        "{} "
        "and {}",
        dims_str(b, xd), dims_str(b, wd));
  const size_t s = xd.size() - 2;
  const int64_t c_in = require_literal(b, xd[1], "conv_transpose", "the input channel count");
  const int64_t out_per_group =
      require_literal(b, wd[1], "conv_transpose", "the weights' output channel count");
  if (o.group < 1 || c_in % o.group ||
      require_literal(b, wd[0], "conv_transpose", "the weights' input channels") != c_in)
    invalid(
        "conv_transpose: weights {} do not fit {} input channels with group {} (need [C, O / group, k...])",
        dims_str(b, wd), c_in, o.group);
  defaults(o.strides, s, 1, "strides");
  defaults(o.dilations, s, 1, "dilations");
  defaults(o.pads_begin, s, 0, "pads (begin)");
  defaults(o.pads_end, s, 0, "pads (end)");
  defaults(o.output_padding, s, 0, "output_padding");
  std::vector<int64_t> kernel(s);
  for (size_t i = 0; i < s; ++i) kernel[i] = require_literal(b, wd[i + 2], "conv_transpose", "a kernel size");

  const bool same = o.auto_pad == AutoPad::SameUpper || o.auto_pad == AutoPad::SameLower;
  if (!o.output_shape.empty() || same) {
    // Pads from the requested output size (ONNX): total = stride * (in - 1) + output_padding +
    // dilation * (k - 1) + 1 - out, split with floor division as ONNX's reference: SAME_UPPER
    // gives the end the larger half. A negative total (an output larger than the natural one)
    // is a negative pad, which adds zeros.
    if (!o.output_shape.empty() && o.output_shape.size() != s)
      invalid("conv_transpose: output_shape has {} entries for {} spatial axes", o.output_shape.size(), s);
    for (size_t i = 0; i < s; ++i) {
      const int64_t in =
          require_literal(b, xd[i + 2], "conv_transpose", "a spatial size (with output_shape / SAME)");
      const int64_t out = o.output_shape.empty() ? in * o.strides[i] : o.output_shape[i];
      const int64_t total =
          o.strides[i] * (in - 1) + o.output_padding[i] + o.dilations[i] * (kernel[i] - 1) + 1 - out;
      const int64_t half = total >= 0 ? total / 2 : -((1 - total) / 2);  // floor(total / 2)
      o.pads_begin[i] = o.auto_pad == AutoPad::SameUpper ? half : total - half;
      o.pads_end[i] = total - o.pads_begin[i];
    }
  }

  std::vector<int64_t> low(s + 2, 0), high(s + 2, 0);
  for (size_t i = 0; i < s; ++i) {
    const int64_t reach = o.dilations[i] * (kernel[i] - 1);
    low[i + 2] = reach - o.pads_begin[i];
    high[i + 2] = reach - o.pads_end[i] + o.output_padding[i];
  }
  Value spread = pad(b, insert_zeros(b, x, o.strides), low, high, PadMode::Constant, 0.0);

  // [C, O/G, k...] -> [G, C/G, O/G, k...] -> [G, O/G, C/G, k...] -> [O, C/G, k...], flipped.
  const int64_t in_per_group = c_in / o.group;
  Dims grouped{lit(o.group), lit(in_per_group), lit(out_per_group)},
      flat{lit(o.group * out_per_group), lit(in_per_group)};
  std::vector<int64_t> perm{0, 2, 1}, spatial_axes;
  for (size_t i = 0; i < s; ++i) {
    grouped.push_back(lit(kernel[i]));
    flat.push_back(lit(kernel[i]));
    perm.push_back(static_cast<int64_t>(i + 3));
    spatial_axes.push_back(static_cast<int64_t>(i + 2));
  }
  Value wt = b.reverse(b.reshape(b.transpose(b.reshape(w, grouped), perm), flat), spatial_axes);

  ConvOptions co;
  co.dilations = o.dilations;
  co.group = o.group;
  return conv(b, spread, wt, bias, co);
}

}  // namespace tisa::ops
