// One step per group of the fusion plan, with concrete shapes.
#include <algorithm>

#include "drivers/cpu/plan/builder.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::cpu {

std::unique_ptr<FusedStep> InstanceBuilder::copy_step(const Operand& x, int64_t count, Location dest) {
  auto step = std::make_unique<FusedStep>();
  step->program.count = count;
  step->program.leaves.push_back(x);
  step->program.result = 0;
  step->program.result_size = x.element_size;
  step->program.slot_count = 1;
  step->dest = dest;
  return step;
}

void InstanceBuilder::build_group(const Group& g) {
  switch (g.kind) {
    case GroupKind::Elementwise: return build_elementwise(g);
    case GroupKind::Reduce: return build_reduce(g);
    case GroupKind::Scan: return build_scan(g);
    case GroupKind::Matmul: return build_matmul(g);
    case GroupKind::Pad: return build_pad(g);
    case GroupKind::Concat: return build_concat(g);
    case GroupKind::Copy: return build_copy(g);
    case GroupKind::Reference: return build_reference(g);
  }
}

void InstanceBuilder::build_elementwise(const Group& g) {
  auto step = std::make_unique<FusedStep>();
  step->program = build_program(g.members, g.root, shapes_[g.root]);
  step->dest = dest_for(g.root);
  homes_[g.root] = step->dest;
  const Program& p = step->program;
  // The result may overwrite an operand stored densely in a temporary of the same size, if no
  // later step reads it (checked once every step is known) and the program reads it in place.
  if (step->dest.space == Location::Space::Temp && !p.ops.empty()) {
    for (const Operand& leaf : p.leaves) {
      if (leaf.is_splat() || leaf.base.space != Location::Space::Temp || !leaf.dense ||
          leaf.view.offset != 0 || temps_[leaf.base.index].bytes != temps_[step->dest.index].bytes) {
        continue;
      }
      const bool only_in_place = std::all_of(p.leaves.begin(), p.leaves.end(), [&](const Operand& other) {
        return other.is_splat() || other.base.space != Location::Space::Temp ||
               other.base.index != leaf.base.index || (other.dense && other.view.offset == 0);
      });
      if (only_in_place) {
        in_place_.push_back({step->dest.index, leaf.base.index, static_cast<int64_t>(steps_.size())});
        break;
      }
    }
  }
  const Location dest = step->dest;
  const std::vector<Operand> reads = p.leaves;
  add_step(std::move(step), std::span(&dest, 1), reads);
}

void InstanceBuilder::build_copy(const Group& g) {
  const ir::Inst& in = inst(g.root);
  const Operand x =
      in.op == TISA_OP_FILL ? splat_operand(in.type.dtype, attr(g.root, "value").bits) : view_operand(g.root);
  const Location dest = dest_for(g.root);
  homes_[g.root] = dest;
  add_step(copy_step(x, ir::element_count(shapes_[g.root]), dest), std::span(&dest, 1), std::span(&x, 1));
}

