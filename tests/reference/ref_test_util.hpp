// Helpers for the reference-semantics tests: tensors from value lists, and one-output modules
// built with the ir::Builder and evaluated by ref::evaluate.
#pragma once

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/error.hpp"

namespace tisa::ref::test {

using ir::Builder;
using ir::Expr;
using ir::Value;

inline constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
inline constexpr float kInf = std::numeric_limits<float>::infinity();

inline std::vector<Expr> dims(std::initializer_list<int64_t> values) {
  return ir::lits(std::vector<int64_t>(values));
}

template <class T>
HostTensor tensor(tisa_dtype_t dtype, ir::Shape shape, const std::vector<T>& values) {
  HostTensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.data.resize(values.size() * sizeof(T));
  if (!values.empty()) std::memcpy(t.data.data(), values.data(), t.data.size());
  return t;
}

inline HostTensor f32(ir::Shape shape, const std::vector<float>& v) {
  return tensor(TISA_DTYPE_F32, std::move(shape), v);
}
inline HostTensor i32(ir::Shape shape, const std::vector<int32_t>& v) {
  return tensor(TISA_DTYPE_I32, std::move(shape), v);
}
inline HostTensor i64(ir::Shape shape, const std::vector<int64_t>& v) {
  return tensor(TISA_DTYPE_I64, std::move(shape), v);
}
inline HostTensor i8(ir::Shape shape, const std::vector<int8_t>& v) {
  return tensor(TISA_DTYPE_I8, std::move(shape), v);
}
inline HostTensor u8(ir::Shape shape, const std::vector<uint8_t>& v) {
  return tensor(TISA_DTYPE_U8, std::move(shape), v);
}
inline HostTensor boolean(ir::Shape shape, const std::vector<uint8_t>& v) {
  return tensor(TISA_DTYPE_BOOL, std::move(shape), v);
}

template <class T>
std::vector<T> values_of(const HostTensor& t) {
  REQUIRE(t.data.size() % sizeof(T) == 0);
  std::vector<T> v(t.data.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), t.data.data(), t.data.size());
  return v;
}

// A module with one input per tensor (literal shapes) and the one output body returns.
template <class F>
HostTensor run(const std::vector<HostTensor>& inputs, F&& body) {
  Builder b;
  std::vector<Value> in;
  for (const HostTensor& t : inputs) in.push_back(b.input(t.dtype, ir::lits(t.shape)));
  b.output(body(b, in));
  const ir::Module module = b.finish();
  std::vector<HostTensor> outputs = evaluate(module, inputs);
  REQUIRE(outputs.size() == 1);
  return outputs[0];
}

// One unary or binary op on the given inputs.
inline HostTensor unary(tisa_opcode_t op, const HostTensor& x) {
  return run({x}, [&](Builder& b, std::vector<Value>& in) { return b.unary(op, in[0]); });
}
inline HostTensor binary(tisa_opcode_t op, const HostTensor& a, const HostTensor& b_) {
  return run({a, b_}, [&](Builder& b, std::vector<Value>& in) { return b.binary(op, in[0], in[1]); });
}

inline uint32_t bits_of(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

// Bit-exact float comparison where any NaN matches any NaN (the spec's "exact").
inline bool same_float(float a, float b) {
  return (std::isnan(a) && std::isnan(b)) || bits_of(a) == bits_of(b);
}
inline bool same_floats(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!same_float(a[i], b[i])) return false;
  }
  return true;
}

// The status code of what body throws (TISA_OK if nothing), with its message.
template <class F>
std::pair<tisa_status_code_t, std::string> error_of(F&& body) {
  try {
    body();
  } catch (const Error& e) {
    return {e.code(), e.message()};
  }
  return {TISA_OK, ""};
}

}  // namespace tisa::ref::test
