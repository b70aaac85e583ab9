// softmax and log-softmax along one axis (ONNX opset >= 13 semantics; older opsets coerce to 2-D
// with flatten first).
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// e = exp(x - max(x)); e / sum(e). Subtracting the max keeps exp <= 1 (no overflow); each result
// carries exp's (3 + 2|x - max|) ulp, the dot bound of the sum and a 2.5 ulp division. A row that
// is all -inf, or holds +inf, gives NaN (as PyTorch and ONNX's reference do).
Value softmax(Builder& b, Value x, int64_t axis = -1);
// (x - max) - log(sum(exp(x - max))): no exp/log round trip on the result, so it stays accurate
// where softmax underflows to 0.
Value log_softmax(Builder& b, Value x, int64_t axis = -1);

}  // namespace tisa::ops
