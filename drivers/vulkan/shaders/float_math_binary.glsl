// pow and atan2 for f32, computed in double (about 1e-15 relative) and rounded to float once, well
// inside the registry's 16 and 6 ulp. The special values (C99 Annex F, as the reference driver's
// C library gives them) are decided on the float operands first. Included by ops_f32_f64.glsl
// (gen_ops.py); needs shaderFloat64.
#ifndef TISA_FLOAT_MATH_BINARY_GLSL
#define TISA_FLOAT_MATH_BINARY_GLSL
#include "float_math.glsl"

// An odd integer: floats of magnitude 2^24 and above are all even.
bool is_odd_integer(float y) { return abs(y) < 16777216.0 && trunc(y) == y && (int(y) & 1) != 0; }

// x^y = e^(y log|x|) in double: log_d is good to about 1e-16 relative and |y log|x|| stays below
// 104 wherever the result is a nonzero finite float, so e^t is good to about 1e-14 relative.
float f_pow(float x, float y) {
  const float inf = uintBitsToFloat(0x7f800000u);
  if (y == 0.0 || x == 1.0) return 1.0;  // even for a NaN in the other operand
  if (isnan(x) || isnan(y)) return uintBitsToFloat(0x7fc00000u);
  const bool odd = is_odd_integer(y), neg_x = (floatBitsToUint(x) >> 31) != 0u;
  if (isinf(y)) {
    const float ax = abs(x);
    if (ax == 1.0) return 1.0;  // pow(-1, +-inf)
    return (ax < 1.0) == (y < 0.0) ? inf : 0.0;
  }
  if (x == 0.0 || isinf(x)) {
    // |x|^y is +0 or +inf; x keeps its sign (-0, -inf) only for odd integer y.
    const float m = (x == 0.0) == (y < 0.0) ? inf : 0.0;
    return odd && neg_x ? -m : m;
  }
  if (neg_x && trunc(y) != y) return uintBitsToFloat(0x7fc00000u);
  const double t = double(y) * log_d(abs(double(x)));
  // e^89 overflows f32 and e^-104 is below half the least subnormal: no series needed there.
  const float r = t > 89.0lf ? inf : t < -104.0lf ? 0.0 : float(exp_d(t));
  return odd && neg_x ? -r : r;
}

const double kPi = 3.14159265358979311600lf;
// atan(t) for 0 <= t <= 1: above tan(pi/8), atan(t) = pi/4 + atan((t - 1) / (t + 1)) brings the
// argument to |u| <= tan(pi/8); the alternating series in u^2 <= 0.1716 then converges to double
// precision within 24 terms.
double atan_unit(double t) {
  double base = 0.0lf, u = t;
  if (t > 0.41421356237309505lf) {
    base = kPi * 0.25lf;
    u = (t - 1.0lf) / (t + 1.0lf);
  }
  const double u2 = u * u;
  double p = 0.0lf;
  for (int k = 23; k >= 0; --k) p = p * u2 + ((k & 1) == 0 ? 1.0lf : -1.0lf) / double(2 * k + 1);
  return base + u * p;
}

// The angle of (x, y): atan of the smaller over the larger magnitude (no argument above 1), moved
// to its octant; special values (zeros and infinities, whose signs pick the quadrant) first.
float f_atan2(float y, float x) {
  if (isnan(x) || isnan(y)) return uintBitsToFloat(0x7fc00000u);
  const bool neg_x = (floatBitsToUint(x) >> 31) != 0u, neg_y = (floatBitsToUint(y) >> 31) != 0u;
  double r;
  if (y == 0.0 || (isinf(x) && !isinf(y))) {
    r = neg_x ? kPi : 0.0lf;  // x = -0 counts as negative
  } else if (isinf(y)) {
    r = isinf(x) ? (neg_x ? 0.75lf : 0.25lf) * kPi : 0.5lf * kPi;
  } else if (x == 0.0) {
    r = 0.5lf * kPi;
  } else {
    const double ay = abs(double(y)), ax = abs(double(x));
    r = ay <= ax ? atan_unit(ay / ax) : 0.5lf * kPi - atan_unit(ax / ay);
    if (neg_x) r = kPi - r;
  }
  return float(neg_y ? -r : r);
}
#endif  // TISA_FLOAT_MATH_BINARY_GLSL
