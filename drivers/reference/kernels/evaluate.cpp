// Instruction and module evaluation: checks the operands, picks the op group's kernel, and walks
// a module in order with the symbols bound from the inputs.
#include "drivers/reference/kernels/evaluate.hpp"

#include "drivers/reference/kernels/call.hpp"
#include "drivers/reference/kernels/dtype_dispatch.hpp"
#include "drivers/reference/kernels/tensor_access.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::ref {

void unimplemented(std::string_view op, tisa_dtype_t dtype) {
  const ir::DtypeInfo* info = ir::find_dtype(dtype);
  const std::string name = info ? std::string(info->name) : fmt::format("dtype code {}", +dtype);
  fail(TISA_UNIMPLEMENTED, "the reference does not implement {} on {}", op, name);
}

HostTensor Call::result() const {
  return make_tensor(inst.type.dtype, out_shape);
}

const ir::Attr& Call::attr(std::string_view name) const {
  const int index = ir::attr_index(op, name);
  if (index < 0 || static_cast<size_t>(index) >= inst.attrs.size()) {
    invalid("{}: attribute {} is missing", op.name, name);
  }
  return inst.attrs[static_cast<size_t>(index)];
}

std::vector<int64_t> Call::exprs(std::string_view name) const {
  std::vector<int64_t> values;
  for (const ir::Expr& e : attr(name).exprs) {
    const std::optional<int64_t> v = e.eval(symbols);
    if (!v) {
      invalid(
          "{}: attribute {} cannot be evaluated under the symbol binding given "
          "(a symbol is unbound, or the expression overflows or divides by zero)",
          op.name, name);
    }
    values.push_back(*v);
  }
  return values;
}

void Call::unimplemented(tisa_dtype_t dtype) const {
  ref::unimplemented(op.name, dtype);
}

tisa_dtype_t type_variable_dtype(const ir::Module& module, const ir::Inst& inst) {
  const ir::OpInfo* op = ir::find_op(inst.op);
  if (op) {
    for (size_t i = 0; i < op->operands.size() && i < inst.operands.size(); ++i) {
      if (op->operands[i].constraint == ir::OperandConstraint::T) {
        return module.value_type(inst.operands[i]).dtype;
      }
    }
  }
  return inst.type.dtype;
}

namespace {

void check_operands(const ir::OpInfo& op, const ir::Inst& inst, std::span<const HostTensor* const> operands) {
  if (operands.size() != inst.operands.size()) {
    invalid("{}: {} operands given, the instruction has {}", op.name, operands.size(), inst.operands.size());
  }
  for (size_t i = 0; i < operands.size(); ++i) {
    const HostTensor* t = operands[i];
    if (!t) invalid("{}: operand {} is null", op.name, i);
    const size_t expected = static_cast<size_t>(ir::element_count(t->shape)) * ir::dtype_size(t->dtype);
    if (t->data.size() != expected) {
      invalid("{}: operand {} holds {} bytes, its shape and dtype need {}", op.name, i, t->data.size(),
              expected);
    }
  }
}

HostTensor run_group(const Call& call) {
  switch (call.op.group) {
    case TISA_GROUP_CREATION: return eval_creation(call);
    case TISA_GROUP_TYPE: return eval_type(call);
    case TISA_GROUP_UNARY: return eval_unary(call);
    case TISA_GROUP_BINARY: return eval_binary(call);
    case TISA_GROUP_TERNARY: return eval_ternary(call);
    case TISA_GROUP_REDUCE: return eval_reduce(call);
    case TISA_GROUP_CONTRACTION: return eval_matmul(call);
    case TISA_GROUP_MOVEMENT: return eval_movement(call);
    case TISA_GROUP_INDEXING: return eval_indexing(call);
  }
  fail(TISA_UNIMPLEMENTED, "the reference has no kernel for op {}", call.op.name);
}

}  // namespace

