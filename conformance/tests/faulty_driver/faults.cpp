#include "conformance/tests/faulty_driver/faults.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <utility>

#include "drivers/reference/kernels/call.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::faulty {
namespace {

constexpr std::pair<Fault, std::string_view> kNames[] = {
    {Fault::None, "none"},
    {Fault::SliceOffByOne, "slice_off_by_one"},
    {Fault::CastRounding, "cast_rounding"},
    {Fault::MaxDropsNan, "max_drops_nan"},
    {Fault::ConcatOobWrite, "concat_oob_write"},
    {Fault::CrashInOp, "crash_in_op"},
    {Fault::HangInOp, "hang_in_op"},
    {Fault::SymbolicOnly, "symbolic_only"},
    {Fault::Bf16Truncates, "bf16_truncates"},
    {Fault::Expm1Composed, "expm1_composed"},
    {Fault::ScanInclusive, "scan_ignores_exclusive"},
};

float f32_at(const ref::HostTensor& t, size_t i) {
  float v;
  std::memcpy(&v, t.data.data() + i * sizeof(float), sizeof(float));
  return v;
}

void set_f32(ref::HostTensor& t, size_t i, float v) {
  std::memcpy(t.data.data() + i * sizeof(float), &v, sizeof(float));
}

// Each element taken from its successor (the last from the first): an off-by-one index.
void shift_by_one(ref::HostTensor& t) {
  const size_t size = ir::dtype_size(t.dtype);
  if (t.data.size() >= 2 * size) std::rotate(t.data.begin(), t.data.begin() + size, t.data.end());
}

// fmax's behaviour where max must propagate NaN.
void drop_nans(const ref::HostTensor& lhs, const ref::HostTensor& rhs, ref::HostTensor& out) {
  const size_t count = out.data.size() / sizeof(float);
  for (size_t i = 0; i < count; ++i) {
    const float a = f32_at(lhs, i), b = f32_at(rhs, i);
    if (std::isnan(a) != std::isnan(b)) set_f32(out, i, std::isnan(a) ? b : a);
  }
}

// The operand rounded half away from zero before the (truncating) cast.
ref::HostTensor rounded_copy(const ref::HostTensor& x) {
  ref::HostTensor copy = x;
  for (size_t i = 0; i < copy.data.size() / sizeof(float); ++i) {
    const float v = f32_at(copy, i);
    if (std::isfinite(v)) set_f32(copy, i, std::round(v));
  }
  return copy;
}

bool is_f32_to_bf16_cast(const ir::Module& module, const ir::Inst& inst) {
  return inst.op == TISA_OP_CAST && module.value_type(inst.operands[0]).dtype == TISA_DTYPE_F32 &&
         inst.type.dtype == TISA_DTYPE_BF16;
}

// The upper half of each f32: rounding toward zero, a common shortcut that is not cast's.
void truncate_to_bf16(const ref::HostTensor& x, ref::HostTensor& out) {
  for (size_t i = 0; i < out.data.size() / 2; ++i) {
    uint32_t bits;
    std::memcpy(&bits, x.data.data() + i * 4, 4);
    const auto upper = static_cast<uint16_t>(bits >> 16);
    std::memcpy(out.data.data() + i * 2, &upper, 2);
  }
}

// exp(x) - 1 in f32: exact for large x, but every bit of a small x is rounded away in exp(x).
void expm1_by_exp(const ref::HostTensor& x, ref::HostTensor& out) {
  for (size_t i = 0; i < out.data.size() / sizeof(float); ++i)
    set_f32(out, i, static_cast<float>(std::exp(static_cast<double>(f32_at(x, i)))) - 1.0f);
}

// The index of a scan's exclusive attribute when it is set, else -1.
int exclusive_attr(const ir::Inst& inst) {
  const ir::OpInfo* op = ir::find_op(inst.op);
  if (!op || op->shape_rule != TISA_SHAPE_RULE_SCAN) return -1;
  const int index = ir::attr_index(*op, "exclusive");
  return index >= 0 && inst.attrs[static_cast<size_t>(index)].i != 0 ? index : -1;
}

bool is_float_to_int_cast(const ir::Module& module, const ir::Inst& inst) {
  return inst.op == TISA_OP_CAST && module.value_type(inst.operands[0]).dtype == TISA_DTYPE_F32 &&
         ir::dtype_is_int(inst.type.dtype);
}

// A value that differs from v under every numerics mode: NaN for a number, a number for NaN.
void make_wrong(tisa_dtype_t dtype, uint8_t* element) {
  if (dtype == TISA_DTYPE_F32) {
    float v;
    std::memcpy(&v, element, sizeof v);
    v = std::isnan(v) ? 1.0f : NAN;
    std::memcpy(element, &v, sizeof v);
  } else if (dtype == TISA_DTYPE_F64) {
    double v;
    std::memcpy(&v, element, sizeof v);
    v = std::isnan(v) ? 1.0 : NAN;
    std::memcpy(element, &v, sizeof v);
  } else if (dtype == TISA_DTYPE_F16 || dtype == TISA_DTYPE_BF16) {
    uint16_t bits;
    std::memcpy(&bits, element, 2);
    const bool f16 = dtype == TISA_DTYPE_F16;
    const bool nan = (bits & 0x7fffu) > (f16 ? 0x7c00u : 0x7f80u);
    bits = nan ? (f16 ? 0x3c00 : 0x3f80) : (f16 ? 0x7e00 : 0x7fc0);  // 1.0 or a quiet NaN
    std::memcpy(element, &bits, 2);
  } else if (dtype == TISA_DTYPE_BOOL) {
    element[0] ^= 1u;
  } else {
    element[0] = static_cast<uint8_t>(element[0] + 1u);  // the low byte: the value changes
  }
}

}  // namespace

