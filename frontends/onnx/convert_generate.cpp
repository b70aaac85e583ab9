// Ops whose result is computed from constants at import: the window functions (Hann, Hamming,
// Blackman), and Compress with a constant condition (a gather of the selected positions).
#include <cmath>
#include <numbers>

#include "frontends/onnx/converters.hpp"
#include "frontends/onnx/tensor_proto.hpp"
#include "frontends/ops/indexing.hpp"
#include "frontends/ops/shape.hpp"

namespace tisa::onnx_import {
namespace {

// w[n] = a0 - a1 cos(2 pi n / N) + a2 cos(4 pi n / N), N = size (periodic) or size - 1.
template <int Kind>
void window(NodeContext& c) {
  const auto size = c.ints(0, "size");
  if (size.size() != 1 || size[0] < 0) c.error("size must be one non-negative value");
  const bool periodic = c.attr.i("periodic", 1) != 0;
  const auto dtype = dtype_of(static_cast<int32_t>(c.attr.i("output_datatype", onnx::TensorProto::FLOAT)));
  if (!dtype) c.attr.unsupported("output_datatype", "has no TISA dtype");
  const double a0 = Kind == 0 ? 0.5 : Kind == 1 ? 25.0 / 46.0 : 0.42;
  const double a1 = 1.0 - (Kind == 2 ? 0.5 : a0);
  const double a2 = Kind == 2 ? 0.08 : 0.0;
  const int64_t n = size[0];
  const double denom = static_cast<double>(periodic ? n : n - 1);
  std::vector<float> w;
  for (int64_t i = 0; i < n; ++i) {
    const double t = 2.0 * std::numbers::pi * static_cast<double>(i) / denom;
    w.push_back(static_cast<float>(a0 - a1 * std::cos(t) + a2 * std::cos(2.0 * t)));
  }
  Value v = c.b.constant(TISA_DTYPE_F32, {n}, std::span<const float>(w));
  c.out(0, *dtype == TISA_DTYPE_F32 ? v : c.b.cast(v, *dtype));
}

void compress(NodeContext& c) {
  const auto condition = c.floats(1, "condition");
  Value x = c.in(0);
  std::vector<int64_t> picked;
  auto axis = c.attr.i("axis");
  if (!axis) x = ops::reshape(c.b, x, {-1});
  const int64_t a = axis ? ops::normalize_axis(*axis, c.rank(x), "Compress") : 0;
  const Expr dim = c.dims(x)[static_cast<size_t>(a)];
  const int64_t len = ops::require_literal(c.b, dim, "Compress", "the compressed axis");
  for (size_t i = 0; i < condition.size() && static_cast<int64_t>(i) < len; ++i)
    if (condition[i] != 0) picked.push_back(static_cast<int64_t>(i));
  Value idx =
      c.b.constant(TISA_DTYPE_I64, {static_cast<int64_t>(picked.size())}, std::span<const int64_t>(picked));
  c.out(0, c.b.gather(x, idx, a));
}

}  // namespace

void add_generate_converters(ConverterTable& t) {
  t["HannWindow"] = window<0>;
  t["HammingWindow"] = window<1>;
  t["BlackmanWindow"] = window<2>;
  t["Compress"] = compress;
}

}  // namespace tisa::onnx_import