void InstanceBuilder::build_reduce(const Group& g) {
  const ir::Inst& in = inst(g.root);
  const ir::ValueId source = in.operands[0];
  const ir::Shape& space = shapes_[source];
  auto step = std::make_unique<ReduceStep>();
  const std::vector<ir::ValueId> producers(g.members.begin(), g.members.end() - 1);
  step->program = build_program(producers, source, space);
  if (!kernels_.reduce(in.op, in.type.dtype, &step->kernels)) {
    fail(TISA_UNIMPLEMENTED, "cpu driver: no kernel for {}", ir::describe(m_, g.root));
  }
  step->element_size = static_cast<uint32_t>(ir::dtype_size(in.type.dtype));

  // Merge the axes into blocks of kept and reduced ones (size-1 axes do not matter).
  std::vector<bool> reduced(space.size(), false);
  for (int64_t a : attr(g.root, "axes").ints) reduced[static_cast<size_t>(a)] = true;
  struct Block {
    bool reduced;
    int64_t size;
  };
  std::vector<Block> blocks;
  for (size_t d = 0; d < space.size(); ++d) {
    if (space[d] == 1) continue;
    if (!blocks.empty() && blocks.back().reduced == reduced[d]) {
      blocks.back().size *= space[d];
    } else {
      blocks.push_back({reduced[d], space[d]});
    }
  }
  size_t b = 0;
  if (b < blocks.size() && !blocks[b].reduced) step->outer = blocks[b++].size;
  if (b < blocks.size() && blocks[b].reduced) step->reduced = blocks[b++].size;
  if (b < blocks.size() && !blocks[b].reduced) step->inner = blocks[b++].size;
  if (b < blocks.size()) {
    // Kept and reduced axes interleave: read the values with the kept axes first, as
    // [kept, reduced]. A program is stored first; a plain operand is just permuted.
    Operand x = step->program.ops.empty()
                    ? step->program.leaves[0]
                    : materialize_program(step->program, space, m_.value_type(source).dtype);
    x = as_shape(x, space);
    std::vector<int64_t> order;
    int64_t kept = 1, gone = 1;
    for (size_t d = 0; d < space.size(); ++d) {
      if (!reduced[d]) {
        order.push_back(static_cast<int64_t>(d));
        kept *= space[d];
      }
    }
    for (size_t d = 0; d < space.size(); ++d) {
      if (reduced[d]) {
        order.push_back(static_cast<int64_t>(d));
        gone *= space[d];
      }
    }
    if (!x.is_splat()) x.view = permute_view(x.view, order);
    x.finalize();
    step->program = Program();
    step->program.count = ir::element_count(space);
    step->program.leaves.push_back(x);
    step->program.result = 0;
    step->program.result_size = x.element_size;
    step->program.slot_count = 1;
    step->outer = kept;
    step->reduced = gone;
    step->inner = 1;
  }
  step->dest = dest_for(g.root);
  homes_[g.root] = step->dest;
  const Location dest = step->dest;
  const std::vector<Operand> reads = step->program.leaves;
  add_step(std::move(step), std::span(&dest, 1), reads);
}

void InstanceBuilder::build_scan(const Group& g) {
  const ir::Inst& in = inst(g.root);
  const ir::Shape& shape = shapes_[g.root];
  auto step = std::make_unique<ScanStep>();
  if (!kernels_.scan(in.op, in.type.dtype, &step->kernels)) {
    fail(TISA_UNIMPLEMENTED, "cpu driver: no kernel for {}", ir::describe(m_, g.root));
  }
  const auto axis = static_cast<size_t>(attr(g.root, "axis").i);
  for (size_t d = 0; d < axis; ++d) step->outer *= shape[d];
  step->extent = shape[axis];
  for (size_t d = axis + 1; d < shape.size(); ++d) step->inner *= shape[d];
  step->exclusive = attr(g.root, "exclusive").i != 0;
  step->reverse = attr(g.root, "reverse").i != 0;
  step->element_size = static_cast<uint32_t>(ir::dtype_size(in.type.dtype));
  step->x = operand_of(in.operands[0]);
  step->dest = dest_for(g.root);
  homes_[g.root] = step->dest;
  const Location dest = step->dest;
  const Operand read = step->x;
  add_step(std::move(step), std::span(&dest, 1), std::span(&read, 1));
}

Operand InstanceBuilder::materialize_program(const Program& program, const ir::Shape& shape,
                                             tisa_dtype_t dtype) {
  auto step = std::make_unique<FusedStep>();
  step->program = program;
  const Location at = new_temp(static_cast<uint64_t>(program.count) * program.result_size);
  step->dest = at;
  const std::vector<Operand> reads = program.leaves;
  add_step(std::move(step), std::span(&at, 1), reads);
  return tensor_operand(dtype, at, shape);
}

