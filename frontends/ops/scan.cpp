#include "frontends/ops/scan.hpp"

namespace tisa::ops {

Value cumsum(Builder& b, Value x, int64_t axis, bool exclusive, bool reverse) {
  return b.scan(TISA_OP_CUMSUM, x, normalize_axis(axis, rank_of(b, x), "cumsum"), exclusive, reverse);
}

}  // namespace tisa::ops
