#include "hal/ir/builder.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "hal/ir/error.hpp"
#include "hal/ir/isa_version.hpp"
#include "hal/ir/narrow_float.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::ir {
namespace {

// float -> integer as cast does: truncate, saturate, NaN -> 0.
template <typename T>
uint64_t saturate(double v) {
  if (std::isnan(v)) return 0;
  double t = std::trunc(v);
  if (t <= static_cast<double>(std::numeric_limits<T>::min()))
    return static_cast<uint64_t>(std::numeric_limits<T>::min());
  if (t >= static_cast<double>(std::numeric_limits<T>::max()))
    return static_cast<uint64_t>(std::numeric_limits<T>::max());
  return static_cast<uint64_t>(static_cast<T>(t));
}

}  // namespace

uint64_t scalar_bits(tisa_dtype_t dtype, double value) {
  switch (dtype) {
    case TISA_DTYPE_BOOL: return value != 0.0 ? 1 : 0;
    case TISA_DTYPE_I8: return saturate<int8_t>(value) & 0xffu;
    case TISA_DTYPE_U8: return saturate<uint8_t>(value);
    case TISA_DTYPE_I32: return saturate<int32_t>(value) & 0xffffffffu;
    case TISA_DTYPE_I64: return saturate<int64_t>(value);
    case TISA_DTYPE_F32: {
      float f = static_cast<float>(value);
      uint32_t u;
      std::memcpy(&u, &f, 4);
      return u;
    }
    case TISA_DTYPE_F64: {
      uint64_t u;
      std::memcpy(&u, &value, 8);
      return u;
    }
    case TISA_DTYPE_F16: return f16_from_double(value);
    case TISA_DTYPE_BF16: return bf16_from_double(value);
    default: invalid("scalar of dtype {} is not supported by the builder", static_cast<int>(dtype));
  }
}

double scalar_value(tisa_dtype_t dtype, uint64_t bits) {
  switch (dtype) {
    case TISA_DTYPE_BOOL: return (bits & 0xff) ? 1.0 : 0.0;
    case TISA_DTYPE_I8: return static_cast<int8_t>(bits & 0xff);
    case TISA_DTYPE_U8: return static_cast<uint8_t>(bits & 0xff);
    case TISA_DTYPE_I32: return static_cast<int32_t>(bits & 0xffffffffu);
    case TISA_DTYPE_I64: return static_cast<double>(static_cast<int64_t>(bits));
    case TISA_DTYPE_F32: {
      auto u = static_cast<uint32_t>(bits);
      float f;
      std::memcpy(&f, &u, 4);
      return f;
    }
    case TISA_DTYPE_F64: {
      double d;
      std::memcpy(&d, &bits, 8);
      return d;
    }
    case TISA_DTYPE_F16: return f16_to_double(static_cast<uint16_t>(bits));
    case TISA_DTYPE_BF16: return bf16_to_double(static_cast<uint16_t>(bits));
    default: invalid("scalar of dtype {} is not supported", static_cast<int>(dtype));
  }
}

Builder::Builder(tisa_extension_mask_t extensions) {
  module_.extensions = extensions;
}

Expr Builder::symbol(std::string name, int64_t upper_bound) {
  for (const auto& s : module_.symbols)
    if (s.name == name) invalid("symbol {} is declared twice", name);
  module_.symbols.push_back({std::move(name), upper_bound});
  return Expr::sym(static_cast<uint32_t>(module_.symbols.size() - 1));
}

Value Builder::input(tisa_dtype_t dtype, std::vector<Expr> dims, std::string name) {
  if (!module_.insts.empty()) invalid("inputs must be declared before the first instruction");
  module_.inputs.push_back({std::move(name), {dtype, std::move(dims)}});
  return {static_cast<ValueId>(module_.inputs.size() - 1)};
}

void Builder::output(Value v) {
  if (v.id >= module_.value_count()) invalid("output refers to value {}, which does not exist", v.id);
  module_.outputs.push_back(v.id);
}

void Builder::name(Value v, std::string name) {
  if (v.id >= module_.value_count()) invalid("cannot name value {}: it does not exist", v.id);
  if (module_.is_input(v.id)) {
    module_.inputs[v.id].name = std::move(name);
    return;
  }
  if (module_.value_names.size() <= v.id) module_.value_names.resize(v.id + 1);
  module_.value_names[v.id] = std::move(name);
}

Value Builder::op(tisa_opcode_t opcode, std::vector<Value> operands, std::vector<Attr> attrs) {
  Inst inst;
  inst.op = opcode;
  for (Value v : operands) inst.operands.push_back(v.id);
  inst.attrs = std::move(attrs);
  auto result = module_.value_count();
  inst.type = infer_type(module_, inst, result, module_.assertions);
  module_.insts.push_back(std::move(inst));
  return {result};
}

Value Builder::op(std::string_view name, std::vector<Value> operands, std::vector<Attr> attrs) {
  const OpInfo* info = find_op(name);
  if (!info) invalid("unknown op '{}'", name);
  return op(info->opcode, std::move(operands), std::move(attrs));
}

Value Builder::constant(tisa_dtype_t dtype, std::vector<int64_t> shape, std::span<const uint8_t> bytes) {
  module_.constants.emplace_back(bytes.begin(), bytes.end());
  auto index = static_cast<uint32_t>(module_.constants.size() - 1);
  return op(TISA_OP_CONSTANT, {}, {Attr::dtype(dtype), Attr::list(std::move(shape)), Attr::data(index)});
}

