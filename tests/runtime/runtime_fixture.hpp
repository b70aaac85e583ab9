// Shared helpers for the runtime tests: an instance on the reference driver, modules from
// text, and status checks that show the message when they fail.
#pragma once

#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "tisa/tisa.h"

namespace rt_test {

inline std::string take_message(tisa_status_t status) {
  std::string message = tisa_status_message(status);
  tisa_status_free(status);
  return message;
}

// Code and message of a status, freeing it.
struct Outcome {
  tisa_status_code_t code;
  std::string message;
};
inline Outcome outcome(tisa_status_t status) {
  const tisa_status_code_t code = tisa_status_code(status);
  return {code, take_message(status)};
}

#define REQUIRE_OK(call)                                      \
  do {                                                        \
    const rt_test::Outcome outcome_ = rt_test::outcome(call); \
    INFO(outcome_.message);                                   \
    REQUIRE(outcome_.code == TISA_OK);                        \
  } while (0)

// The reference driver (device 0) and, when asked, the fake driver of the loader tests (1).
struct Reference {
  tisa_instance_t instance = nullptr;
  tisa_device_t device = nullptr;
  explicit Reference(bool with_fake = false) {
    std::string files = TISA_TEST_REFERENCE_MANIFEST;
    if (with_fake) files += std::string(":") + TISA_TEST_FAKE_MANIFEST;
    tisa_instance_options_t options{};
    options.struct_size = sizeof options;
    options.driver_files = files.c_str();
    REQUIRE_OK(tisa_instance_create(&options, &instance));
    REQUIRE_OK(tisa_instance_find_device(instance, "reference", &device));
  }
  ~Reference() { tisa_instance_release(instance); }
  Reference(const Reference&) = delete;
  Reference& operator=(const Reference&) = delete;
};

inline tisa_module_t load_text(const std::string& text) {
  tisa_module_t module = nullptr;
  REQUIRE_OK(tisa_module_load(text.data(), text.size(), TISA_FORMAT_TEXT, &module));
  return module;
}

inline tisa_tensor_type_t type(tisa_dtype_t dtype, std::vector<int64_t> dims) {
  tisa_tensor_type_t t{};
  t.dtype = dtype;
  t.rank = static_cast<uint32_t>(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) t.dims[i] = dims[i];
  return t;
}

inline tisa_tensor_t tensor(tisa_buffer_t buffer, tisa_tensor_type_t t, uint64_t offset = 0) {
  tisa_tensor_t out{};
  out.buffer = buffer;
  out.offset = offset;
  out.type = t;
  return out;
}

inline tisa_buffer_t make_buffer(tisa_device_t device, uint64_t size, uint32_t flags = 0) {
  tisa_buffer_t buffer = nullptr;
  REQUIRE_OK(tisa_buffer_create(device, size, flags, &buffer));
  return buffer;
}

template <typename T>
tisa_buffer_t buffer_with(tisa_device_t device, const std::vector<T>& values) {
  tisa_buffer_t buffer = make_buffer(device, values.size() * sizeof(T));
  REQUIRE_OK(tisa_buffer_write(buffer, 0, values.data(), values.size() * sizeof(T)));
  return buffer;
}

template <typename T>
std::vector<T> read_back(tisa_buffer_t buffer, size_t count, uint64_t offset = 0) {
  std::vector<T> values(count);
  REQUIRE_OK(tisa_buffer_read(buffer, offset, values.data(), count * sizeof(T)));
  return values;
}

// y[N, 2] = x[N, 3] @ w[3, 2] + b: a symbolic batch through matmul, broadcast and add.
inline const char* kAffine = R"(tisa 1.0
symbol N <= 16
input %x : f32[N, 3]
input %w : f32[3, 2]
%y = matmul %x, %w {acc = f32} : f32[N, 2]
%b = constant {dtype = f32, shape = [2], data = [0.5, -1]}
%bb = broadcast %b {shape = [N, 2]} : f32[N, 2]
%z = add %y, %bb : f32[N, 2]
output %z
)";

// The expected result of kAffine, computed here in double and rounded once per output (the
// products are exact in f32 for the small integers the tests use).
inline std::vector<float> affine_expected(const std::vector<float>& x, const std::vector<float>& w,
                                          int64_t n) {
  std::vector<float> out(static_cast<size_t>(n * 2));
  const float bias[2] = {0.5f, -1.0f};
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < 2; ++j) {
      double acc = 0;
      for (int64_t k = 0; k < 3; ++k) acc += double(x[i * 3 + k]) * double(w[k * 2 + j]);
      out[i * 2 + j] = static_cast<float>(acc) + bias[j];
    }
  }
  return out;
}

inline std::vector<float> iota_floats(size_t n, float start, float step = 1.0f) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = start + step * static_cast<float>(i);
  return v;
}

}  // namespace rt_test
