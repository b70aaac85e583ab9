// Integer pow by squaring, wrapping in the compute type (the op library normalises the result to
// the dtype's width, which only the low bits decide). A negative exponent gives 0, except for
// bases 1 and -1. Included by ops_<integer dtype>.glsl (gen_ops.py).
#ifndef TISA_INT_MATH_GLSL
#define TISA_INT_MATH_GLSL
int ipow(int a, int b) {
  if (b < 0) return a == 1 ? 1 : a == -1 ? ((b & 1) != 0 ? -1 : 1) : 0;
  int r = 1;
  while (b != 0) {
    if ((b & 1) != 0) r *= a;
    a *= a;
    b >>= 1;
  }
  return r;
}
int64_t ipow(int64_t a, int64_t b) {
  if (b < 0l) return a == 1l ? 1l : a == -1l ? ((b & 1l) != 0l ? -1l : 1l) : 0l;
  int64_t r = 1l;
  while (b != 0l) {
    if ((b & 1l) != 0l) r *= a;
    a *= a;
    b >>= 1;
  }
  return r;
}
uint upow(uint a, uint b) {
  uint r = 1u;
  while (b != 0u) {
    if ((b & 1u) != 0u) r *= a;
    a *= a;
    b >>= 1;
  }
  return r;
}
#endif  // TISA_INT_MATH_GLSL
