// Unary elementwise ops. Float functions are evaluated in double and rounded once to the
// dtype, which meets every registry bound (and is correctly rounded for sqrt and recip).
#include <cmath>

#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/elementwise.hpp"
#include "drivers/reference/kernels/scalar_ops.hpp"

namespace tisa::ref {
namespace {

using FloatFunction = double (*)(double);

FloatFunction float_function(tisa_opcode_t op) {
  switch (op) {
    case TISA_OP_EXP: return [](double v) { return std::exp(v); };
    case TISA_OP_LOG: return [](double v) { return std::log(v); };
    case TISA_OP_SQRT: return [](double v) { return std::sqrt(v); };
    case TISA_OP_RSQRT: return [](double v) { return 1.0 / std::sqrt(v); };  // rsqrt(-0) = -inf
    case TISA_OP_RECIP: return [](double v) { return 1.0 / v; };
    case TISA_OP_FLOOR: return [](double v) { return std::floor(v); };
    case TISA_OP_CEIL: return [](double v) { return std::ceil(v); };
    case TISA_OP_ROUND: return [](double v) { return std::nearbyint(v); };  // ties to even
    case TISA_OP_SIN: return [](double v) { return std::sin(v); };
    case TISA_OP_COS: return [](double v) { return std::cos(v); };
    case TISA_OP_TANH: return [](double v) { return std::tanh(v); };
    case TISA_OP_ERF: return [](double v) { return std::erf(v); };
    case TISA_OP_EXPM1: return [](double v) { return std::expm1(v); };
    case TISA_OP_LOG1P: return [](double v) { return std::log1p(v); };
    default: return nullptr;
  }
}

template <class D>
typename D::type negate(typename D::type x) {
  if constexpr (is_float<D>) {
    return -x;  // flips the sign bit, NaN included
  } else {
    return wrap_neg(x);  // neg(INT_MIN) = INT_MIN
  }
}

template <class D>
typename D::type absolute(typename D::type x) {
  if constexpr (is_float<D>) {
    return std::fabs(x);  // clears the sign bit: abs(-0) = +0
  } else if constexpr (is_signed_int<D>) {
    return x < 0 ? wrap_neg(x) : x;  // abs(INT_MIN) = INT_MIN
  } else {
    return x;
  }
}

template <class D>
typename D::type sign(typename D::type x) {
  using T = typename D::type;
  if constexpr (is_float<D>) {
    if (std::isnan(x) || x == 0) return x;  // sign(+-0) = +-0, sign(NaN) = NaN
    return std::copysign(T{1}, x);
  } else if constexpr (is_signed_int<D>) {
    return static_cast<T>((x > 0) - (x < 0));
  } else {
    return static_cast<T>(x != 0);
  }
}

template <class D>
typename D::type logical_not(typename D::type x) {
  using T = typename D::type;
  if constexpr (is_bool<D>) {
    return static_cast<T>(x == 0);
  } else {
    return static_cast<T>(~x);
  }
}

}  // namespace

HostTensor eval_unary(const Call& c) {
  const HostTensor& x = c.operand(0);
  HostTensor out = c.result();
  return dispatch(x.dtype, c.op.name, [&](auto d) -> HostTensor {
    using D = decltype(d);
    using T = typename D::type;
    switch (c.inst.op) {
      case TISA_OP_NEG:
        if constexpr (!is_bool<D>) {
          map_unary<T, T>(x, out, negate<D>);
          return out;
        }
        break;
      case TISA_OP_ABS:
        if constexpr (!is_bool<D>) {
          map_unary<T, T>(x, out, absolute<D>);
          return out;
        }
        break;
      case TISA_OP_SIGN:
        if constexpr (!is_bool<D>) {
          map_unary<T, T>(x, out, sign<D>);
          return out;
        }
        break;
      case TISA_OP_NOT:
        if constexpr (!is_float<D>) {
          map_unary<T, T>(x, out, logical_not<D>);
          return out;
        }
        break;
      default:
        if constexpr (is_float<D>) {
          if (FloatFunction fn = float_function(c.inst.op)) {
            map_unary<T, T>(x, out, [fn](T v) { return static_cast<T>(fn(static_cast<double>(v))); });
            return out;
          }
        }
        break;
    }
    c.unimplemented(D::code);
  });
}

}  // namespace tisa::ref