void InstanceBuilder::build_matmul(const Group& g) {
  const ir::Inst& in = inst(g.root);
  const ir::Shape& a = shapes_[in.operands[0]];
  const ir::Shape& b = shapes_[in.operands[1]];
  const size_t rank = a.size();
  auto step = std::make_unique<MatmulStep>();
  step->m = a[rank - 2];
  step->k = a[rank - 1];
  step->n = b[rank - 1];
  step->batch = ir::element_count(std::span(a).first(rank - 2));
  // A matrix BLAS reads in place: [batch, rows, cols] by strides, one of rows and cols unit.
  auto setup = [&](MatmulStep::Matrix& mat, ir::ValueId v, int64_t rows, int64_t cols) {
    mat.x = operand_of(v);
    if (mat.x.is_splat()) return;
    const std::optional<StridedView> s = reshape_view(mat.x.view, ir::Shape{step->batch, rows, cols});
    if (!s) return;
    const int64_t batch_stride = s->strides[0], row_stride = s->strides[1], col_stride = s->strides[2];
    if ((cols == 1 || col_stride == 1) && (rows == 1 || row_stride >= cols)) {
      mat.direct = true;
      mat.ld = rows == 1 ? std::max<int64_t>(cols, 1) : row_stride;
    } else if ((rows == 1 || row_stride == 1) && (cols == 1 || col_stride >= rows)) {
      mat.direct = true;
      mat.transposed = true;
      mat.ld = cols == 1 ? std::max<int64_t>(rows, 1) : col_stride;
    }
    mat.batch_stride = batch_stride;
    if (mat.ld > INT_MAX || (step->batch > 1 && batch_stride < 0)) mat.direct = false;
    mat.x.view = *s;
    mat.x.finalize();
  };
  setup(step->lhs, in.operands[0], step->m, step->k);
  setup(step->rhs, in.operands[1], step->k, step->n);
  if (!step->rhs.direct) step->rhs_pack = new_temp(static_cast<uint64_t>(step->k * step->n) * 4);
  step->dest = dest_for(g.root);
  homes_[g.root] = step->dest;
  std::vector<Location> writes{step->dest};
  if (!step->rhs.direct) writes.push_back(step->rhs_pack);
  const std::vector<Operand> reads{step->lhs.x, step->rhs.x};
  add_step(std::move(step), writes, reads);
}

void InstanceBuilder::build_pad(const Group& g) {
  const ir::Inst& in = inst(g.root);
  auto step = std::make_unique<PadStep>();
  step->x = operand_of(in.operands[0]);
  step->in_shape = shapes_[in.operands[0]];
  step->out_shape = shapes_[g.root];
  step->low = exprs(g.root, "low");
  step->value = splat_operand(in.type.dtype, attr(g.root, "value").bits).splat;
  step->dest = dest_for(g.root);
  homes_[g.root] = step->dest;
  const Location dest = step->dest;
  const Operand read = step->x;
  add_step(std::move(step), std::span(&dest, 1), std::span(&read, 1));
}

void InstanceBuilder::build_concat(const Group& g) {
  const ir::Inst& in = inst(g.root);
  auto step = std::make_unique<ConcatStep>();
  const auto axis = static_cast<size_t>(attr(g.root, "axis").i);
  const ir::Shape& out = shapes_[g.root];
  for (size_t d = 0; d < axis; ++d) step->outer *= out[d];
  for (size_t d = axis + 1; d < out.size(); ++d) step->inner *= out[d];
  step->total = out[axis];
  step->element_size = static_cast<uint32_t>(ir::dtype_size(in.type.dtype));
  for (ir::ValueId part : in.operands) {
    step->parts.push_back(operand_of(part));
    step->extents.push_back(shapes_[part][axis]);
  }
  step->dest = dest_for(g.root);
  homes_[g.root] = step->dest;
  const Location dest = step->dest;
  const std::vector<Operand> reads = step->parts;
  add_step(std::move(step), std::span(&dest, 1), reads);
}

void InstanceBuilder::build_reference(const Group& g) {
  const ir::Inst& in = inst(g.root);
  auto step = std::make_unique<ReferenceStep>();
  step->inst = &in;
  for (ir::ValueId o : in.operands) {
    step->operands.push_back(operand_of(o));
    step->operand_shapes.push_back(shapes_[o]);
  }
  step->out_shape = shapes_[g.root];
  step->dest = dest_for(g.root);
  homes_[g.root] = step->dest;
  const Location dest = step->dest;
  const std::vector<Operand> reads = step->operands;
  add_step(std::move(step), std::span(&dest, 1), reads);
}

void InstanceBuilder::build_output_copies() {
  for (size_t k = 0; k < m_.outputs.size(); ++k) {
    if (output_written_[k]) continue;
    const ir::ValueId v = m_.outputs[k];
    const Operand x = operand_of(v);
    const Location dest{Location::Space::Output, static_cast<uint32_t>(k)};
    add_step(copy_step(x, ir::element_count(shapes_[v]), dest), std::span(&dest, 1), std::span(&x, 1));
    output_written_[k] = true;
  }
}

}  // namespace tisa::cpu
