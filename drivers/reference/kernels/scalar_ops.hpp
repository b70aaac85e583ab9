// Scalar semantics shared by several kernels: wrapping integer arithmetic (done in unsigned, so
// no signed overflow is ever evaluated) and the NaN-propagating max/min.
#pragma once

#include <cmath>
#include <type_traits>

#include "drivers/reference/kernels/dtype_dispatch.hpp"

namespace tisa::ref {

// Unsigned type at least as wide as unsigned int: small types would otherwise promote to int.
template <class T>
using wide_unsigned_t = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;

template <class T>
T wrap_add(T a, T b) {
  using U = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <class T>
T wrap_sub(T a, T b) {
  using U = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
}
template <class T>
T wrap_mul(T a, T b) {
  using U = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
}
template <class T>
T wrap_neg(T a) {
  using U = wide_unsigned_t<T>;
  return static_cast<T>(U{0} - static_cast<U>(a));
}

// add/mul for any numeric dtype: integers wrap, floats round once (exact in double, then f32).
template <class D>
typename D::type add_value(typename D::type a, typename D::type b) {
  using T = typename D::type;
  if constexpr (is_float<D>) {
    return static_cast<T>(static_cast<double>(a) + static_cast<double>(b));
  } else {
    return wrap_add(a, b);
  }
}
template <class D>
typename D::type mul_value(typename D::type a, typename D::type b) {
  using T = typename D::type;
  if constexpr (is_float<D>) {
    return static_cast<T>(static_cast<double>(a) * static_cast<double>(b));
  } else {
    return wrap_mul(a, b);
  }
}

// max: NaN if either is NaN; max(-0, +0) = +0.
template <class D>
typename D::type max_value(typename D::type a, typename D::type b) {
  if constexpr (is_float<D>) {
    if (std::isnan(a)) return a;
    if (std::isnan(b)) return b;
    if (a == b) return std::signbit(a) ? b : a;
  }
  return a > b ? a : b;
}

// min: NaN if either is NaN; min(-0, +0) = -0.
template <class D>
typename D::type min_value(typename D::type a, typename D::type b) {
  if constexpr (is_float<D>) {
    if (std::isnan(a)) return a;
    if (std::isnan(b)) return b;
    if (a == b) return std::signbit(a) ? a : b;
  }
  return a < b ? a : b;
}

}  // namespace tisa::ref
