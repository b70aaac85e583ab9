// Dtype dispatch for the reference kernels, generated from the registry's TISA_DTYPE_LIST:
// Dtype<D> gives the C type and class of a dtype; dispatch() calls a generic kernel with the
// Dtype<D> of a runtime dtype. The kernels implement the base dtypes and the float extension
// dtypes f16, bf16 (as NarrowFloat, computed in binary64 and rounded once) and f64; a dtype
// outside them throws UNIMPLEMENTED.
#pragma once

#include <cstdint>
#include <string_view>

#include "drivers/reference/kernels/narrow_types.hpp"
#include "hal/ir/registry.hpp"
#include "tisa/isa.h"

namespace tisa::ref {

// The kernels' C type of a dtype: the registry's storage type, except that the 16-bit floats
// (stored as uint16_t) compute as floats.
template <tisa_dtype_t D, class Storage>
struct KernelType {
  using type = Storage;
};
template <>
struct KernelType<TISA_DTYPE_F16, uint16_t> {
  using type = Float16;
};
template <>
struct KernelType<TISA_DTYPE_BF16, uint16_t> {
  using type = BFloat16;
};

// The registry spells classes BOOL/SINT/UINT/FLOAT; these names let the X-macro say them.
namespace dtype_class {
inline constexpr ir::DtypeClass BOOL = ir::DtypeClass::Bool;
inline constexpr ir::DtypeClass SINT = ir::DtypeClass::Sint;
inline constexpr ir::DtypeClass UINT = ir::DtypeClass::Uint;
inline constexpr ir::DtypeClass FLOAT = ir::DtypeClass::Float;
}  // namespace dtype_class

template <tisa_dtype_t D>
struct Dtype;

#define TISA_REF_DTYPE_TRAITS(ENUM, name_, code_, bits_, class_, ext_, ctype_)               \
  template <>                                                                                \
  struct Dtype<TISA_DTYPE_##ENUM> {                                                          \
    using type = typename KernelType<TISA_DTYPE_##ENUM, ctype_>::type;                       \
    static constexpr tisa_dtype_t code = TISA_DTYPE_##ENUM;                                  \
    static constexpr ir::DtypeClass cls = dtype_class::class_;                               \
    static constexpr uint32_t bits = bits_;                                                  \
    static constexpr bool base = TISA_EXT_##ext_ == TISA_EXT_BASE;                           \
    static constexpr bool implemented =                                                      \
        base || code == TISA_DTYPE_F16 || code == TISA_DTYPE_BF16 || code == TISA_DTYPE_F64; \
  };
TISA_DTYPE_LIST(TISA_REF_DTYPE_TRAITS)
#undef TISA_REF_DTYPE_TRAITS

template <class D>
inline constexpr bool is_bool = D::cls == ir::DtypeClass::Bool;
template <class D>
inline constexpr bool is_float = D::cls == ir::DtypeClass::Float;
template <class D>
inline constexpr bool is_signed_int = D::cls == ir::DtypeClass::Sint;
template <class D>
inline constexpr bool is_unsigned_int = D::cls == ir::DtypeClass::Uint;
template <class D>
inline constexpr bool is_int = is_signed_int<D> || is_unsigned_int<D>;

// Throws Error(UNIMPLEMENTED) naming the op and the dtype.
[[noreturn]] void unimplemented(std::string_view op, tisa_dtype_t dtype);

namespace detail {
// A template of D so that the kernel is never instantiated for a dtype the kernels lack.
template <class R, tisa_dtype_t D, class F>
R call_if_implemented(std::string_view op, F& kernel) {
  if constexpr (Dtype<D>::implemented) {
    return kernel(Dtype<D>{});
  } else {
    unimplemented(op, D);
  }
}
}  // namespace detail

// Calls kernel(Dtype<dtype>{}); kernel must state its return type (the same for every dtype).
template <class F>
auto dispatch(tisa_dtype_t dtype, std::string_view op, F&& kernel)
    -> decltype(kernel(Dtype<TISA_DTYPE_F32>{})) {
  using R = decltype(kernel(Dtype<TISA_DTYPE_F32>{}));
  switch (dtype) {
#define TISA_REF_DISPATCH_CASE(ENUM, ...) \
  case TISA_DTYPE_##ENUM: return detail::call_if_implemented<R, TISA_DTYPE_##ENUM>(op, kernel);
    TISA_DTYPE_LIST(TISA_REF_DISPATCH_CASE)
#undef TISA_REF_DISPATCH_CASE
    default: break;
  }
  unimplemented(op, dtype);
}

}  // namespace tisa::ref
