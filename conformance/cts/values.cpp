// Deterministic value generation by class and dtype.
#include "conformance/cts/values.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "conformance/cts/float_format.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {

uint64_t seed_of(std::string_view name) {
  uint64_t h = 14695981039346656037ull;  // the FNV offset basis
  for (unsigned char c : name) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

uint64_t Rng::next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

double Rng::uniform(double lo, double hi) {
  const double unit = static_cast<double>(next() >> 11) * 0x1.0p-53;
  return lo + (hi - lo) * unit;
}

int64_t Rng::range(int64_t lo, int64_t hi) {
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
  if (span == 0) return static_cast<int64_t>(next());  // the whole 64-bit range
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + next() % span);
}

namespace {

// f32's table: the one every other float dtype's is made from.
const std::vector<double>& f32_specials() {
  static const std::vector<double> values = {
      std::numeric_limits<double>::quiet_NaN(),
      -std::numeric_limits<double>::quiet_NaN(),
      std::numeric_limits<double>::infinity(),
      -std::numeric_limits<double>::infinity(),
      0.0,
      -0.0,
      0x1p-149,          // smallest subnormal
      -0x1.fffffcp-127,  // largest subnormal, negative
      0x1p-126,          // smallest normal
      std::numeric_limits<float>::max(),
      -std::numeric_limits<float>::max(),
      1.0,
      -1.0,
      0.5,
      -2.5,
      3.0,
      -0.75,
      1e-20,
      123456.789,
      -1e30,
      // Edges of float -> integer casts: halves, and the floats around each integer range.
      0.7,
      -0.7,
      127.5,
      -128.7,
      255.5,
      256.0,
      2147483520.0,
      2147483648.0,
      -2147483904.0,
      9.2233715e18,
      -9.2233730e18,
  };
  return values;
}

// f32's table with the dtype's own extremes, its values beyond the dtype's range left out (they
// would only repeat infinity and zero), and the neighbours of 1.
std::vector<double> specials_of(const FloatFormat& f) {
  const std::vector<double>& base = f32_specials();
  std::vector<double> v(base.begin(), base.begin() + 6);  // NaN, -NaN, inf, -inf, 0, -0
  v.insert(v.end(), {f.least_subnormal(), -(f.least_normal() - f.least_subnormal()), f.least_normal(),
                     f.max(), -f.max(), 1.0 + 2 * f.unit_roundoff(), -(1.0 - f.unit_roundoff())});
  for (size_t i = 11; i < base.size(); ++i) {
    const double m = std::fabs(base[i]);
    if (m <= f.max() && m >= f.least_normal()) v.push_back(base[i]);
  }
  return v;
}

}  // namespace

const std::vector<double>& special_floats(tisa_dtype_t dtype) {
  static const std::vector<double> f16 = specials_of(*float_format(TISA_DTYPE_F16));
  static const std::vector<double> bf16 = specials_of(*float_format(TISA_DTYPE_BF16));
  static const std::vector<double> f64 = specials_of(*float_format(TISA_DTYPE_F64));
  switch (dtype) {
    case TISA_DTYPE_F16: return f16;
    case TISA_DTYPE_BF16: return bf16;
    case TISA_DTYPE_F64: return f64;
    default: return f32_specials();
  }
}

namespace {

struct IntRange {
  int64_t lo, hi;
};

IntRange int_range(tisa_dtype_t dtype) {
  switch (dtype) {
    case TISA_DTYPE_BOOL: return {0, 1};
    case TISA_DTYPE_I8: return {INT8_MIN, INT8_MAX};
    case TISA_DTYPE_U8: return {0, UINT8_MAX};
    case TISA_DTYPE_I32: return {INT32_MIN, INT32_MAX};
    default: return {INT64_MIN, INT64_MAX};
  }
}

// A value of format f's range (store_double rounds it to the dtype).
double random_float(Values values, Rng& rng, const FloatFormat& f) {
  switch (values) {
    case Values::Unit: return rng.uniform(-1.0, 1.0);
    case Values::NearOne: {
      const double m = std::exp2(rng.uniform(-1.0, 1.0));
      return rng.chance(0.5) ? -m : m;
    }
    case Values::Ties: return static_cast<double>(rng.range(0, 2));
    case Values::Subnormal: {
      const int64_t steps = (int64_t{1} << (f.precision - 1)) - 1;  // the subnormals, in ulps
      const double m = static_cast<double>(rng.range(1, steps)) * f.least_subnormal();
      return rng.chance(0.5) ? -m : m;
    }
    case Values::Overflow: {  // the top 8 binades
      const double m = std::ldexp(rng.uniform(1.0, 2.0), static_cast<int>(rng.range(f.emax - 7, f.emax)));
      return rng.chance(0.5) ? -m : m;
    }
    default: break;
  }
  const double pick = rng.uniform(0.0, 1.0);
  double v;
  if (pick < 0.7) {
    v = rng.uniform(-4.0, 4.0);
  } else if (pick < 0.85) {
    v = rng.uniform(-100.0, 100.0);
  } else {  // 2^-20 .. 2^20, below the top binade of f16
    v = std::ldexp(rng.uniform(1.0, 2.0), static_cast<int>(rng.range(-20, std::min(20, f.emax - 1))));
    if (rng.chance(0.5)) v = -v;
  }
  switch (values) {
    case Values::Nan:
      if (rng.chance(0.25)) v = std::numeric_limits<double>::quiet_NaN();
      break;
    case Values::Inf:
      if (rng.chance(0.25)) v = rng.chance(0.5) ? INFINITY : -INFINITY;
      break;
    case Values::Zero:
      if (rng.chance(0.4)) v = rng.chance(0.5) ? 0.0 : -0.0;
      break;
    default: break;
  }
  return v;
}

int64_t random_int(tisa_dtype_t dtype, Values values, Rng& rng) {
  const IntRange r = int_range(dtype);
  if (values == Values::Ties) return rng.range(std::max<int64_t>(r.lo, 0), std::min<int64_t>(r.hi, 2));
  if (rng.chance(0.5)) return rng.range(std::max<int64_t>(r.lo, -10), std::min<int64_t>(r.hi, 40));
  return rng.range(r.lo, r.hi);
}

// Digit k of i in base n: element i of operand k in a cartesian fill.
size_t digit(int64_t i, int k, size_t n) {
  uint64_t v = static_cast<uint64_t>(i);
  for (int j = 0; j < k; ++j) v /= n;
  return static_cast<size_t>(v % n);
}

}  // namespace

