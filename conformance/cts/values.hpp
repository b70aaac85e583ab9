// Deterministic test data. Every case seeds its generator from a hash of its name, so the name
// alone fixes the data on every machine and in every process.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "drivers/reference/kernels/evaluate.hpp"

namespace tisa::cts {

// FNV-1a, 64-bit: stable across compilers and platforms (std::hash is not).
uint64_t seed_of(std::string_view name);

// splitmix64: small, fast and fully specified.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next();
  double uniform(double lo, double hi);   // [lo, hi)
  int64_t range(int64_t lo, int64_t hi);  // [lo, hi]
  bool chance(double p) { return uniform(0.0, 1.0) < p; }

 private:
  uint64_t state_;
};

// What the elements of a generated tensor look like.
enum class Values {
  Random,     // floats: mostly moderate magnitudes; integers: small values and full-range ones
  Unit,       // floats in [-1, 1) (dot-bounded ops keep their sums meaningful)
  NearOne,    // floats of magnitude in [0.5, 2) (products stay in range)
  Special,    // every special value against every other (cartesian over the operands)
  Nan,        // random with NaNs mixed in
  Inf,        // random with infinities mixed in
  Zero,       // random with +0 and -0 mixed in
  Subnormal,  // subnormal floats
  Overflow,   // floats near the top of the range
  MinMax,     // integer extremes against each other (cartesian)
  Ties,       // few distinct values (argmax/argmin ties)
  Index,      // in-range indices for a dimension (see Fill::index_limit)
  IndexOob,   // indices in and out of range, including the integer extremes
};

struct Fill {
  Values values = Values::Random;
  int operand = 0;  // cartesian classes vary operand k along digit k
  int operand_count = 1;
  int64_t index_limit = 0;  // Index/IndexOob: the dimension indexed
};

// Floats of the special table of a float dtype (NaN, infinities, zeros, its subnormals and
// extremes, halves, the edges of casts to integers it can hold).
const std::vector<double>& special_floats(tisa_dtype_t dtype = TISA_DTYPE_F32);
// Integer extremes of a dtype (MIN, MIN+1, -1, 0, 1, MAX-1, MAX, ...).
std::vector<int64_t> integer_extremes(tisa_dtype_t dtype);

// A tensor of dtype and shape filled as fill says.
ref::HostTensor make_values(tisa_dtype_t dtype, const ir::Shape& shape, const Fill& fill, Rng& rng);

// One element stored into a tensor from a double (floats, rounded once to the dtype) or an
// integer (others).
void store_double(ref::HostTensor& t, int64_t index, double v);
void store_int(ref::HostTensor& t, int64_t index, int64_t v);
double load_double(const ref::HostTensor& t, int64_t index);  // any dtype, as a double

}  // namespace tisa::cts
