// Value conversion between dtypes, exactly as cast defines it (used by cast, iota and the
// integer matmul's widening).
#pragma once

#include <cmath>
#include <limits>

#include "drivers/reference/kernels/dtype_dispatch.hpp"

namespace tisa::ref {

template <class To, class From>
typename To::type convert(typename From::type x) {
  using Out = typename To::type;
  if constexpr (is_bool<To>) {
    return x != 0 ? 1 : 0;  // NaN != 0 is true, -0.0 != 0 is false
  } else if constexpr (is_bool<From>) {
    return static_cast<Out>(x != 0 ? 1 : 0);
  } else if constexpr (is_float<To>) {
    return static_cast<Out>(x);  // round to nearest even; float overflow goes to +-inf
  } else if constexpr (is_float<From>) {
    // Truncate toward zero, saturate, NaN -> 0. The bounds are exact doubles or round up to
    // 2^(bits-1), so every value strictly between them converts without overflow.
    const double v = static_cast<double>(x);
    if (std::isnan(v)) return 0;
    const double t = std::trunc(v);
    constexpr double lo = static_cast<double>(std::numeric_limits<Out>::min());
    constexpr double hi = static_cast<double>(std::numeric_limits<Out>::max());
    if (t <= lo) return std::numeric_limits<Out>::min();
    if (t >= hi) return std::numeric_limits<Out>::max();
    return static_cast<Out>(t);
  } else {
    return static_cast<Out>(x);  // integer -> integer keeps the low bits (modular since C++20)
  }
}

}  // namespace tisa::ref