std::vector<int64_t> integer_extremes(tisa_dtype_t dtype) {
  const IntRange r = int_range(dtype);
  if (dtype == TISA_DTYPE_BOOL) return {0, 1};
  std::vector<int64_t> v = {r.lo, r.lo + 1, r.hi - 1, r.hi, 0, 1, 2, 7};
  if (r.lo < 0) {
    v.push_back(-1);
    v.push_back(-2);
    v.push_back(r.lo / 2);
  } else {
    v.push_back(r.hi / 2);
    v.push_back(r.hi / 2 + 1);
  }
  return v;
}

void store_double(ref::HostTensor& t, int64_t index, double v) {
  uint8_t* p = t.data.data() + static_cast<size_t>(index) * ir::dtype_size(t.dtype);
  if (float_format(t.dtype)) {
    store_float(t.dtype, p, v);
  } else {
    store_int(t, index, static_cast<int64_t>(v));
  }
}

void store_int(ref::HostTensor& t, int64_t index, int64_t v) {
  const size_t size = ir::dtype_size(t.dtype);
  uint8_t* p = t.data.data() + static_cast<size_t>(index) * size;
  if (t.dtype == TISA_DTYPE_BOOL) v = v != 0;
  if (ir::dtype_is_float(t.dtype)) return store_double(t, index, static_cast<double>(v));
  std::memcpy(p, &v, size);  // little-endian: the low bytes
}

double load_double(const ref::HostTensor& t, int64_t index) {
  const uint8_t* p = t.data.data() + static_cast<size_t>(index) * ir::dtype_size(t.dtype);
  if (float_format(t.dtype)) return load_float(t.dtype, p);
  switch (t.dtype) {
    case TISA_DTYPE_BOOL:
    case TISA_DTYPE_U8: return *p;
    case TISA_DTYPE_I8: return static_cast<int8_t>(*p);
    case TISA_DTYPE_I32: {
      int32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    case TISA_DTYPE_I64: {
      int64_t v;
      std::memcpy(&v, p, 8);
      return static_cast<double>(v);
    }
    default: return 0.0;
  }
}

ref::HostTensor make_values(tisa_dtype_t dtype, const ir::Shape& shape, const Fill& fill, Rng& rng) {
  ref::HostTensor t;
  t.dtype = dtype;
  t.shape = shape;
  const int64_t count = ir::element_count(shape);
  t.data.assign(static_cast<size_t>(count) * ir::dtype_size(dtype), 0);
  const FloatFormat* format = float_format(dtype);
  const bool is_float = format != nullptr;
  const std::vector<int64_t> extremes = integer_extremes(dtype);
  const std::vector<double>& specials = special_floats(dtype);
  for (int64_t i = 0; i < count; ++i) {
    switch (fill.values) {
      case Values::Index: store_int(t, i, rng.range(0, std::max<int64_t>(fill.index_limit - 1, 0))); break;
      case Values::IndexOob: {
        const int64_t k = fill.index_limit;
        const std::vector<int64_t> out_of_range = {-1, k, k + 1, -k - 1, 1000, extremes.front(), extremes[3]};
        if (rng.chance(0.4)) {
          store_int(t, i, out_of_range[static_cast<size_t>(rng.range(0, 6))]);
        } else {
          store_int(t, i, rng.range(0, std::max<int64_t>(k - 1, 0)));
        }
        break;
      }
      case Values::Special:
      case Values::MinMax:
        if (is_float && fill.values == Values::Special) {
          store_double(t, i, specials[digit(i, fill.operand, specials.size())]);
        } else {
          store_int(t, i, extremes[digit(i, fill.operand, extremes.size())]);
        }
        break;
      default:
        if (is_float) {
          store_double(t, i, random_float(fill.values, rng, *format));
        } else {
          store_int(t, i, random_int(dtype, fill.values, rng));
        }
        break;
    }
  }
  return t;
}

}  // namespace tisa::cts
