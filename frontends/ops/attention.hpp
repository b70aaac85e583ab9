// Scaled dot-product attention (PyTorch scaled_dot_product_attention, ONNX Attention without
// KV cache): softmax(q k^T * scale + mask) v.
#pragma once

#include <optional>

#include "frontends/ops/common.hpp"

namespace tisa::ops {

struct AttentionOptions {
  // Default 1 / sqrt(D), D = q's last dim (which must be a literal then).
  std::optional<double> scale;
  // Position j is visible from query i when j <= i (top-left aligned, as PyTorch's is_causal).
  // Built from two iotas and `le`; hidden scores become -inf before the softmax.
  bool causal = false;
  // Broadcast to the scores [..., Sq, Sk]: a bool mask keeps positions where true (others -inf);
  // a numeric mask is added to the scores.
  std::optional<Value> mask;
};

// q[..., Sq, D], k[..., Sk, D], v[..., Sk, Dv] -> [..., Sq, Dv]; batch dims broadcast as in
// matmul. Decomposition: matmul(q, transpose(k)) -> mul by scale -> mask -> softmax (max-subtracted)
// -> matmul with v. Numerics: two dot bounds, softmax's, and one rounding for the scale. A row with
// every position hidden gives NaN (0 / 0), as PyTorch does.
Value attention(Builder& b, Value q, Value k, Value v, const AttentionOptions& options = {});

}  // namespace tisa::ops
