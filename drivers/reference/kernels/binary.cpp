// Binary elementwise ops: equal shapes and dtypes (no implicit broadcasting or promotion).
#include <cmath>
#include <limits>

#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/elementwise.hpp"
#include "drivers/reference/kernels/scalar_ops.hpp"

namespace tisa::ref {
namespace {

template <class D>
typename D::type subtract(typename D::type a, typename D::type b) {
  using T = typename D::type;
  if constexpr (is_float<D>) {
    return static_cast<T>(static_cast<double>(a) - static_cast<double>(b));
  } else {
    return wrap_sub(a, b);
  }
}

// Integers truncate toward zero; x / 0 has every bit set (-1 signed, max unsigned) as in
// RISC-V M; INT_MIN / -1 = INT_MIN.
template <class D>
typename D::type divide(typename D::type a, typename D::type b) {
  using T = typename D::type;
  if constexpr (is_float<D>) {
    return static_cast<T>(static_cast<double>(a) / static_cast<double>(b));
  } else {
    if (b == 0) return static_cast<T>(~std::make_unsigned_t<T>{0});
    if constexpr (is_signed_int<D>) {
      if (a == std::numeric_limits<T>::min() && b == -1) return a;
    }
    return static_cast<T>(a / b);
  }
}

// Floats: fmod (exact, sign of lhs). Integers: truncated remainder; x rem 0 = x;
// INT_MIN rem -1 = 0.
template <class D>
typename D::type remainder(typename D::type a, typename D::type b) {
  using T = typename D::type;
  if constexpr (is_float<D>) {
    return static_cast<T>(std::fmod(static_cast<double>(a), static_cast<double>(b)));
  } else {
    if (b == 0) return a;
    if constexpr (is_signed_int<D>) {
      if (b == -1) return 0;
    }
    return static_cast<T>(a % b);
  }
}

// Integers: repeated squaring with wrap; a negative exponent gives 1 for base 1, (-1)^|e| for
// base -1 and 0 otherwise.
template <class D>
typename D::type power(typename D::type base, typename D::type exponent) {
  using T = typename D::type;
  if constexpr (is_float<D>) {
    return static_cast<T>(std::pow(static_cast<double>(base), static_cast<double>(exponent)));
  } else {
    if constexpr (is_signed_int<D>) {
      if (exponent < 0) {
        if (base == 1) return 1;
        if (base == -1) return (exponent & 1) ? T(-1) : T(1);
        return 0;
      }
    }
    T result = 1;
    T square = base;
    for (auto e = static_cast<std::make_unsigned_t<T>>(exponent); e != 0; e >>= 1) {
      if (e & 1) result = wrap_mul(result, square);
      square = wrap_mul(square, square);
    }
    return result;
  }
}

template <class D>
typename D::type bit_and(typename D::type a, typename D::type b) {
  using T = typename D::type;
  if constexpr (is_bool<D>)
    return static_cast<T>(a != 0 && b != 0);
  else
    return static_cast<T>(a & b);
}
template <class D>
typename D::type bit_or(typename D::type a, typename D::type b) {
  using T = typename D::type;
  if constexpr (is_bool<D>)
    return static_cast<T>(a != 0 || b != 0);
  else
    return static_cast<T>(a | b);
}
template <class D>
typename D::type bit_xor(typename D::type a, typename D::type b) {
  using T = typename D::type;
  if constexpr (is_bool<D>)
    return static_cast<T>((a != 0) != (b != 0));
  else
    return static_cast<T>(a ^ b);
}

template <class D>
bool shift_in_range(typename D::type s) {
  if constexpr (is_signed_int<D>) {
    if (s < 0) return false;
  }
  return static_cast<uint64_t>(s) < D::bits;
}

// x << s; 0 when s < 0 or s >= bits.
template <class D>
typename D::type shift_left(typename D::type x, typename D::type s) {
  using T = typename D::type;
  if (!shift_in_range<D>(s)) return 0;
  return static_cast<T>(static_cast<wide_unsigned_t<T>>(x) << s);
}

// Arithmetic for signed, logical for unsigned; out of range: -1 for negative signed x, else 0.
template <class D>
typename D::type shift_right(typename D::type x, typename D::type s) {
  using T = typename D::type;
  if (!shift_in_range<D>(s)) {
    if constexpr (is_signed_int<D>)
      return x < 0 ? T(-1) : T(0);
    else
      return 0;
  }
  return static_cast<T>(x >> s);  // arithmetic on signed values since C++20
}

template <class D>
typename D::type arc_tangent2(typename D::type y, typename D::type x) {
  using T = typename D::type;
  return static_cast<T>(std::atan2(static_cast<double>(y), static_cast<double>(x)));
}

}  // namespace

HostTensor eval_binary(const Call& c) {
  const HostTensor& a = c.operand(0);
  const HostTensor& b = c.operand(1);
  HostTensor out = c.result();
  return dispatch(a.dtype, c.op.name, [&](auto d) -> HostTensor {
    using D = decltype(d);
    using T = typename D::type;
    using Bool = typename Dtype<TISA_DTYPE_BOOL>::type;
    // Applies fn when the dtype class allows it; false sends the op to unimplemented.
    auto apply = [&](auto fn) {
      map_binary<T, T>(a, b, out, fn);
      return true;
    };
    auto compare = [&](auto fn) {
      map_binary<T, Bool>(a, b, out, [fn](T x, T y) { return static_cast<Bool>(fn(x, y)); });
      return true;
    };
    bool done = false;
    switch (c.inst.op) {
      case TISA_OP_EQ: done = compare([](T x, T y) { return x == y; }); break;
      case TISA_OP_NE: done = compare([](T x, T y) { return x != y; }); break;
      default: break;
    }
    if constexpr (!is_bool<D>) {
      switch (c.inst.op) {
        case TISA_OP_ADD: done = apply(add_value<D>); break;
        case TISA_OP_SUB: done = apply(subtract<D>); break;
        case TISA_OP_MUL: done = apply(mul_value<D>); break;
        case TISA_OP_DIV: done = apply(divide<D>); break;
        case TISA_OP_REM: done = apply(remainder<D>); break;
        case TISA_OP_POW: done = apply(power<D>); break;
        case TISA_OP_MAX: done = apply(max_value<D>); break;
        case TISA_OP_MIN: done = apply(min_value<D>); break;
        case TISA_OP_LT: done = compare([](T x, T y) { return x < y; }); break;
        case TISA_OP_LE: done = compare([](T x, T y) { return x <= y; }); break;
        default: break;
      }
    }
    if constexpr (!is_float<D>) {
      switch (c.inst.op) {
        case TISA_OP_AND: done = apply(bit_and<D>); break;
        case TISA_OP_OR: done = apply(bit_or<D>); break;
        case TISA_OP_XOR: done = apply(bit_xor<D>); break;
        default: break;
      }
    }
    if constexpr (is_int<D>) {
      switch (c.inst.op) {
        case TISA_OP_SHL: done = apply(shift_left<D>); break;
        case TISA_OP_SHR: done = apply(shift_right<D>); break;
        default: break;
      }
    }
    if constexpr (is_float<D>) {
      if (c.inst.op == TISA_OP_ATAN2) done = apply(arc_tangent2<D>);
    }
    if (!done) c.unimplemented(D::code);
    return out;
  });
}

}  // namespace tisa::ref
