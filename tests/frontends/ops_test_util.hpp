// Helpers for the operator-library tests: host tensors, building and evaluating a module with
// tisa::ops, deterministic data, multi-index loops for the plain C++ references, and a float
// comparison that names the first element out of tolerance.
#pragma once

#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "drivers/reference/kernels/evaluate.hpp"
#include "frontends/ops/ops.hpp"

namespace tisa::ops::test {

using ref::HostTensor;
using Shape = std::vector<int64_t>;

template <class T>
HostTensor tensor(tisa_dtype_t dtype, Shape shape, const std::vector<T>& values) {
  HostTensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.data.resize(values.size() * sizeof(T));
  if (!values.empty()) std::memcpy(t.data.data(), values.data(), t.data.size());
  return t;
}
inline HostTensor f32(Shape s, const std::vector<float>& v) {
  return tensor(TISA_DTYPE_F32, std::move(s), v);
}
inline HostTensor i64(Shape s, const std::vector<int64_t>& v) {
  return tensor(TISA_DTYPE_I64, std::move(s), v);
}
inline HostTensor i32(Shape s, const std::vector<int32_t>& v) {
  return tensor(TISA_DTYPE_I32, std::move(s), v);
}

template <class T>
std::vector<T> values(const HostTensor& t) {
  std::vector<T> v(t.data.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), t.data.data(), t.data.size());
  return v;
}

inline int64_t count(const Shape& s) {
  int64_t n = 1;
  for (int64_t d : s) n *= d;
  return n;
}

// Deterministic values in [-1, 1) (a fixed LCG, so the data never depends on the library).
inline std::vector<float> data(size_t n, uint32_t seed) {
  std::vector<float> v(n);
  uint32_t s = seed * 2654435761u + 12345u;
  for (float& x : v) {
    s = s * 1664525u + 1013904223u;
    x = static_cast<float>(static_cast<double>(s >> 8) / double(1 << 23) - 1.0);
  }
  return v;
}

// Builds a module: `body` declares the inputs and returns the outputs; evaluates it on inputs.
inline std::vector<HostTensor> eval(const std::function<std::vector<Value>(Builder&)>& body,
                                    const std::vector<HostTensor>& inputs) {
  Builder b;
  for (Value v : body(b)) b.output(v);
  const ir::Module module = b.finish();
  return ref::evaluate(module, inputs);
}

// One output; one input per tensor, with its literal shape.
inline HostTensor run(const std::vector<HostTensor>& inputs,
                      const std::function<Value(Builder&, const std::vector<Value>&)>& body) {
  auto out = eval(
      [&](Builder& b) {
        std::vector<Value> in;
        for (const HostTensor& t : inputs) in.push_back(b.input(t.dtype, ir::lits(t.shape)));
        return std::vector<Value>{body(b, in)};
      },
      inputs);
  REQUIRE(out.size() == 1);
  return out[0];
}

// "" when every element is within abs + rel * |expected|, else the first that is not.
inline std::string mismatch(const std::vector<float>& got, const std::vector<double>& want, double rel = 2e-5,
                            double abs = 2e-6) {
  if (got.size() != want.size()) return fmt::format("size {} != {}", got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i]) && std::isnan(got[i])) continue;
    if (std::isinf(want[i]) && got[i] == want[i]) continue;
    if (!(std::fabs(got[i] - want[i]) <= abs + rel * std::fabs(want[i])))
      return fmt::format("element {}: got {} want {}", i, got[i], want[i]);
  }
  return "";
}
inline std::string mismatch(const HostTensor& got, const Shape& shape, const std::vector<double>& want,
                            double rel = 2e-5, double abs = 2e-6) {
  if (got.shape != shape)
    return fmt::format("shape [{}] != [{}]", fmt::join(got.shape, ","), fmt::join(shape, ","));
  return mismatch(values<float>(got), want, rel, abs);
}

// Calls f(index) for every multi-index of shape in row-major order.
inline void for_each_index(const Shape& shape, const std::function<void(const Shape&)>& f) {
  if (count(shape) == 0) return;
  Shape i(shape.size(), 0);
  while (true) {
    f(i);
    size_t a = shape.size();
    while (a > 0) {
      if (++i[a - 1] < shape[a - 1]) break;
      i[a - 1] = 0;
      --a;
    }
    if (a == 0) return;
  }
}

inline int64_t offset(const Shape& shape, const Shape& index) {
  int64_t o = 0;
  for (size_t a = 0; a < shape.size(); ++a) o = o * shape[a] + index[a];
  return o;
}

// The message of the tisa::Error that f throws ("" if none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.message();
  }
  return "";
}

}  // namespace tisa::ops::test
