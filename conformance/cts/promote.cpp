// Promotion of a module to f64 and the extra outputs of the bounded modes.
#include "conformance/cts/promote.hpp"

#include <cstring>
#include <limits>

#include "conformance/cts/float_format.hpp"
#include "hal/ir/builder.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::cts {
namespace {

using ir::Attr;
using ir::ValueId;

// The float dtypes narrower than binary64 (f32, f16, bf16): what the oracle widens.
bool narrow_float(int64_t dtype) {
  return dtype != TISA_DTYPE_F64 && float_format(static_cast<tisa_dtype_t>(dtype)) != nullptr;
}

uint64_t f64_bits_of(tisa_dtype_t dtype, uint64_t bits) {
  uint8_t element[8];
  std::memcpy(element, &bits, 8);  // little-endian: the dtype's bits are the low bytes
  const double d = load_float(dtype, element);
  uint64_t out;
  std::memcpy(&out, &d, 8);
  return out;
}

std::vector<uint8_t> promote_payload(tisa_dtype_t dtype, const std::vector<uint8_t>& payload) {
  const size_t size = ir::dtype_size(dtype);
  std::vector<uint8_t> out(payload.size() / size * 8);
  for (size_t i = 0; i + size <= payload.size(); i += size) {
    const double d = load_float(dtype, payload.data() + i);
    std::memcpy(out.data() + i / size * 8, &d, 8);
  }
  return out;
}

// original: the unpromoted module (m's inputs may already be f64).
void promote_inst(const ir::Module& original, ir::Module& m, ir::Inst& inst) {
  const ir::OpInfo* op = ir::find_op(inst.op);
  if (!op) invalid("cannot promote opcode {:#x}", +inst.op);
  const tisa_dtype_t result = inst.type.dtype;
  const bool result_narrow = narrow_float(result);
  if (inst.op == TISA_OP_BITCAST) {
    const bool operand_narrow = narrow_float(original.value_type(inst.operands[0]).dtype);
    if (result_narrow || operand_narrow)
      invalid("cannot promote a bitcast from or to f32, f16 or bf16 to f64");
  }
  for (size_t i = 0; i < inst.attrs.size() && i < op->attrs.size(); ++i) {
    Attr& a = inst.attrs[i];
    switch (op->attrs[i].kind) {
      case TISA_ATTR_DTYPE:
        if (narrow_float(a.i)) a.i = TISA_DTYPE_F64;
        break;
      case TISA_ATTR_SCALAR:
        if (result_narrow) a.bits = f64_bits_of(result, a.bits);
        break;
      case TISA_ATTR_DATA:
        if (result_narrow) {
          m.constants.push_back(promote_payload(result, m.constants.at(static_cast<size_t>(a.i))));
          a.i = static_cast<int64_t>(m.constants.size() - 1);
        }
        break;
      default: break;
    }
  }
}

// Appends an instruction, inferring its type at once so later ones can use it.
ValueId add(ir::Module& m, tisa_opcode_t op, std::vector<ValueId> operands, std::vector<Attr> attrs = {}) {
  ir::Inst inst{op, std::move(operands), std::move(attrs), {}};
  const ValueId id = m.value_count();
  inst.type = ir::infer_type(m, inst, id, m.assertions);
  m.insts.push_back(std::move(inst));
  return id;
}

ValueId fill_like(ir::Module& m, ValueId like, double value) {
  const ir::TensorType& t = m.value_type(like);
  return add(m, TISA_OP_FILL, {},
             {Attr::dtype(t.dtype), Attr::shape(t.dims), Attr::scalar(ir::scalar_bits(t.dtype, value))});
}

// |x| where x is finite, `otherwise` elsewhere (NaN and infinities).
ValueId finite_magnitude(ir::Module& m, ValueId x, double otherwise) {
  const ValueId ax = add(m, TISA_OP_ABS, {x});
  const ValueId finite = add(m, TISA_OP_LT, {ax, fill_like(m, x, std::numeric_limits<double>::infinity())});
  return add(m, TISA_OP_SELECT, {finite, ax, fill_like(m, x, otherwise)});
}

// Factor magnitudes in [lo, hi) (finite, non-zero), 1 elsewhere.
ValueId factors_in(ir::Module& m, ValueId x, bool big) {
  const ValueId ax = finite_magnitude(m, x, 0.0);
  const ValueId one = fill_like(m, x, 1.0);
  ValueId keep;
  if (big) {
    keep = add(m, TISA_OP_LE, {one, ax});
  } else {
    keep =
        add(m, TISA_OP_AND, {add(m, TISA_OP_LT, {fill_like(m, x, 0.0), ax}), add(m, TISA_OP_LT, {ax, one})});
  }
  return add(m, TISA_OP_SELECT, {keep, ax, one});
}

// The same instruction on transformed operands.
ValueId same_op_on(ir::Module& m, const ir::Inst& inst, std::vector<ValueId> operands) {
  return add(m, inst.op, std::move(operands), inst.attrs);
}

}  // namespace

