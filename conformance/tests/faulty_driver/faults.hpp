// The faults this test-only driver can inject, one per manifest (its "config" string). Each is
// a bug a real driver could have; the conformance suite must catch every one of them on the
// right cases (conformance/tests/self_test).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "drivers/reference/kernels/evaluate.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/module.hpp"

namespace tisa::faulty {

enum class Fault {
  None,            // "" or "none": behaves exactly like the reference
  SliceOffByOne,   // slice reads each element from its neighbour (off by one)
  CastRounding,    // float -> integer casts round half away from zero instead of truncating
  MaxDropsNan,     // max returns the other operand when one is NaN (fmax)
  ConcatOobWrite,  // an output made by concat is followed by a write past its end
  CrashInOp,       // reverse aborts the process
  HangInOp,        // pad never returns
  SymbolicOnly,    // outputs are wrong, but only in modules with symbols
  Bf16Truncates,   // f32 -> bf16 casts keep the upper 16 bits instead of rounding to nearest even
  Expm1Composed,   // f32 expm1 as exp(x) - 1, the composition that loses small arguments (D27)
  ScanInclusive,   // exclusive scans include the element itself
};

// The extensions the driver claims, as the reference driver does: its kernels implement them.
inline constexpr tisa_extension_mask_t kClaimedExtensions =
    TISA_EXT_MASK(TISA_EXT_XF16) | TISA_EXT_MASK(TISA_EXT_XBF16) | TISA_EXT_MASK(TISA_EXT_XF64);

// nullopt for an unknown name.
std::optional<Fault> parse_fault(std::string_view config);
std::string_view fault_name(Fault fault);

// One instruction, evaluated by the reference kernels with the fault applied where it hits.
ref::HostTensor evaluate_faulty(Fault fault, const ir::Module& module, const ir::Inst& inst,
                                std::span<const ref::HostTensor* const> operands, const ir::Shape& out_shape,
                                std::span<const int64_t> symbols);

// Corrupts a finished output the way the output-level faults do. tensor points at the output's
// bytes; buffer_end is one past the last byte of its buffer (a write never goes beyond it, only
// past the tensor, into what the suite keeps as a guard region).
void corrupt_output(Fault fault, const ir::Module& module, ir::ValueId value, tisa_dtype_t dtype,
                    uint8_t* tensor, uint64_t tensor_bytes, const uint8_t* buffer_end);

}  // namespace tisa::faulty
