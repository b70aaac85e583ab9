// numpy-style broadcasting and type promotion, made explicit: TISA-B ops take equal shapes and
// equal dtypes (spec 2.3), so every implicit step of a framework becomes a `broadcast` or `cast`.
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

// numpy's result_type over the registry's dtypes: bool < integers < floats; mixed signedness
// widens to a signed dtype that holds both (i8 with u8 gives i32: TISA has no i16); ints with a
// float give the float. Throws when no dtype holds both (e.g. u64 with a signed int).
tisa_dtype_t promote_types(tisa_dtype_t a, tisa_dtype_t b);

// numpy's broadcast of two shapes, aligned on the right. Two dims combine when they are
// provably equal, or when one is the literal 1; anything else (N with M, N with 3) is an error:
// TISA decides which axes broadcast at build time (spec 7.9 broadcast, C2).
Dims broadcast_shapes(const Builder& b, const Dims& x, const Dims& y, std::string_view op);

// x broadcast to shape (numpy rules, checked as above); no op when the shape already matches.
Value broadcast_to(Builder& b, Value x, const Dims& shape, std::string_view op = "broadcast");
// x converted to dtype; no op when it already has it.
Value cast_to(Builder& b, Value x, tisa_dtype_t dtype);

struct Pair {
  Value lhs, rhs;
};
// Both operands broadcast to their common shape and cast to their common dtype.
Pair broadcast_pair(Builder& b, Value x, Value y, std::string_view op = "broadcast");
// Every value broadcast to the common shape of all; dtypes are left alone.
std::vector<Value> broadcast_all(Builder& b, std::vector<Value> values, std::string_view op);

}  // namespace tisa::ops
