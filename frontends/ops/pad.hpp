// ONNX Pad: constant, reflect, edge and wrap modes. Negative pads crop (slice) first. Only
// `constant` is a primitive; the other modes concatenate slices of x (reversed for reflect,
// broadcast for edge) on each padded axis, so they cost one concat per axis. Exact.
#pragma once

#include "frontends/ops/common.hpp"

namespace tisa::ops {

enum class PadMode { Constant, Reflect, Edge, Wrap };

// pads_begin / pads_end: one entry per axis of x (ONNX's pads split in halves).
Value pad(Builder& b, Value x, const std::vector<int64_t>& pads_begin, const std::vector<int64_t>& pads_end,
          PadMode mode = PadMode::Constant, double value = 0.0);

}  // namespace tisa::ops
