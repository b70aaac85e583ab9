#include "frontends/ops/softmax.hpp"

namespace tisa::ops {
namespace {

// x - max(x) along axis, broadcast back to x's shape.
Value shifted(Builder& b, Value x, int64_t axis) {
  Value m = b.reduce(TISA_OP_REDUCE_MAX, x, {axis}, /*keepdims=*/true);
  return b.sub(x, b.broadcast(m, dims_of(b, x)));
}

}  // namespace

Value softmax(Builder& b, Value x, int64_t axis) {
  require_float(b, x, "softmax");
  axis = normalize_axis(axis, rank_of(b, x), "softmax");
  Value e = b.unary(TISA_OP_EXP, shifted(b, x, axis));
  Value sum = b.reduce(TISA_OP_REDUCE_SUM, e, {axis}, true);
  return b.div(e, b.broadcast(sum, dims_of(b, x)));
}

Value log_softmax(Builder& b, Value x, int64_t axis) {
  require_float(b, x, "log_softmax");
  axis = normalize_axis(axis, rank_of(b, x), "log_softmax");
  Value s = shifted(b, x, axis);
  Value sum = b.reduce(TISA_OP_REDUCE_SUM, b.unary(TISA_OP_EXP, s), {axis}, true);
  return b.sub(s, b.broadcast(b.unary(TISA_OP_LOG, sum), dims_of(b, x)));
}

}  // namespace tisa::ops
