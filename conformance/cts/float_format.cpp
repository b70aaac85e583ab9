#include "conformance/cts/float_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "hal/ir/narrow_float.hpp"

namespace tisa::cts {
namespace {

constexpr FloatFormat kFormats[] = {
    {TISA_DTYPE_F32, 24, -126, 127},
    {TISA_DTYPE_F16, 11, -14, 15},
    {TISA_DTYPE_BF16, 8, -126, 127},
    {TISA_DTYPE_F64, 53, -1022, 1023},
};

}  // namespace

double FloatFormat::unit_roundoff() const {
  return std::ldexp(1.0, -precision);
}
double FloatFormat::least_normal() const {
  return std::ldexp(1.0, emin);
}
double FloatFormat::least_subnormal() const {
  return std::ldexp(1.0, emin - precision + 1);
}
double FloatFormat::max() const {
  return std::ldexp(2.0 - std::ldexp(1.0, 1 - precision), emax);
}

bool FloatFormat::holds(double v) const {
  if (!std::isfinite(v) || v == 0.0) return true;
  const double m = std::fabs(v);
  if (m > max()) return false;
  // A multiple of the ulp of its binade (of the subnormal ulp below the normal range).
  const int e = std::max(std::ilogb(m), emin);
  const double scaled = std::ldexp(m, precision - 1 - e);
  return scaled == std::floor(scaled);
}

const FloatFormat* float_format(tisa_dtype_t dtype) {
  for (const FloatFormat& f : kFormats) {
    if (f.dtype == dtype) return &f;
  }
  return nullptr;
}

const FloatFormat& f32_format() {
  return kFormats[0];
}

double load_float(tisa_dtype_t dtype, const uint8_t* p) {
  switch (dtype) {
    case TISA_DTYPE_F32: {
      float f;
      std::memcpy(&f, p, 4);
      return f;
    }
    case TISA_DTYPE_F64: {
      double d;
      std::memcpy(&d, p, 8);
      return d;
    }
    case TISA_DTYPE_F16:
    case TISA_DTYPE_BF16: {
      uint16_t h;
      std::memcpy(&h, p, 2);
      return dtype == TISA_DTYPE_F16 ? ir::f16_to_double(h) : ir::bf16_to_double(h);
    }
    default: return 0.0;
  }
}

void store_float(tisa_dtype_t dtype, uint8_t* p, double v) {
  switch (dtype) {
    case TISA_DTYPE_F32: {
      const auto f = static_cast<float>(v);
      std::memcpy(p, &f, 4);
      break;
    }
    case TISA_DTYPE_F64: std::memcpy(p, &v, 8); break;
    case TISA_DTYPE_F16:
    case TISA_DTYPE_BF16: {
      const uint16_t h = dtype == TISA_DTYPE_F16 ? ir::f16_from_double(v) : ir::bf16_from_double(v);
      std::memcpy(p, &h, 2);
      break;
    }
    default: break;
  }
}

}  // namespace tisa::cts
