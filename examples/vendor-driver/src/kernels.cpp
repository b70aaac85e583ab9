// The elementwise f32 kernels. Plain scalar C++: the float ops that IEEE 754 rounds correctly
// (add, div, sqrt, ...) are computed in float, the transcendental ones in double and rounded
// once, which keeps every op well inside the spec's ULP bounds.
#include "kernels.hpp"

#include <cmath>

#include <tisa/isa.h>

namespace vendor {
namespace {

float neg(float x) {
  return -x;
}  // flips the sign bit, NaN included
float abs_(float x) {
  return std::fabs(x);
}
float exp_(float x) {
  return static_cast<float>(std::exp(static_cast<double>(x)));
}
float log_(float x) {
  return static_cast<float>(std::log(static_cast<double>(x)));
}
float sqrt_(float x) {
  return std::sqrt(x);
}
float rsqrt(float x) {
  return static_cast<float>(1.0 / std::sqrt(static_cast<double>(x)));
}
float recip(float x) {
  return 1.0f / x;
}
float floor_(float x) {
  return std::floor(x);
}
float ceil_(float x) {
  return std::ceil(x);
}
float round_(float x) {
  return std::nearbyint(x);
}  // ties to even in the default rounding mode
float sign(float x) {
  if (std::isnan(x) || x == 0.0f) return x;  // NaN and signed zeros pass through
  return x > 0.0f ? 1.0f : -1.0f;
}
float sin_(float x) {
  return static_cast<float>(std::sin(static_cast<double>(x)));
}
float cos_(float x) {
  return static_cast<float>(std::cos(static_cast<double>(x)));
}
float tanh_(float x) {
  return static_cast<float>(std::tanh(static_cast<double>(x)));
}
float erf_(float x) {
  return static_cast<float>(std::erf(static_cast<double>(x)));
}
float expm1_(float x) {
  return static_cast<float>(std::expm1(static_cast<double>(x)));
}
float log1p_(float x) {
  return static_cast<float>(std::log1p(static_cast<double>(x)));
}

float add(float a, float b) {
  return a + b;
}
float sub(float a, float b) {
  return a - b;
}
float mul(float a, float b) {
  return a * b;
}
float div(float a, float b) {
  return a / b;
}
float rem(float a, float b) {
  return std::fmod(a, b);
}
float pow_(float a, float b) {
  return static_cast<float>(std::pow(static_cast<double>(a), static_cast<double>(b)));
}
float max_(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return NAN;
  if (a == b) return std::signbit(a) ? b : a;  // max(-0, +0) = +0
  return a > b ? a : b;
}
float min_(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return NAN;
  if (a == b) return std::signbit(a) ? a : b;  // min(-0, +0) = -0
  return a < b ? a : b;
}
float atan2_(float y, float x) {
  return static_cast<float>(std::atan2(static_cast<double>(y), static_cast<double>(x)));
}

bool eq(float a, float b) {
  return a == b;
}
bool ne(float a, float b) {
  return a != b;
}
bool lt(float a, float b) {
  return a < b;
}
bool le(float a, float b) {
  return a <= b;
}

Kernel unary(uint32_t opcode, float (*f)(float)) {
  return {opcode, Arity::Unary, false, f, nullptr, nullptr};
}
Kernel binary(uint32_t opcode, float (*f)(float, float)) {
  return {opcode, Arity::Binary, false, nullptr, f, nullptr};
}
Kernel compare(uint32_t opcode, bool (*f)(float, float)) {
  return {opcode, Arity::Binary, true, nullptr, nullptr, f};
}

const Kernel kKernels[] = {
    unary(TISA_OP_NEG, neg),      unary(TISA_OP_ABS, abs_),     unary(TISA_OP_EXP, exp_),
    unary(TISA_OP_LOG, log_),     unary(TISA_OP_SQRT, sqrt_),   unary(TISA_OP_RSQRT, rsqrt),
    unary(TISA_OP_RECIP, recip),  unary(TISA_OP_FLOOR, floor_), unary(TISA_OP_CEIL, ceil_),
    unary(TISA_OP_ROUND, round_), unary(TISA_OP_SIGN, sign),    unary(TISA_OP_SIN, sin_),
    unary(TISA_OP_COS, cos_),     unary(TISA_OP_TANH, tanh_),   unary(TISA_OP_ERF, erf_),
    binary(TISA_OP_ADD, add),     binary(TISA_OP_SUB, sub),     binary(TISA_OP_MUL, mul),
    binary(TISA_OP_DIV, div),     binary(TISA_OP_REM, rem),     binary(TISA_OP_POW, pow_),
    binary(TISA_OP_MAX, max_),    binary(TISA_OP_MIN, min_),    binary(TISA_OP_ATAN2, atan2_),
    compare(TISA_OP_EQ, eq),      compare(TISA_OP_NE, ne),      compare(TISA_OP_LT, lt),
    compare(TISA_OP_LE, le),      unary(TISA_OP_EXPM1, expm1_), unary(TISA_OP_LOG1P, log1p_),
};

}  // namespace

const Kernel* find_kernel(uint32_t opcode) {
  for (const Kernel& kernel : kKernels) {
    if (kernel.opcode == opcode) return &kernel;
  }
  return nullptr;
}

void run_kernel(const Kernel& kernel, const float* lhs, const float* rhs, void* out, uint64_t count) {
  if (kernel.bool_result) {
    auto* result = static_cast<uint8_t*>(out);
    for (uint64_t i = 0; i < count; ++i) result[i] = kernel.compare(lhs[i], rhs[i]) ? 1 : 0;
  } else if (kernel.arity == Arity::Unary) {
    auto* result = static_cast<float*>(out);
    for (uint64_t i = 0; i < count; ++i) result[i] = kernel.unary(lhs[i]);
  } else {
    auto* result = static_cast<float*>(out);
    for (uint64_t i = 0; i < count; ++i) result[i] = kernel.binary(lhs[i], rhs[i]);
  }
}

}  // namespace vendor
