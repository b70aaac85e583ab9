// matmul: [..., M, K] x [..., K, N] -> [..., M, N] in the accumulator dtype.
#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/convert.hpp"
#include "drivers/reference/kernels/scalar_ops.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"

namespace tisa::ref {

HostTensor eval_matmul(const Call& c) {
  if (c.inst.op != TISA_OP_MATMUL) c.unimplemented(c.operand(0).dtype);
  const HostTensor& lhs = c.operand(0);
  const HostTensor& rhs = c.operand(1);
  HostTensor out = c.result();
  const size_t rank = lhs.shape.size();
  const int64_t m = lhs.shape[rank - 2];
  const int64_t k_extent = lhs.shape[rank - 1];
  const int64_t n = rhs.shape[rank - 1];
  const int64_t batches = ir::element_count(std::span(lhs.shape).first(rank - 2));
  return dispatch(lhs.dtype, c.op.name, [&](auto in) -> HostTensor {
    using In = decltype(in);
    return dispatch(out.dtype, c.op.name, [&](auto acc) -> HostTensor {
      using Acc = decltype(acc);
      using A = typename Acc::type;
      constexpr bool float_pair = is_float<In> && is_float<Acc>;
      constexpr bool int_pair = is_int<In> && is_int<Acc>;
      if constexpr (!float_pair && !int_pair) {
        c.unimplemented(Acc::code);
      } else {
        for (int64_t batch = 0; batch < batches; ++batch) {
          const int64_t l0 = batch * m * k_extent, r0 = batch * k_extent * n, o0 = batch * m * n;
          for (int64_t i = 0; i < m; ++i) {
            for (int64_t j = 0; j < n; ++j) {
              // Floats: exact products summed in double, rounded once. Integers: widened or
              // narrowed to acc as cast would, multiplied and summed with wrap in acc.
              std::conditional_t<float_pair, double, A> sum{0};
              for (int64_t k = 0; k < k_extent; ++k) {
                const auto a = load<typename In::type>(lhs, l0 + i * k_extent + k);
                const auto b = load<typename In::type>(rhs, r0 + k * n + j);
                if constexpr (float_pair) {
                  sum += static_cast<double>(a) * static_cast<double>(b);
                } else {
                  sum = wrap_add(sum, wrap_mul(convert<Acc, In>(a), convert<Acc, In>(b)));
                }
              }
              store(out, o0 + i * n + j, static_cast<A>(sum));
            }
          }
        }
        return out;
      }
    });
  });
}

}  // namespace tisa::ref
