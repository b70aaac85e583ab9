// Cumulative sum. TISA-B has no scan primitive, so cumsum is O(L^2) work along the axis:
// x[P, L] broadcast to [P, L, L], masked with select by a triangle built from two iotas
// (i <= j, or < for exclusive, >= / > for reverse), then reduce_sum over the last axis. select
// instead of a multiply by a 0/1 matrix keeps inf and NaN in their own prefix only (0 * inf would
// be NaN). Each output is one reduce_sum (dot bound over its L terms, zeros included). Works with
// a symbolic axis length.
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

Value cumsum(Builder& b, Value x, int64_t axis, bool exclusive = false, bool reverse = false);

}  // namespace tisa::ops
