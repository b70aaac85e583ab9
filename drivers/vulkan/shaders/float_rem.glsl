// rem (fmod) for f32, exact, in integer arithmetic on the mantissas: no double, so devices without
// shaderFloat64 have it. Included by ops_f32.glsl (gen_ops.py).
#ifndef TISA_FLOAT_REM_GLSL
#define TISA_FLOAT_REM_GLSL
// fmod, exact (the true remainder is always a float). |a| = ma 2^ea, |b| = mb 2^eb with integer
// mantissas below 2^24; a - trunc(a / b) b in any float width loses bits once the quotient is
// large, so the remainder of ma 2^(ea - eb) by mb is taken in 64-bit integers, up to 40 bits of
// the exponent difference a step (r < 2^24, so r << 40 fits), and r 2^eb is rebuilt from bits,
// so no float operation can round or flush it.
float f_rem(float a, float b) {
  const uint ua = floatBitsToUint(a) & 0x7fffffffu, ub = floatBitsToUint(b) & 0x7fffffffu;
  const uint sign = floatBitsToUint(a) & 0x80000000u;
  if (ua >= 0x7f800000u || ub > 0x7f800000u || ub == 0u) return uintBitsToFloat(0x7fc00000u);
  if (ua < ub) return a;  // |a| < |b|, b = inf and a = 0 included
  // Exponent fields, a subnormal's read as 1 (it has no hidden bit): value = m 2^(e - 150).
  int ea = int(ua >> 23), eb = int(ub >> 23);
  uint64_t ma = uint64_t(ua & 0x7fffffu), mb = uint64_t(ub & 0x7fffffu);
  if (ea == 0) ea = 1; else ma |= 0x800000ul;
  if (eb == 0) eb = 1; else mb |= 0x800000ul;
  uint64_t r = ma % mb;
  for (int d = ea - eb; d > 0; d -= 40) r = (r << min(d, 40)) % mb;
  if (r == 0ul) return uintBitsToFloat(sign);  // an exact multiple: zero with the sign of a
  // r < mb: shift the leading bit up to the hidden bit's place, unless that would take the
  // exponent field below 1 (then the result is subnormal).
  uint m = uint(r);
  const int s = min(23 - findMSB(m), eb - 1);
  m <<= uint(s);
  const uint e = uint(eb - s);
  return uintBitsToFloat(sign | ((m & 0x800000u) != 0u ? (e << 23) | (m & 0x7fffffu) : m));
}

#endif  // TISA_FLOAT_REM_GLSL
