// The per-dispatch parameter records, C++ mirrors of `Params` in shaders/common.glsl and of
// `Fused` in the fused kernels (fused_glsl.cpp). Kernels read them through their device address
// (a push constant), so shapes, strides and addresses are data; what the compiler should fold
// (the op, which inputs are dense, the index width, the ranks) is the pipeline's Variant.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tisa::vk {

inline constexpr int kMaxRank = 8;

struct alignas(16) Params {
  uint64_t out_addr = 0;
  uint64_t in_addr[3] = {};
  int64_t count = 0;   // output elements (output rows for reductions)
  int64_t count2 = 0;  // inner elements: reduced elements, matmul K
  int32_t rank = 0;
  int32_t rank2 = 0;
  int32_t op = 0;
  int32_t aux = 0;
  int64_t shape[kMaxRank] = {};
  int64_t shape2[kMaxRank] = {};
  int64_t strides[4 * kMaxRank] = {};  // [k * 8 + d]; k = 3 holds the inner strides
  int64_t offsets[4] = {};
  int64_t extra[4] = {};
};
static_assert(sizeof(Params) == 512, "Params must match shaders/common.glsl");
static_assert(offsetof(Params, shape) == 64 && offsetof(Params, strides) == 192 &&
                  offsetof(Params, offsets) == 448 && offsetof(Params, extra) == 480,
              "Params must match shaders/common.glsl");

// A fused elementwise kernel's record: up to kMaxFusedOutputs dense outputs and kMaxFusedInputs
// strided inputs over one shape.
inline constexpr int kMaxFusedInputs = 8;
inline constexpr int kMaxFusedOutputs = 4;
struct alignas(16) FusedParams {
  uint64_t out_addr[kMaxFusedOutputs] = {};
  uint64_t in_addr[kMaxFusedInputs] = {};
  int64_t count = 0;
  int64_t reserved = 0;  // must stay 0: the kernels' opaque zero
  int64_t shape[kMaxRank] = {};
  int64_t offsets[kMaxFusedInputs] = {};
  int64_t strides[kMaxFusedInputs * kMaxRank] = {};  // [k * 8 + d]
};
static_assert(sizeof(FusedParams) == 752 && offsetof(FusedParams, count) == 96 &&
                  offsetof(FusedParams, shape) == 112 && offsetof(FusedParams, strides) == 240,
              "FusedParams must match the Fused block of fused_glsl.cpp");

// The specialization constants of a pipeline (common.glsl: OP, DENSE, WIDE, RANK, RANK2).
struct Variant {
  int32_t op = 0;
  int32_t dense = 0;
  uint32_t wide = 0;  // a VkBool32
  int32_t rank = 0;
  int32_t rank2 = 0;
  bool operator==(const Variant&) const = default;
};

}  // namespace tisa::vk