Value Builder::fill(tisa_dtype_t dtype, std::vector<Expr> shape, double value) {
  return op(TISA_OP_FILL, {},
            {Attr::dtype(dtype), Attr::shape(std::move(shape)), Attr::scalar(scalar_bits(dtype, value))});
}

Value Builder::iota(tisa_dtype_t dtype, std::vector<Expr> shape, int64_t axis) {
  return op(TISA_OP_IOTA, {}, {Attr::dtype(dtype), Attr::shape(std::move(shape)), Attr::integer(axis)});
}

Value Builder::scalar(tisa_dtype_t dtype, double value) {
  uint64_t bits = scalar_bits(dtype, value);
  return constant(dtype, {},
                  std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(&bits), dtype_size(dtype)));
}

Value Builder::cast(Value x, tisa_dtype_t dtype) {
  return op(TISA_OP_CAST, {x}, {Attr::dtype(dtype)});
}
Value Builder::bitcast(Value x, tisa_dtype_t dtype) {
  return op(TISA_OP_BITCAST, {x}, {Attr::dtype(dtype)});
}

Value Builder::unary(tisa_opcode_t opcode, Value x) {
  const OpInfo* info = find_op(opcode);
  if (!info || info->group != TISA_GROUP_UNARY)
    invalid("opcode {:#x} is not a unary op", static_cast<uint32_t>(opcode));
  return op(opcode, {x});
}

Value Builder::binary(tisa_opcode_t opcode, Value lhs, Value rhs) {
  const OpInfo* info = find_op(opcode);
  if (!info || info->group != TISA_GROUP_BINARY)
    invalid("opcode {:#x} is not a binary op", static_cast<uint32_t>(opcode));
  return op(opcode, {lhs, rhs});
}

Value Builder::select(Value cond, Value on_true, Value on_false) {
  return op(TISA_OP_SELECT, {cond, on_true, on_false});
}

Value Builder::reduce(tisa_opcode_t opcode, Value x, std::vector<int64_t> axes, bool keepdims) {
  return op(opcode, {x}, {Attr::list(std::move(axes)), Attr::boolean(keepdims)});
}

Value Builder::arg_reduce(tisa_opcode_t opcode, Value x, int64_t axis, bool keepdims) {
  return op(opcode, {x}, {Attr::integer(axis), Attr::boolean(keepdims)});
}

Value Builder::scan(tisa_opcode_t opcode, Value x, int64_t axis, bool exclusive, bool reverse) {
  const OpInfo* info = find_op(opcode);
  if (!info || info->shape_rule != TISA_SHAPE_RULE_SCAN)
    invalid("opcode {:#x} is not a scan", static_cast<uint32_t>(opcode));
  return op(opcode, {x}, {Attr::integer(axis), Attr::boolean(exclusive), Attr::boolean(reverse)});
}

Value Builder::matmul(Value lhs, Value rhs, tisa_dtype_t acc) {
  return op(TISA_OP_MATMUL, {lhs, rhs}, {Attr::dtype(acc)});
}

Value Builder::reshape(Value x, std::vector<Expr> shape) {
  return op(TISA_OP_RESHAPE, {x}, {Attr::shape(std::move(shape))});
}

Value Builder::transpose(Value x, std::vector<int64_t> perm) {
  return op(TISA_OP_TRANSPOSE, {x}, {Attr::list(std::move(perm))});
}

Value Builder::broadcast(Value x, std::vector<Expr> shape) {
  return op(TISA_OP_BROADCAST, {x}, {Attr::shape(std::move(shape))});
}

Value Builder::slice(Value x, std::vector<Expr> start, std::vector<Expr> stop, std::vector<int64_t> step) {
  return op(TISA_OP_SLICE, {x},
            {Attr::shape(std::move(start)), Attr::shape(std::move(stop)), Attr::list(std::move(step))});
}

Value Builder::pad(Value x, std::vector<Expr> low, std::vector<Expr> high, double value) {
  tisa_dtype_t dtype = type(x).dtype;
  return op(
      TISA_OP_PAD, {x},
      {Attr::shape(std::move(low)), Attr::shape(std::move(high)), Attr::scalar(scalar_bits(dtype, value))});
}

Value Builder::concat(std::vector<Value> inputs, int64_t axis) {
  return op(TISA_OP_CONCAT, std::move(inputs), {Attr::integer(axis)});
}

Value Builder::reverse(Value x, std::vector<int64_t> axes) {
  return op(TISA_OP_REVERSE, {x}, {Attr::list(std::move(axes))});
}

Value Builder::window(Value x, std::vector<int64_t> size, std::vector<int64_t> stride,
                      std::vector<int64_t> dilation) {
  return op(TISA_OP_WINDOW, {x},
            {Attr::list(std::move(size)), Attr::list(std::move(stride)), Attr::list(std::move(dilation))});
}

Value Builder::gather(Value data, Value indices, int64_t axis) {
  return op(TISA_OP_GATHER, {data, indices}, {Attr::integer(axis)});
}

Value Builder::scatter(Value data, Value indices, Value updates, int64_t axis, tisa_scatter_mode_t mode) {
  return op(TISA_OP_SCATTER, {data, indices, updates}, {Attr::integer(axis), Attr::enumeration(mode)});
}

Module Builder::finish() {
  Module m = std::move(module_);
  module_ = Module{};
  module_.extensions = m.extensions;
  // Ops were checked against the newest version; declare the oldest that defines them all, so
  // that readers and devices of that version accept the module (spec 9.2).
  m.version = required_version(m);
  verify(m);
  return m;
}

}  // namespace tisa::ir
