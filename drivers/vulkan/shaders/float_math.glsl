// exp, expm1, log, log1p, tanh, sin, cos, erf for f32, computed in double (about 1e-16 relative)
// and rounded to float once: well inside the registry's bounds. GLSL's built-ins are not accurate
// enough and it has no double transcendentals, hence range reduction and series of our own.
// Included by the unary_f32 kernel and by float_math_binary.glsl (gen_shaders.py); needs
// shaderFloat64.
#ifndef TISA_FLOAT_MATH_GLSL
#define TISA_FLOAT_MATH_GLSL
const double kLn2Hi = 6.93147180369123816490e-01lf;  // ln 2 split: n * kLn2Hi is exact
const double kLn2Lo = 1.90821492927058770002e-10lf;
// e^r - 1 for |r| <= ln2 / 2: Taylor to r^13 (the rest is below 1e-17 relative).
double em1_small(double r) {
  double p = 1.0lf / 6227020800.0lf;
  const double inv[12] = double[](1.0lf / 479001600.0lf, 1.0lf / 39916800.0lf, 1.0lf / 3628800.0lf,
                                   1.0lf / 362880.0lf, 1.0lf / 40320.0lf, 1.0lf / 5040.0lf, 1.0lf / 720.0lf,
                                   1.0lf / 120.0lf, 1.0lf / 24.0lf, 1.0lf / 6.0lf, 0.5lf, 1.0lf);
  for (int k = 0; k < 12; ++k) p = p * r + inv[k];
  return p * r;
}
// x = n ln2 + r, |r| <= ln2 / 2 (x finite, |x| < 200).
double reduce_ln2(double x, out int n) {
  const double k = roundEven(x * 1.44269504088896338700lf);
  n = int(k);
  return (x - k * kLn2Hi) - k * kLn2Lo;
}
double exp_d(double x) {
  int n;
  const double r = reduce_ln2(x, n);
  return ldexp(1.0lf + em1_small(r), n);
}
double expm1_d(double x) {
  if (abs(x) <= 0.34657359027997264lf) return em1_small(x);
  int n;
  const double r = reduce_ln2(x, n);
  return ldexp(1.0lf + em1_small(r), n) - 1.0lf;
}
// log(1 + f) for sqrt(1/2) - 1 <= f < sqrt(2) - 1: 2 atanh(s), s = f / (2 + f), |s| <= 0.1716.
double log1p_small(double f) {
  const double s = f / (2.0lf + f), s2 = s * s;
  double p = 1.0lf / 27.0lf;
  for (int k = 12; k >= 0; --k) p = p * s2 + 1.0lf / double(2 * k + 1);
  return 2.0lf * s * p;
}
// log of a finite positive double.
double log_d(double x) {
  int e;
  double m = frexp(x, e);
  if (m < 0.70710678118654752lf) {
    m *= 2.0lf;
    e -= 1;
  }
  return log1p_small(m - 1.0lf) + (double(e) * kLn2Hi + double(e) * kLn2Lo);
}
float f_exp(float a) {
  if (isnan(a)) return a;
  if (a > 89.0) return uintBitsToFloat(0x7f800000u);
  if (a < -104.0) return 0.0;
  return float(exp_d(double(a)));
}
float f_expm1(float a) {
  if (isnan(a) || a == 0.0) return a;
  if (a > 89.0) return uintBitsToFloat(0x7f800000u);
  if (a < -104.0) return -1.0;
  return float(expm1_d(double(a)));
}
float f_log(float a) {
  if (isnan(a)) return a;
  if (a < 0.0) return uintBitsToFloat(0x7fc00000u);
  if (a == 0.0) return uintBitsToFloat(0xff800000u);
  if (isinf(a)) return a;
  return float(log_d(double(a)));
}
float f_log1p(float a) {
  if (isnan(a) || a == 0.0) return a;
  if (a < -1.0) return uintBitsToFloat(0x7fc00000u);
  if (a == -1.0) return uintBitsToFloat(0xff800000u);
  if (isinf(a)) return a;
  const double x = double(a);
  if (x >= -0.29289321881345248lf && x < 0.41421356237309505lf) return float(log1p_small(x));
  return float(log_d(1.0lf + x));
}
double fact_d(int n) {
  double f = 1.0lf;
  for (int k = 2; k <= n; ++k) f *= double(k);
  return f;
}
// sin and cos: x = k pi/2 + r in double (the error of r grows as |x| 2^-52, far inside the
// abs_linear bound), Taylor series on |r| <= pi/4, the quadrant from k mod 4.
double sin_small(double r) {
  const double r2 = r * r;
  double p = -1.0lf / 1307674368000.0lf;  // -1/15!
  for (int k = 6; k >= 1; --k) p = p * r2 + ((k & 1) == 1 ? -1.0lf : 1.0lf) / fact_d(2 * k + 1);
  return r + r * r2 * p;
}
double cos_small(double r) {
  const double r2 = r * r;
  double p = 1.0lf / 20922789888000.0lf;  // 1/16!
  for (int k = 7; k >= 1; --k) p = p * r2 + ((k & 1) == 1 ? -1.0lf : 1.0lf) / fact_d(2 * k);
  return 1.0lf + r2 * p;
}
float f_sincos(float a, bool want_cos) {
  if (isnan(a) || isinf(a)) return uintBitsToFloat(0x7fc00000u);
  if (!want_cos && a == 0.0) return a;
  const double x = double(a);
  const double k = roundEven(x * 0.63661977236758134308lf);
  const double r = (x - k * 1.57079632673412561417lf) - k * 6.07710050650619224932e-11lf;
  int q = int(k - 4.0lf * floor(k * 0.25lf));
  if (want_cos) q += 1;
  const double s = (q & 1) == 0 ? sin_small(r) : cos_small(r);
  return clamp(float((q & 2) == 0 ? s : -s), -1.0, 1.0);
}
// erf: 2x/sqrt(pi) e^(-x^2) sum (2x^2)^n / (1*3*...*(2n+1)), all terms positive (no
// cancellation); erf rounds to +-1 in f32 from |x| = 4 on.
float f_erf(float a) {
  if (isnan(a) || a == 0.0) return a;
  if (abs(a) >= 4.0) return a > 0.0 ? 1.0 : -1.0;
  const double x = double(a), t = 2.0lf * x * x;
  double term = 1.0lf, sum = 1.0lf;
  for (int n = 1; n < 160 && term > 1e-17lf * sum; ++n) {
    term *= t / double(2 * n + 1);
    sum += term;
  }
  return float(1.12837916709551257390lf * x * exp_d(-x * x) * sum);
}
float f_tanh(float a) {
  if (isnan(a) || a == 0.0) return a;
  if (abs(a) > 20.0) return a > 0.0 ? 1.0 : -1.0;
  const double t = expm1_d(2.0lf * abs(double(a)));
  const float r = float(t / (t + 2.0lf));
  return a < 0.0 ? -r : r;
}
#endif  // TISA_FLOAT_MATH_GLSL
