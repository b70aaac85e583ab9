// The C++ builder API that frameworks use to write TISA programs. Every op is type-checked
// and shape-inferred as it is added, so a mistake is reported at the call that made it.
#pragma once

#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "hal/ir/module.hpp"

namespace tisa::ir {

struct Value {
  ValueId id = UINT32_MAX;
};

class Builder {
 public:
  explicit Builder(tisa_extension_mask_t extensions = 0);

  Expr symbol(std::string name, int64_t upper_bound = 0);
  Value input(tisa_dtype_t dtype, std::vector<Expr> dims, std::string name = "");
  void output(Value v);
  void name(Value v, std::string name);

  // Generic: any op, attributes in registry order. Throws Error naming the op on misuse.
  Value op(tisa_opcode_t opcode, std::vector<Value> operands, std::vector<Attr> attrs = {});
  Value op(std::string_view name, std::vector<Value> operands, std::vector<Attr> attrs = {});

  // creation
  Value constant(tisa_dtype_t dtype, std::vector<int64_t> shape, std::span<const uint8_t> bytes);
  template <typename T>
  Value constant(tisa_dtype_t dtype, std::vector<int64_t> shape, std::span<const T> values) {
    return constant(
        dtype, std::move(shape),
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(values.data()), values.size_bytes()));
  }
  // value is converted to dtype as cast would (floats round to nearest even).
  Value fill(tisa_dtype_t dtype, std::vector<Expr> shape, double value);
  Value iota(tisa_dtype_t dtype, std::vector<Expr> shape, int64_t axis);
  // A rank-0 constant; the common way to get a scalar to broadcast.
  Value scalar(tisa_dtype_t dtype, double value);

  // type
  Value cast(Value x, tisa_dtype_t dtype);
  Value bitcast(Value x, tisa_dtype_t dtype);

  // elementwise
  Value unary(tisa_opcode_t opcode, Value x);
  Value binary(tisa_opcode_t opcode, Value lhs, Value rhs);
  Value select(Value cond, Value on_true, Value on_false);
  Value add(Value a, Value b) { return binary(TISA_OP_ADD, a, b); }
  Value sub(Value a, Value b) { return binary(TISA_OP_SUB, a, b); }
  Value mul(Value a, Value b) { return binary(TISA_OP_MUL, a, b); }
  Value div(Value a, Value b) { return binary(TISA_OP_DIV, a, b); }
  Value max(Value a, Value b) { return binary(TISA_OP_MAX, a, b); }
  Value min(Value a, Value b) { return binary(TISA_OP_MIN, a, b); }

  // reductions
  Value reduce(tisa_opcode_t opcode, Value x, std::vector<int64_t> axes, bool keepdims);
  Value arg_reduce(tisa_opcode_t opcode, Value x, int64_t axis, bool keepdims);
  // cumsum, cumprod, cummax, cummin (TISA 1.1).
  Value scan(tisa_opcode_t opcode, Value x, int64_t axis, bool exclusive, bool reverse);

  Value matmul(Value lhs, Value rhs, tisa_dtype_t acc);

  // movement
  Value reshape(Value x, std::vector<Expr> shape);
  Value transpose(Value x, std::vector<int64_t> perm);
  Value broadcast(Value x, std::vector<Expr> shape);
  Value slice(Value x, std::vector<Expr> start, std::vector<Expr> stop, std::vector<int64_t> step);
  Value pad(Value x, std::vector<Expr> low, std::vector<Expr> high, double value);
  Value concat(std::vector<Value> inputs, int64_t axis);
  Value reverse(Value x, std::vector<int64_t> axes);
  Value window(Value x, std::vector<int64_t> size, std::vector<int64_t> stride,
               std::vector<int64_t> dilation);

  // indexing
  Value gather(Value data, Value indices, int64_t axis);
  Value scatter(Value data, Value indices, Value updates, int64_t axis, tisa_scatter_mode_t mode);

  // A copy: references into the module would dangle once the next op is added.
  TensorType type(Value v) const { return module_.value_type(v.id); }
  const Module& module() const { return module_; }
  // Verifies the whole module and hands it over; the builder is empty afterwards.
  Module finish();

 private:
  Module module_;
};

// Raw bits of value converted to dtype (the encoding of scalar attributes).
uint64_t scalar_bits(tisa_dtype_t dtype, double value);
double scalar_value(tisa_dtype_t dtype, uint64_t bits);

}  // namespace tisa::ir
