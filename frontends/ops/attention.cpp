#include "frontends/ops/attention.hpp"

#include <cmath>
#include <numeric>

#include "frontends/ops/broadcast.hpp"
#include "frontends/ops/linalg.hpp"
#include "frontends/ops/softmax.hpp"

namespace tisa::ops {

Value attention(Builder& b, Value q, Value k, Value v, const AttentionOptions& options) {
  require_float(b, q, "attention");
  if (rank_of(b, q) < 2 || rank_of(b, k) < 2 || rank_of(b, v) < 2)
    invalid("attention: q, k and v need rank >= 2 ([..., S, D])");
  std::vector<int64_t> perm(static_cast<size_t>(rank_of(b, k)));
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[perm.size() - 1], perm[perm.size() - 2]);
  Value scores = matmul(b, q, b.transpose(k, perm));

  double scale = 0.0;
  if (options.scale) {
    scale = *options.scale;
  } else {
    const int64_t d =
        require_literal(b, dims_of(b, q).back(), "attention", "the head size (for the default scale)");
    scale = 1.0 / std::sqrt(static_cast<double>(d));
  }
  scores = b.mul(scores, splat_like(b, scale, scores));

  const Dims sd = dims_of(b, scores);
  const double hidden = lowest_value(dtype_of(b, scores));
  if (options.mask) {
    Value m = broadcast_to(b, *options.mask, sd, "attention mask");
    scores = dtype_of(b, m) == TISA_DTYPE_BOOL ? b.select(m, scores, splat_like(b, hidden, scores))
                                               : b.add(scores, cast_to(b, m, dtype_of(b, scores)));
  }
  if (options.causal) {
    const Dims square{sd[sd.size() - 2], sd.back()};
    Value row = b.iota(TISA_DTYPE_I64, square, 0), col = b.iota(TISA_DTYPE_I64, square, 1);
    Value visible = b.broadcast(b.binary(TISA_OP_LE, col, row), sd);
    scores = b.select(visible, scores, splat_like(b, hidden, scores));
  }
  return matmul(b, softmax(b, scores, -1), cast_to(b, v, dtype_of(b, scores)));
}

}  // namespace tisa::ops
