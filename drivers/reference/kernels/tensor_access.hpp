// Element access and index iteration over HostTensors. Elements are read and written with
// memcpy: the bytes are the tensor's, whatever C type the kernel views them as.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "drivers/reference/kernels/evaluate.hpp"

namespace tisa::ref {

// A zero-filled tensor (zero is every dtype's 0, and false for bool).
HostTensor make_tensor(tisa_dtype_t dtype, ir::Shape shape);

// Row-major strides in elements.
std::vector<int64_t> strides_of(const ir::Shape& shape);

// Copies one element (dtype_size bytes) between tensors of the same dtype; bounds-checked.
void copy_element(const HostTensor& src, int64_t src_index, HostTensor& dst, int64_t dst_index);

template <class T>
T load(const HostTensor& t, int64_t index) {
  T value;
  std::memcpy(&value, t.data.data() + static_cast<size_t>(index) * sizeof(T), sizeof(T));
  return value;
}

template <class T>
void store(HostTensor& t, int64_t index, T value) {
  std::memcpy(t.data.data() + static_cast<size_t>(index) * sizeof(T), &value, sizeof(T));
}

// Calls fn(index, linear) for every multi-index of shape in row-major order (once for rank 0,
// never for an empty shape).
template <class F>
void for_each_index(const ir::Shape& shape, F&& fn) {
  const int64_t count = ir::element_count(shape);
  std::vector<int64_t> index(shape.size(), 0);
  for (int64_t linear = 0; linear < count; ++linear) {
    fn(static_cast<const std::vector<int64_t>&>(index), linear);
    for (size_t d = shape.size(); d-- > 0;) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
}

}  // namespace tisa::ref
