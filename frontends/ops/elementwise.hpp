// Elementwise arithmetic, comparisons, logic and selection with numpy broadcasting and type
// promotion (each operand pair goes through broadcast_pair first). Numerics: those of the one
// primitive each wraps, unless a comment says otherwise.
#pragma once

#include <optional>

#include "frontends/ops/broadcast.hpp"

namespace tisa::ops {

Value add(Builder& b, Value x, Value y);
Value sub(Builder& b, Value x, Value y);
Value mul(Builder& b, Value x, Value y);
// Floats: IEEE division. Integers: truncated toward zero (ONNX Div, C), not numpy's floor.
Value div(Builder& b, Value x, Value y);
// The result has x's dtype (ONNX Pow): the exponent is cast to it, then shapes broadcast.
Value pow(Builder& b, Value x, Value y);
Value maximum(Builder& b, Value x, Value y);  // NaN-propagating
Value minimum(Builder& b, Value x, Value y);
// ONNX Mod: fmod = true is C fmod / truncated remainder (sign of x, primitive rem); fmod = false
// is the floored modulo (sign of y): rem, plus y where the remainder is non-zero and its sign
// differs from y's.
Value mod(Builder& b, Value x, Value y, bool fmod);
// Variadic forms (ONNX Sum, Mean, Max, Min): left folds after broadcasting all operands.
Value sum_n(Builder& b, std::vector<Value> xs);
Value mean_n(Builder& b, std::vector<Value> xs);
Value max_n(Builder& b, std::vector<Value> xs);
Value min_n(Builder& b, std::vector<Value> xs);

// Comparisons return bool. greater / greater_equal are lt / le with swapped operands.
Value equal(Builder& b, Value x, Value y);
Value not_equal(Builder& b, Value x, Value y);
Value less(Builder& b, Value x, Value y);
Value less_equal(Builder& b, Value x, Value y);
Value greater(Builder& b, Value x, Value y);
Value greater_equal(Builder& b, Value x, Value y);

// bool: logical; integers: bitwise (the primitives and / or / xor / not).
Value logical_and(Builder& b, Value x, Value y);
Value logical_or(Builder& b, Value x, Value y);
Value logical_xor(Builder& b, Value x, Value y);
Value logical_not(Builder& b, Value x);
// Shifts; the amount is cast to x's dtype.
Value shift_left(Builder& b, Value x, Value amount);
Value shift_right(Builder& b, Value x, Value amount);

// where(cond, x, y): cond is cast to bool (x != 0), all three broadcast, x and y promoted.
Value where(Builder& b, Value cond, Value x, Value y);
// clip(x, lo, hi) = min(max(x, lo), hi); absent bounds are not applied. Bounds are cast to x's
// dtype and broadcast. NaN in x propagates (max/min are NaN-propagating).
Value clip(Builder& b, Value x, std::optional<Value> lo, std::optional<Value> hi);
Value clip(Builder& b, Value x, std::optional<double> lo, std::optional<double> hi);

// Float classification: isnan(x) = x != x; isinf = |x| == inf (with sign filters).
Value is_nan(Builder& b, Value x);
Value is_inf(Builder& b, Value x, bool detect_positive = true, bool detect_negative = true);

// A binary primitive after broadcast_pair (for anything not wrapped above).
Value binary(Builder& b, tisa_opcode_t opcode, Value x, Value y);

}  // namespace tisa::ops
