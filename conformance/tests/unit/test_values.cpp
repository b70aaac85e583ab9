// A case's name alone determines its data.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "conformance/cts/catalog.hpp"
#include "conformance/cts/float_format.hpp"
#include "conformance/cts/module_case.hpp"
#include "conformance/cts/values.hpp"

using namespace tisa::cts;

TEST_CASE("seed_of is FNV-1a, stable across platforms") {
  CHECK(seed_of("") == 14695981039346656037ull);
  CHECK(seed_of("a") == 0xaf63dc4c8601ec8cull);
  CHECK(seed_of("op.add.f32.odd") != seed_of("op.add.f32.odd2"));
}

TEST_CASE("the same name builds the same module and data, a different name other data") {
  const Case* c = find_case("op.add.f32.random");
  REQUIRE(c);
  REQUIRE(c->build);
  const auto a = c->build();
  const auto b = c->build();
  REQUIRE(a->inputs.size() == 2);
  CHECK(a->inputs[0].data == b->inputs[0].data);
  CHECK(a->inputs[1].data == b->inputs[1].data);
  const auto other = find_case("op.sub.f32.random")->build();
  CHECK(other->inputs[0].data != a->inputs[0].data);
}

TEST_CASE("value classes hold what they promise") {
  Rng rng(seed_of("test"));
  const auto nan = make_values(TISA_DTYPE_F32, {400}, Fill{Values::Nan}, rng);
  int nans = 0;
  for (int64_t i = 0; i < 400; ++i) nans += std::isnan(load_double(nan, i));
  CHECK(nans > 40);
  CHECK(nans < 200);
  const auto sub = make_values(TISA_DTYPE_F32, {100}, Fill{Values::Subnormal}, rng);
  for (int64_t i = 0; i < 100; ++i) {
    const double v = std::fabs(load_double(sub, i));
    CHECK(v > 0.0);
    CHECK(v < std::ldexp(1.0, -126));
  }
  // The integer extremes against each other: both operands see MIN and MAX.
  const auto lhs = make_values(TISA_DTYPE_I8, {121}, Fill{Values::MinMax, 0, 2}, rng);
  const auto rhs = make_values(TISA_DTYPE_I8, {121}, Fill{Values::MinMax, 1, 2}, rng);
  CHECK(load_double(lhs, 0) == -128);
  CHECK(load_double(lhs, 3) == 127);
  CHECK(load_double(rhs, 0) == -128);
  CHECK(load_double(rhs, 11 * 3) == 127);
  const auto oob = make_values(TISA_DTYPE_I64, {200}, Fill{Values::IndexOob, 0, 1, 5}, rng);
  int out_of_range = 0;
  for (int64_t i = 0; i < 200; ++i) {
    const double k = load_double(oob, i);
    out_of_range += k < 0 || k >= 5;
  }
  CHECK(out_of_range > 20);
}

TEST_CASE("f16, bf16 and f64 values come from their own ranges and special tables") {
  Rng rng(seed_of("extension values"));
  for (tisa_dtype_t t : {TISA_DTYPE_F16, TISA_DTYPE_BF16, TISA_DTYPE_F64}) {
    const FloatFormat& f = *float_format(t);
    INFO(f.precision);
    const auto sub = make_values(t, {200}, Fill{Values::Subnormal}, rng);
    const auto top = make_values(t, {200}, Fill{Values::Overflow}, rng);
    const auto random = make_values(t, {400}, Fill{Values::Random}, rng);
    for (int64_t i = 0; i < 200; ++i) {
      const double s = std::fabs(load_double(sub, i));
      CHECK(s >= f.least_subnormal());
      CHECK(s < f.least_normal());
      const double o = std::fabs(load_double(top, i));
      CHECK(o >= std::ldexp(1.0, f.emax - 7));
      CHECK(o <= std::ldexp(1.0, f.emax + 1));  // infinity only where rounding reaches it
    }
    for (int64_t i = 0; i < 400; ++i) CHECK(std::isfinite(load_double(random, i)));
    // The special table holds the dtype's own extremes, every one a value of the dtype.
    const std::vector<double>& specials = special_floats(t);
    const auto has = [&specials](double v) {
      return std::any_of(specials.begin(), specials.end(), [v](double s) { return s == v; });
    };
    CHECK(has(f.least_subnormal()));
    CHECK(has(f.least_normal()));
    CHECK(has(f.max()));
    CHECK(has(-f.max()));
    CHECK(has(1.0 + 2 * f.unit_roundoff()));
    CHECK(std::count_if(specials.begin(), specials.end(), [](double s) { return std::isnan(s); }) == 2);
    const auto table = make_values(t, {static_cast<int64_t>(specials.size())}, Fill{Values::Special}, rng);
    for (size_t i = 0; i < specials.size(); ++i) {
      if (std::isnan(specials[i])) continue;
      CHECK(f.holds(specials[i]) == (load_double(table, static_cast<int64_t>(i)) == specials[i]));
    }
  }
  // f16's table leaves out what it cannot hold (1e-20, 123456.789, the i32 edges).
  for (double v : special_floats(TISA_DTYPE_F16))
    CHECK((std::isnan(v) || std::fabs(v) <= 65504.0 || std::isinf(v)));
  // f32's table is the one the base cases always used.
  CHECK(special_floats(TISA_DTYPE_F32).size() == 31);
  CHECK(special_floats(TISA_DTYPE_F32)[6] == 0x1p-149);
}