std::optional<Fault> parse_fault(std::string_view config) {
  if (config.empty()) return Fault::None;
  for (const auto& [fault, name] : kNames) {
    if (name == config) return fault;
  }
  return std::nullopt;
}

std::string_view fault_name(Fault fault) {
  for (const auto& [f, name] : kNames) {
    if (f == fault) return name;
  }
  return "unknown";
}

ref::HostTensor evaluate_faulty(Fault fault, const ir::Module& module, const ir::Inst& inst,
                                std::span<const ref::HostTensor* const> operands, const ir::Shape& out_shape,
                                std::span<const int64_t> symbols) {
  if (fault == Fault::CrashInOp && inst.op == TISA_OP_REVERSE) std::abort();
  if (fault == Fault::HangInOp && inst.op == TISA_OP_PAD) {
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  }
  if (fault == Fault::CastRounding && is_float_to_int_cast(module, inst)) {
    const ref::HostTensor rounded = rounded_copy(*operands[0]);
    const ref::HostTensor* changed[] = {&rounded};
    return ref::evaluate_bound(module, inst, changed, out_shape, symbols);
  }
  if (const int exclusive = exclusive_attr(inst); fault == Fault::ScanInclusive && exclusive >= 0) {
    ir::Inst inclusive = inst;
    inclusive.attrs[static_cast<size_t>(exclusive)].i = 0;
    return ref::evaluate_bound(module, inclusive, operands, out_shape, symbols);
  }
  ref::HostTensor result = ref::evaluate_bound(module, inst, operands, out_shape, symbols);
  if (fault == Fault::Expm1Composed && inst.op == TISA_OP_EXPM1 && result.dtype == TISA_DTYPE_F32)
    expm1_by_exp(*operands[0], result);
  if (fault == Fault::SliceOffByOne && inst.op == TISA_OP_SLICE) shift_by_one(result);
  if (fault == Fault::MaxDropsNan && inst.op == TISA_OP_MAX && result.dtype == TISA_DTYPE_F32) {
    drop_nans(*operands[0], *operands[1], result);
  }
  if (fault == Fault::Bf16Truncates && is_f32_to_bf16_cast(module, inst))
    truncate_to_bf16(*operands[0], result);
  return result;
}

void corrupt_output(Fault fault, const ir::Module& module, ir::ValueId value, tisa_dtype_t dtype,
                    uint8_t* tensor, uint64_t tensor_bytes, const uint8_t* buffer_end) {
  const bool from_concat =
      !module.is_input(value) && module.insts[value - module.inputs.size()].op == TISA_OP_CONCAT;
  if (fault == Fault::ConcatOobWrite && from_concat) {
    // Sixteen bytes past the end, as a kernel with a wrong loop bound would write.
    uint8_t* past = tensor + tensor_bytes;
    const uint64_t room = static_cast<uint64_t>(buffer_end - past);
    std::memset(past, 0x5a, std::min<uint64_t>(16, room));
  }
  if (fault == Fault::SymbolicOnly && !module.symbols.empty() && tensor_bytes > 0) {
    const size_t size = ir::dtype_size(dtype);
    make_wrong(dtype, tensor + tensor_bytes - size);
  }
}

}  // namespace tisa::faulty
