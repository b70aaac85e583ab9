#include "drivers/reference/kernels/tensor_access.hpp"

#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::ref {

HostTensor make_tensor(tisa_dtype_t dtype, ir::Shape shape) {
  HostTensor t;
  t.dtype = dtype;
  const size_t bytes = static_cast<size_t>(ir::element_count(shape)) * ir::dtype_size(dtype);
  t.shape = std::move(shape);
  t.data.assign(bytes, 0);
  return t;
}

std::vector<int64_t> strides_of(const ir::Shape& shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;) strides[d - 1] = strides[d] * shape[d];
  return strides;
}

void copy_element(const HostTensor& src, int64_t src_index, HostTensor& dst, int64_t dst_index) {
  const size_t size = ir::dtype_size(src.dtype);
  // A broken shape invariant must fail loudly, never read or write out of bounds.
  if (src_index < 0 || dst_index < 0 || (static_cast<size_t>(src_index) + 1) * size > src.data.size() ||
      (static_cast<size_t>(dst_index) + 1) * size > dst.data.size() || size != ir::dtype_size(dst.dtype)) {
    fail(TISA_INTERNAL, "element copy out of bounds (source {} of {} bytes, target {} of {} bytes)",
         src_index, src.data.size(), dst_index, dst.data.size());
  }
  std::memcpy(dst.data.data() + static_cast<size_t>(dst_index) * size,
              src.data.data() + static_cast<size_t>(src_index) * size, size);
}

}  // namespace tisa::ref
