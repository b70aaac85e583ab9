// The in-memory TISA module: what the codec decodes to, the verifier checks, the builder
// produces, passes rewrite and drivers execute.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "hal/ir/expr.hpp"
#include "tisa/isa.h"

namespace tisa::ir {

using ValueId = uint32_t;

// Element counts saturate just above the spec's max_elements, so limit checks cannot overflow.
inline uint64_t mul_elements(uint64_t count, uint64_t dim) {
  constexpr uint64_t cap = TISA_MAX_ELEMENTS + 1ull;
  if (dim != 0 && count > cap / dim) return cap;
  return count * dim;
}

struct TensorType {
  tisa_dtype_t dtype = TISA_DTYPE_INVALID;
  std::vector<Expr> dims;
  size_t rank() const { return dims.size(); }
};

// One attribute value; which fields are used depends on kind.
struct Attr {
  tisa_attr_kind_t kind = TISA_ATTR_INT;
  int64_t i = 0;              // int, bool (0/1), enum, dtype (code), data (constant index)
  std::vector<int64_t> ints;  // ints
  std::vector<Expr> exprs;    // shape
  uint64_t bits = 0;          // scalar: raw bits of the value, in the op's result dtype

  static Attr integer(int64_t v) { return {TISA_ATTR_INT, v, {}, {}, 0}; }
  static Attr boolean(bool v) { return {TISA_ATTR_BOOL, v ? 1 : 0, {}, {}, 0}; }
  static Attr enumeration(int64_t v) { return {TISA_ATTR_ENUM, v, {}, {}, 0}; }
  static Attr dtype(tisa_dtype_t d) { return {TISA_ATTR_DTYPE, d, {}, {}, 0}; }
  static Attr data(uint32_t constant_index) { return {TISA_ATTR_DATA, constant_index, {}, {}, 0}; }
  static Attr list(std::vector<int64_t> v) { return {TISA_ATTR_INTS, 0, std::move(v), {}, 0}; }
  static Attr shape(std::vector<Expr> v) { return {TISA_ATTR_SHAPE, 0, {}, std::move(v), 0}; }
  static Attr scalar(uint64_t raw_bits) { return {TISA_ATTR_SCALAR, 0, {}, {}, raw_bits}; }
};

struct Inst {
  tisa_opcode_t op = TISA_OP_INVALID;
  std::vector<ValueId> operands;
  std::vector<Attr> attrs;  // in registry order
  TensorType type;          // result type, filled by the verifier (shape inference)
};

struct Symbol {
  std::string name;
  int64_t upper_bound = 0;  // 0: unbounded
};

struct Input {
  std::string name;
  TensorType type;  // dims are literals or bare symbols
};

// A shape fact the verifier could not decide without a binding; checked at launch.
struct Assertion {
  enum class Kind : uint8_t { Equal, NonNegative, LessEqual };
  Kind kind;
  Expr lhs, rhs;     // NonNegative uses lhs only
  ValueId value;     // the instruction result it guards
  std::string what;  // e.g. "reshape keeps the element count"
};

struct Module {
  // The declared ISA version: the newest by default, so any op may be added; Builder::finish
  // and encode() lower it to the oldest version defining what the module uses.
  uint32_t version = TISA_ISA_VERSION;
  uint32_t generator = 0;
  tisa_extension_mask_t extensions = 0;  // required extensions
  std::vector<Symbol> symbols;
  std::vector<Input> inputs;
  std::vector<std::vector<uint8_t>> constants;  // payloads referenced by data attributes
  std::vector<Inst> insts;
  std::vector<ValueId> outputs;
  std::vector<std::string> value_names;  // optional debug names by value id ("" for none)

  // Filled by verify().
  std::vector<Assertion> assertions;
  bool verified = false;

  // Value ids: [0, inputs) are the inputs, inputs + i is insts[i]'s result.
  uint32_t value_count() const { return static_cast<uint32_t>(inputs.size() + insts.size()); }
  bool is_input(ValueId v) const { return v < inputs.size(); }
  const TensorType& value_type(ValueId v) const {
    return v < inputs.size() ? inputs[v].type : insts[v - inputs.size()].type;
  }
  std::vector<std::string> symbol_names() const;
};

}  // namespace tisa::ir