ref::HostTensor promote_tensor(const ref::HostTensor& t) {
  if (!narrow_float(t.dtype)) return t;
  return {TISA_DTYPE_F64, t.shape, promote_payload(t.dtype, t.data)};
}

Oracle64 promote_to_f64(const ir::Module& module, std::span<const ref::HostTensor> inputs, bool with_extras) {
  Oracle64 o;
  ir::Module& m = o.module;
  m = module;
  m.extensions |= TISA_EXT_MASK(TISA_EXT_XF64);
  for (ir::Input& in : m.inputs) {
    if (narrow_float(in.type.dtype)) in.type.dtype = TISA_DTYPE_F64;
  }
  for (ir::Inst& inst : m.insts) promote_inst(module, m, inst);  // reads the narrow types before verify
  m.verified = false;
  m.assertions.clear();
  ir::verify(m);
  for (const ref::HostTensor& t : inputs) o.inputs.push_back(promote_tensor(t));

  const size_t original_outputs = m.outputs.size();
  o.extras.resize(original_outputs);
  if (with_extras) {
    for (size_t k = 0; k < original_outputs; ++k) {
      const ValueId v = m.outputs[k];
      if (m.is_input(v)) continue;
      const ir::Inst inst = m.insts[v - m.inputs.size()];
      const ir::OpInfo* op = ir::find_op(inst.op);
      if (!op || inst.type.dtype != TISA_DTYPE_F64 || !ir::numerics_bounded(op->numerics)) continue;
      OracleExtras& e = o.extras[k];
      const auto add_output = [&m](ValueId id) {
        m.outputs.push_back(id);
        return static_cast<int>(m.outputs.size() - 1);
      };
      switch (op->numerics) {
        case TISA_NUMERICS_ULP:
        case TISA_NUMERICS_ULP_LINEAR:
        case TISA_NUMERICS_ABS_LINEAR:
          for (ValueId operand : inst.operands) e.operands.push_back(add_output(operand));
          break;
        case TISA_NUMERICS_DOT: {
          std::vector<ValueId> magnitudes;
          for (ValueId operand : inst.operands) magnitudes.push_back(finite_magnitude(m, operand, 0.0));
          e.sum_finite = add_output(same_op_on(m, inst, magnitudes));
          break;
        }
        case TISA_NUMERICS_PRODUCT: {
          std::vector<ValueId> big, small;
          for (ValueId operand : inst.operands) {
            big.push_back(factors_in(m, operand, true));
            small.push_back(factors_in(m, operand, false));
          }
          e.p_big = add_output(same_op_on(m, inst, big));
          e.p_small = add_output(same_op_on(m, inst, small));
          break;
        }
        default: break;
      }
      // A scan's element k sums or multiplies its own prefix: cumsum of ones counts its terms.
      if (op->shape_rule == TISA_SHAPE_RULE_SCAN)
        e.terms = add_output(add(m, TISA_OP_CUMSUM, {fill_like(m, inst.operands[0], 1.0)}, inst.attrs));
    }
    m.verified = false;
    m.assertions.clear();
    ir::verify(m);
  }
  return o;
}

}  // namespace tisa::cts
