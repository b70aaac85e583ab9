// Pooling on x[N, C, spatial...] (1 to 3 spatial axes): pad -> window -> reduce (spec 7.9).
#pragma once

#include "frontends/ops/spatial.hpp"

namespace tisa::ops {

// Padding with the dtype's lowest value (-inf), reduce_max over each window. Exact.
Value max_pool(Builder& b, Value x, WindowParams params);
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