HostTensor evaluate_bound(const ir::Module& module, const ir::Inst& inst,
                          std::span<const HostTensor* const> operands, const ir::Shape& out_shape,
                          std::span<const int64_t> symbols) {
  const ir::OpInfo* op = ir::find_op(inst.op);
  if (!op) fail(TISA_UNIMPLEMENTED, "the reference does not know opcode {:#x}", +inst.op);
  check_operands(*op, inst, operands);
  const tisa_dtype_t t = type_variable_dtype(module, inst);
  if (!kernels_implement(inst.op, t)) unimplemented(op->name, t);
  const Call call{module, inst, *op, operands, out_shape, symbols};
  HostTensor out = run_group(call);
  if (out.shape != out_shape || out.dtype != inst.type.dtype) {
    fail(TISA_INTERNAL, "{}: the kernel produced a result of another shape or dtype", op->name);
  }
  return out;
}

HostTensor evaluate_inst(const ir::Module& module, const ir::Inst& inst,
                         std::span<const HostTensor* const> operands, const ir::Shape& out_shape) {
  return evaluate_bound(module, inst, operands, out_shape, {});
}

std::vector<HostTensor> evaluate(const ir::Module& module, std::span<const HostTensor> inputs) {
  if (!module.verified) {
    fail(TISA_FAILED_PRECONDITION, "the reference evaluates verified modules only");
  }
  if (inputs.size() != module.inputs.size()) {
    invalid("the module takes {} inputs, {} were given", module.inputs.size(), inputs.size());
  }
  std::vector<ir::Shape> input_shapes;
  for (const HostTensor& t : inputs) input_shapes.push_back(t.shape);
  const std::vector<int64_t> symbols = ir::bind_symbols(module, input_shapes);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const ir::Input& declared = module.inputs[i];
    if (inputs[i].dtype != declared.type.dtype) {
      const ir::DtypeInfo* want = ir::find_dtype(declared.type.dtype);
      const ir::DtypeInfo* got = ir::find_dtype(inputs[i].dtype);
      invalid("input {} ('{}'): dtype {} given, the module declares {}", i, declared.name,
              got ? got->name : "invalid", want ? want->name : "invalid");
    }
    const size_t expected =
        static_cast<size_t>(ir::element_count(inputs[i].shape)) * ir::dtype_size(inputs[i].dtype);
    if (inputs[i].data.size() != expected) {
      invalid("input {} ('{}') holds {} bytes, its shape and dtype need {}", i, declared.name,
              inputs[i].data.size(), expected);
    }
  }
  const std::vector<ir::Shape> shapes = ir::resolve_all(module, symbols);

  std::vector<HostTensor> results(module.insts.size());
  auto value = [&](ir::ValueId v) -> const HostTensor& {
    return module.is_input(v) ? inputs[v] : results[v - module.inputs.size()];
  };
  std::vector<const HostTensor*> operands;
  for (size_t i = 0; i < module.insts.size(); ++i) {
    const ir::Inst& inst = module.insts[i];
    operands.clear();
    for (ir::ValueId v : inst.operands) operands.push_back(&value(v));
    const ir::ValueId id = static_cast<ir::ValueId>(module.inputs.size() + i);
    try {
      results[i] = evaluate_bound(module, inst, operands, shapes[id], symbols);
    } catch (const Error& e) {
      throw Error(e.code(), fmt::format("{}: {}", ir::describe(module, id), e.message()));
    }
  }
  std::vector<HostTensor> outputs;
  for (ir::ValueId v : module.outputs) outputs.push_back(value(v));
  return outputs;
}

bool implements_dtype(tisa_dtype_t dtype) {
  const ir::DtypeInfo* type = ir::find_dtype(static_cast<uint32_t>(dtype));
  if (!type) return false;
  switch (type->extension) {
    case TISA_EXT_BASE:
    case TISA_EXT_XF16:
    case TISA_EXT_XBF16:
    case TISA_EXT_XF64: return true;
    default: return false;
  }
}

bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype) {
  const ir::OpInfo* op = ir::find_op(static_cast<uint32_t>(opcode));
  return op && op->extension == TISA_EXT_BASE && implements_dtype(dtype) && ir::mask_has(op->t_mask, dtype);
}

bool kernels_implement(tisa_opcode_t opcode, tisa_dtype_t dtype) {
  return supports(opcode, dtype);
}

}  // namespace tisa::ref
