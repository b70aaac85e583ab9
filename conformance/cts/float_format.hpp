// The parameters of each float dtype that spec section 5 states its bounds with (precision p,
// least normal exponent emin, greatest exponent emax), and the conversions between a dtype's
// elements and binary64, where every judgement is made.
#pragma once

#include <cstdint>

#include "tisa/isa.h"

namespace tisa::cts {

struct FloatFormat {
  tisa_dtype_t dtype;
  int precision;  // p: significand bits, the hidden bit included
  int emin;       // least normal exponent
  int emax;       // greatest exponent

  double unit_roundoff() const;    // u = 2^-p
  double least_normal() const;     // 2^emin (m of the dot mode)
  double least_subnormal() const;  // 2^(emin - p + 1)
  double max() const;              // (2 - 2^(1-p)) * 2^emax
  // Whether v is a value of the dtype (NaN counts as one).
  bool holds(double v) const;
};

// The format of a float dtype; nullptr for any other dtype.
const FloatFormat* float_format(tisa_dtype_t dtype);
// The format of f32, the base float dtype.
const FloatFormat& f32_format();

// One element of a float dtype at p, from or to binary64 (rounded to nearest even once).
double load_float(tisa_dtype_t dtype, const uint8_t* p);
void store_float(tisa_dtype_t dtype, uint8_t* p, double v);

}  // namespace tisa::cts
