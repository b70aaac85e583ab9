// How each value is read: inputs, module data and stored values in place; fills as splats;
// view instructions composed into their operand's strided view, copied only when a reshape of
// a view cannot be expressed by strides and another view op follows it.
#include "drivers/cpu/plan/builder.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::cpu {
namespace {

bool same_dims(const StridedView& v, const ir::Shape& shape) {
  if (v.rank != shape.size()) return false;
  for (uint32_t d = 0; d < v.rank; ++d) {
    if (v.dims[d] != shape[d]) return false;
  }
  return true;
}

// A scalar attribute's bits as one element of dtype (low bytes; bool is 0 or 1).
uint64_t element_bits(tisa_dtype_t dtype, uint64_t bits) {
  const size_t size = ir::dtype_size(dtype);
  if (dtype == TISA_DTYPE_BOOL) return (bits & 0xff) != 0 ? 1 : 0;
  return size >= 8 ? bits : bits & ((uint64_t{1} << (8 * size)) - 1);
}

}  // namespace

Operand InstanceBuilder::tensor_operand(tisa_dtype_t dtype, Location at, const ir::Shape& shape) const {
  Operand x;
  x.kind = Operand::Kind::Tensor;
  x.dtype = dtype;
  x.element_size = static_cast<uint32_t>(ir::dtype_size(dtype));
  x.base = at;
  x.view = StridedView::dense(shape);
  x.finalize();
  return x;
}

Operand InstanceBuilder::splat_operand(tisa_dtype_t dtype, uint64_t bits) const {
  Operand x;
  x.kind = Operand::Kind::Splat;
  x.dtype = dtype;
  x.element_size = static_cast<uint32_t>(ir::dtype_size(dtype));
  x.splat = element_bits(dtype, bits);
  x.finalize();
  return x;
}

Operand InstanceBuilder::operand_of(ir::ValueId v) {
  if (operands_[v]) return *operands_[v];
  const tisa_dtype_t dtype = m_.value_type(v).dtype;
  Operand x;
  switch (plan_.roles[v]) {
    case Role::Input: x = tensor_operand(dtype, {Location::Space::Input, v}, shapes_[v]); break;
    case Role::Constant:
      x = tensor_operand(dtype, {Location::Space::Constant, static_cast<uint32_t>(attr(v, "data").i)},
                         shapes_[v]);
      break;
    case Role::Splat: x = splat_operand(dtype, attr(v, "value").bits); break;
    case Role::View: x = view_operand(v); break;
    case Role::Root:
      if (!homes_[v])
        fail(TISA_INTERNAL, "cpu driver: {} is read before it is computed", ir::describe(m_, v));
      x = tensor_operand(dtype, *homes_[v], shapes_[v]);
      break;
    case Role::Fused:
      fail(TISA_INTERNAL, "cpu driver: {} was fused but is read outside its program", ir::describe(m_, v));
  }
  operands_[v] = x;
  return x;
}

Operand InstanceBuilder::as_shape(Operand x, const ir::Shape& shape) {
  if (x.is_splat() || same_dims(x.view, shape)) return x;
  if (std::optional<StridedView> v = reshape_view(x.view, shape)) {
    x.view = *v;
    x.finalize();
    return x;
  }
  return materialize(x, shape);
}

Operand InstanceBuilder::materialize(const Operand& x, const ir::Shape& shape) {
  const Location at = new_temp(static_cast<uint64_t>(ir::element_count(shape)) * x.element_size);
  auto step = copy_step(x, ir::element_count(shape), at);
  add_step(std::move(step), std::span(&at, 1), std::span(&x, 1));
  return tensor_operand(x.dtype, at, shape);
}

Operand InstanceBuilder::view_operand(ir::ValueId v) {
  const ir::Inst& in = inst(v);
  const ir::ValueId source = in.operands[0];
  Operand x = operand_of(source);
  if (x.is_splat()) return x;  // every view of a repeated element is that element repeated
  const ir::Shape& out = shapes_[v];
  if (in.op == TISA_OP_RESHAPE) {
    // Kept in the old dims when strides cannot express it: row-major consumers do not care.
    if (std::optional<StridedView> r = reshape_view(x.view, out)) x.view = *r;
    x.finalize();
    return x;
  }
  x = as_shape(x, shapes_[source]);
  switch (in.op) {
    case TISA_OP_TRANSPOSE: x.view = transpose_view(x.view, attr(v, "perm").ints); break;
    case TISA_OP_BROADCAST: x.view = broadcast_view(x.view, out); break;
    case TISA_OP_SLICE: x.view = slice_view(x.view, exprs(v, "start"), attr(v, "step").ints, out); break;
    case TISA_OP_REVERSE: x.view = reverse_view(x.view, attr(v, "axes").ints); break;
    case TISA_OP_WINDOW:
      x.view = window_view(x.view, attr(v, "stride").ints, attr(v, "dilation").ints, out);
      break;
    default: fail(TISA_INTERNAL, "cpu driver: {} is not a view", ir::describe(m_, v));
  }
  x.finalize();
  return x;
}

}  // namespace tisa::cpu
