// Pooling on x[N, C, spatial...] (1 to 3 spatial axes): pad -> window -> reduce (spec 7.9).
#pragma once

#include "frontends/ops/spatial.hpp"

namespace tisa::ops {

// Padding with the dtype's lowest value (-inf), reduce_max over each window. Exact.
Value max_pool(Builder& b, Value x, WindowParams params);
// max_pool and, per output, the flat index into x of the maximum (ONNX MaxPool's Indices, i64,
// the first maximum in window order on ties, the first NaN if any): an index tensor built from
// iotas goes through the same pad -> window, and the argmax of each window picks from it.
// Row-major indices are ((n * C + c) * D1 + d1) * D2 + d2...; column_major reverses the spatial
// axes' strides (d1 + D1 * (d2 + D2 * ...)) inside each (n, c) plane, as ONNX storage_order 1.
struct PoolWithIndices {
  Value values, indices;
};
PoolWithIndices max_pool_with_indices(Builder& b, Value x, WindowParams params, bool column_major = false);
// ONNX MaxUnpool: zeros of the unpooled shape [N, C, (o - 1) * stride + k - pads_begin - pads_end
// ...] with x scattered (set) to the flat row-major indices (out-of-range ones skipped), then, when
// output_spatial is given, zero-padded (or cropped) at the end of each spatial axis to it, as
// ONNX's reference. x and indices: [N, C, o...] of equal shape; kernel, strides and pads of
// params are read (auto_pad, dilations and ceil_mode are not MaxUnpool's).
Value max_unpool(Builder& b, Value x, Value indices, WindowParams params,
                 const std::vector<int64_t>& output_spatial = {});
// Zero padding, reduce_sum over each window, divided by the element count: kernel size when
// count_include_pad (explicit pads count, ceil-mode overhang does not), else the number of
// input elements in the window. When the count varies it is itself computed by the same
// pad -> window -> reduce_sum over a tensor of ones. Numerics: dot bound of the sum + 2.5 ulp.
Value average_pool(Builder& b, Value x, WindowParams params, bool count_include_pad = false);
// (sum over the window of |x|^p)^(1/p); p = 2 uses sqrt. Zero padding.
Value lp_pool(Builder& b, Value x, WindowParams params, int64_t p = 2);
// Reductions over every spatial axis, keeping them as size 1.
Value global_max_pool(Builder& b, Value x);
Value global_average_pool(Builder& b, Value x);
Value global_lp_pool(Builder& b, Value x, int64_t p = 2);

}  // namespace tisa::ops
