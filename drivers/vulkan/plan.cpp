#include "drivers/vulkan/plan.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "drivers/support/errors.hpp"
#include "drivers/vulkan/kernel_table.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::vk {
namespace {

constexpr int kFill = 1;  // copy kernel op: fill with extra[0]'s bits

// The matmul kernels' tile configurations: their OP constant and the output block of a
// workgroup (shaders/matmul.glsl, MM_*).
struct MatmulTile {
  int32_t op;
  int64_t rows, cols;
};
constexpr MatmulTile kMatmulMain{0, 64, 64};    // read directly, 16 x 8 per invocation (CPUs)
constexpr MatmulTile kMatmulRow{1, 1, 256};     // M < 8
constexpr MatmulTile kMatmulColumn{2, 128, 1};  // N < 8
constexpr MatmulTile kMatmulShared{3, 64, 64};  // through shared memory (GPUs)

// A value as a strided view of a slot (element strides and offset; strides may be 0 or negative).
struct View {
  int slot = -1;
  tisa_dtype_t dtype = TISA_DTYPE_INVALID;
  ir::Shape shape;
  std::vector<int64_t> strides;
  int64_t offset = 0;
};

std::vector<int64_t> dense_strides(const ir::Shape& shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t s = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    strides[d] = s;
    s *= std::max<int64_t>(shape[d], 1);
  }
  return strides;
}

bool is_dense(const View& v) {
  const std::vector<int64_t> want = dense_strides(v.shape);
  for (size_t d = 0; d < v.shape.size(); ++d) {
    if (v.shape[d] != 1 && v.strides[d] != want[d]) return false;
  }
  return true;
}

std::string dtype_name(tisa_dtype_t dtype) {
  return std::string(ir::find_dtype(dtype)->name);
}

// The shader holding an elementwise op or scan of dtype (kernel_table.inc).
std::string shader_of(tisa_opcode_t op, tisa_dtype_t dtype) {
  const KernelEntry* kernel = find_kernel(op, dtype);
  if (!kernel || !*kernel->shader) {
    drv::fail(TISA_UNIMPLEMENTED, "{} on {} has no Vulkan kernel", ir::find_op(op)->name, dtype_name(dtype));
  }
  return kernel->shader;
}

constexpr int64_t kNarrow = 0x7fffffff;  // 32-bit index math below this many elements

// The pipeline variant of an embedded kernel's dispatch.
Variant variant_of(const Params& p) {
  return Variant{p.op, p.aux, p.count > kNarrow || p.count2 > kNarrow ? 1u : 0u, p.rank, p.rank2};
}

uint32_t groups_for(int64_t work_items, int64_t per_group, uint32_t max_groups) {
  const int64_t groups = (work_items + per_group - 1) / per_group;
  return static_cast<uint32_t>(std::clamp<int64_t>(groups, 1, max_groups));
}

class Planner {
 public:
  Planner(const ir::Module& m, std::span<const int64_t> symbols, const Target& target, const Fusion* fusion)
      : m_(m),
        symbols_(symbols),
        max_groups_(target.max_groups[0]),
        target_(target),
        fusion_(fusion),
        shapes_(ir::resolve_all(m, symbols)) {}

  Plan run() {
    for (uint32_t k = 0; k < m_.outputs.size(); ++k) {
      plan_.slots.push_back({SlotKind::Output, k});
      output_slot_.push_back(static_cast<int>(plan_.slots.size() - 1));
    }
    direct_.assign(m_.value_count(), -1);
    for (uint32_t k = 0; k < m_.outputs.size(); ++k) {
      if (direct_[m_.outputs[k]] < 0) direct_[m_.outputs[k]] = static_cast<int>(k);
    }
    views_.resize(m_.value_count());
    for (uint32_t i = 0; i < m_.inputs.size(); ++i) {
      plan_.slots.push_back({SlotKind::Input, i});
      views_[i] = dense(static_cast<int>(plan_.slots.size() - 1), m_.inputs[i].type.dtype, shapes_[i]);
    }
    for (size_t i = 0; i < m_.insts.size(); ++i) {
      const ir::ValueId v = static_cast<ir::ValueId>(m_.inputs.size() + i);
      if (fusion_ && fusion_->group_of[i] >= 0) {
        const FusedGroup& group = fusion_->groups[fusion_->group_of[i]];
        if (group.rows && row_layout(group) < 0) {
          views_[v] = lower_with_fills(m_.insts[i], v);
          continue;
        }
        if (group.members.back() == i) fused(fusion_->group_of[i], group);
        continue;
      }
      if (fusion_ && fusion_->inlined[i]) continue;
      views_[v] = lower(m_.insts[i], v);
    }
    for (uint32_t k = 0; k < m_.outputs.size(); ++k) {
      const View& src = views_[m_.outputs[k]];
      if (src.slot == output_slot_[k]) continue;  // computed in place
      copy(src, dense(output_slot_[k], src.dtype, src.shape));
    }
    for (Dispatch& d : plan_.dispatches) {
      if (d.group < 0) d.variant = variant_of(d.params);
    }
    return std::move(plan_);
  }

 private:
  View dense(int slot, tisa_dtype_t dtype, const ir::Shape& shape) {
    return View{slot, dtype, shape, dense_strides(shape), 0};
  }

  // Where value v's own data goes: its output tensor when it is one, else a temporary.
  View fresh(ir::ValueId v, tisa_dtype_t dtype, const ir::Shape& shape) {
    if (direct_[v] >= 0) return dense(output_slot_[direct_[v]], dtype, shape);
    const uint64_t bytes = static_cast<uint64_t>(ir::element_count(shape)) * ir::dtype_size(dtype);
    plan_.slots.push_back({SlotKind::Temp, static_cast<uint32_t>(plan_.slots.size()), bytes});
    return dense(static_cast<int>(plan_.slots.size() - 1), dtype, shape);
  }

  Dispatch& add(std::string kernel, const View& out, int64_t count) {
    Dispatch d;
    d.kernel = std::move(kernel);
    d.out_slot = out.slot;
    d.params.count = count;
    d.params.rank = static_cast<int32_t>(out.shape.size());
    std::copy(out.shape.begin(), out.shape.end(), d.params.shape);
    d.groups = groups_for(count, 256, max_groups_);
    plan_.dispatches.push_back(std::move(d));
    return plan_.dispatches.back();
  }

  // Input k of d reads `in`; in's strides are along d's output dims.
  void bind_input(Dispatch& d, int k, const View& in) {
    d.in_slots[k] = in.slot;
    bind_strides(d, k, in);
  }

  void bind_strides(Dispatch& d, int k, const View& v) {
    std::copy(v.strides.begin(), v.strides.end(), d.params.strides + k * kMaxRank);
    d.params.offsets[k] = v.offset;
    const ir::Shape shape(d.params.shape, d.params.shape + d.params.rank);
    View as_output = v;
    as_output.shape = shape;
    if (v.strides.size() == shape.size() && is_dense(as_output)) d.params.aux |= 1 << k;
  }

  // dst (a strided view of a slot) = src, elementwise; both have src's shape.
  void copy(const View& src, const View& dst) {
    const int64_t count = ir::element_count(src.shape);
    if (count == 0) return;
    Dispatch& d = add(fmt::format("copy_{}", ir::dtype_size(src.dtype)), dst, count);
    bind_input(d, 0, src);
    bind_strides(d, 1, dst);
  }

  void fill(const View& dst, uint64_t bits) {
    const int64_t count = ir::element_count(dst.shape);
    if (count == 0) return;
    Dispatch& d = add(fmt::format("copy_{}", ir::dtype_size(dst.dtype)), dst, count);
    d.params.op = kFill;
    bind_strides(d, 1, dst);
    d.params.extra[0] = static_cast<int64_t>(bits);
  }

  View elementwise(std::string kernel, int32_t op, std::span<const View> in, ir::ValueId v,
                   tisa_dtype_t out_dtype, const ir::Shape& shape) {
    View out = fresh(v, out_dtype, shape);
    const int64_t count = ir::element_count(shape);
    if (count == 0) return out;
    Dispatch& d = add(std::move(kernel), out, count);
    d.params.op = op;
    for (size_t k = 0; k < in.size(); ++k) bind_input(d, static_cast<int>(k), in[k]);
    return out;
  }

  View materialize(const View& in, ir::ValueId v) {
    View out = fresh(v, in.dtype, in.shape);
    copy(in, out);
    return out;
  }

  int64_t expr(const ir::Expr& e) {
    const std::optional<int64_t> value = e.eval(symbols_);
    if (!value) drv::invalid("a shape expression of the module has no value under this binding");
    return *value;
  }

  View lower(const ir::Inst& inst, ir::ValueId v) {
    const ir::Shape& shape = shapes_[v];
    const tisa_dtype_t dtype = inst.type.dtype;
    auto operand = [&](size_t k) -> const View& { return views_[inst.operands.at(k)]; };
    switch (inst.op) {
      case TISA_OP_CONSTANT: {
        plan_.slots.push_back({SlotKind::Constant, static_cast<uint32_t>(inst.attrs[2].i)});
        View data = dense(static_cast<int>(plan_.slots.size() - 1), dtype, shape);
        return direct_[v] >= 0 ? materialize(data, v) : data;
      }
      case TISA_OP_FILL: {
        View out = fresh(v, dtype, shape);
        fill(out, inst.attrs[2].bits);
        return out;
      }
      case TISA_OP_IOTA: {
        View out = fresh(v, dtype, shape);
        const int64_t count = ir::element_count(shape);
        if (count) add("iota_" + dtype_name(dtype), out, count).params.extra[0] = inst.attrs[2].i;
        return out;
      }
      case TISA_OP_CAST: {
        const View& x = operand(0);
        if (x.dtype == dtype) return direct_[v] >= 0 ? materialize(x, v) : x;
        return elementwise(fmt::format("cast_{}_{}", dtype_name(x.dtype), dtype_name(dtype)), 0, {&x, 1}, v,
                           dtype, shape);
      }
      case TISA_OP_BITCAST: {
        View out = operand(0);
        out.dtype = dtype;
        return direct_[v] >= 0 ? materialize(out, v) : out;
      }
      case TISA_OP_SELECT: {
        const View in[3] = {operand(0), operand(1), operand(2)};
        return elementwise("select_" + dtype_name(dtype), 0, in, v, dtype, shape);
      }
      case TISA_OP_MATMUL: return matmul(inst, v);
      case TISA_OP_GATHER: return gather(inst, v);
      case TISA_OP_SCATTER: return scatter(inst, v);
      case TISA_OP_CUMSUM:
      case TISA_OP_CUMPROD:
      case TISA_OP_CUMMAX:
      case TISA_OP_CUMMIN: return scan(inst, v);
      case TISA_OP_PAD: return pad(inst, v);
      case TISA_OP_CONCAT: return concat(inst, v);
      default: break;
    }
    const ir::OpInfo* info = ir::find_op(inst.op);
    switch (info->group) {
      case TISA_GROUP_UNARY:
        return elementwise(shader_of(inst.op, dtype), inst.op, {&operand(0), 1}, v, dtype, shape);
      case TISA_GROUP_BINARY: {
        const View in[2] = {operand(0), operand(1)};
        return elementwise(shader_of(inst.op, in[0].dtype), inst.op, in, v, dtype, shape);
      }
      case TISA_GROUP_REDUCE: return reduce(inst, v);
      case TISA_GROUP_MOVEMENT: {
        View out = move(inst, operand(0), shape);
        return direct_[v] >= 0 ? materialize(out, v) : out;
      }
      default: drv::fail(TISA_UNIMPLEMENTED, "{} has no Vulkan kernel yet", info->name);
    }
  }

  // One dispatch for a fused group: its inputs strided over the group's shape (a row group's:
  // its row shape), its outputs fresh.
  void fused(int index, const FusedGroup& group) {
    const ir::Shape& shape = shapes_[group.rows ? group.row_value : value(group.members.back())];
    Dispatch d;
    d.group = index;
    for (size_t k = 0; k < group.outputs.size(); ++k) {
      const ir::ValueId v = group.outputs[k];
      views_[v] = fresh(v, m_.value_type(v).dtype, shapes_[v]);
      d.fused_out_slots[k] = views_[v].slot;
    }
    const int64_t count = ir::element_count(shape);
    // A row group's rows: the product of the leading axes (rows of no columns still reduce).
    const int64_t rows = group.rows ? ir::element_count(ir::Shape(shape.begin(), shape.end() - 1)) : 0;
    if (group.rows ? rows == 0 : count == 0) return;
    d.fused.count = group.rows ? rows : count;
    std::copy(shape.begin(), shape.end(), d.fused.shape);
    int dense_bits = 0;
    for (size_t k = 0; k < group.inputs.size(); ++k) {
      View in = views_[group.inputs[k]];
      d.fused_in_slots[k] = in.slot;
      d.fused.offsets[k] = in.offset;
      std::copy(in.strides.begin(), in.strides.end(), d.fused.strides + k * kMaxRank);
      in.shape = shape;
      if (in.strides.size() == shape.size() && is_dense(in)) dense_bits |= 1 << k;
    }
    const auto rank = static_cast<int32_t>(shape.size());
    if (group.rows) {
      const bool per_invocation = row_layout(group) == 1;
      d.variant = Variant{per_invocation ? 1 : 0, dense_bits, 0u, rank, 0};
      d.groups = per_invocation ? groups_for(rows, 256, max_groups_)
                                : static_cast<uint32_t>(std::min<int64_t>(rows, max_groups_));
    } else {
      d.variant = Variant{0, dense_bits, count > kNarrow ? 1u : 0u, rank, 0};
      d.groups = groups_for(count, 256, max_groups_);
    }
    plan_.dispatches.push_back(std::move(d));
  }

  ir::ValueId value(uint32_t inst) const { return static_cast<ir::ValueId>(m_.inputs.size() + inst); }

  // How a row group runs under this binding: 1, an invocation per row; 0, a workgroup per row;
  // -1, neither within the loop budget, and its members run unfused. Rows go to invocations on
  // a CPU device (a workgroup runs on one thread there, its barriers only cost: 64 rows of 4096
  // took 2.3 ms so, 3.6 ms a workgroup each, on lavapipe), or on a GPU when they are many and
  // short; else to workgroups.
  int row_layout(const FusedGroup& group) const {
    constexpr int64_t kManyRows = 4096, kShortRow = 64, kLanes = 256, kTreeLoops = 9;
    const ir::Shape& shape = shapes_[group.row_value];
    const int64_t cols = shape.back(), rows = ir::element_count(ir::Shape(shape.begin(), shape.end() - 1));
    const int64_t reductions = std::count(group.roles.begin(), group.roles.end(), RowRole::kReduction);
    const int64_t walks = reductions + 1;  // one per reduction, one for the outputs
    const bool invocation_fits = fits(items_per_invocation(rows, kLanes) * (walks * (cols + 1) + 1));
    const bool group_fits =
        fits(items_per_group(rows) * (walks * ((cols + kLanes - 1) / kLanes + 1) + kTreeLoops * reductions + 1));
    const bool prefer_invocation = target_.cpu || (rows >= kManyRows && cols <= kShortRow);
    if (invocation_fits && (prefer_invocation || !group_fits)) return 1;
    return group_fits ? 0 : -1;
  }

  // An instruction of a row group that runs unfused: the fills it reads were left to be literals.
  View lower_with_fills(const ir::Inst& inst, ir::ValueId v) {
    for (ir::ValueId u : inst.operands) {
      const int j = m_.is_input(u) ? -1 : static_cast<int>(u - m_.inputs.size());
      if (j >= 0 && fusion_->inlined[j] && views_[u].slot < 0) views_[u] = lower(m_.insts[j], u);
    }
    return lower(inst, v);
  }

  // The zero-copy movement ops; a reshape of a non-dense view materializes it first.
  View move(const ir::Inst& inst, View x, const ir::Shape& shape) {
    const size_t r = x.shape.size();
    switch (inst.op) {
      case TISA_OP_RESHAPE: {
        if (!is_dense(x)) {
          View tmp = fresh_temp(x.dtype, x.shape);
          copy(x, tmp);
          x = tmp;
        }
        View out = dense(x.slot, x.dtype, shape);
        out.offset = x.offset;
        return out;
      }
      case TISA_OP_TRANSPOSE: {
        View out = x;
        for (size_t i = 0; i < r; ++i) out.strides[i] = x.strides[inst.attrs[0].ints[i]];
        out.shape = shape;
        return out;
      }
      case TISA_OP_BROADCAST: {
        View out = x;
        const size_t R = shape.size();
        out.shape = shape;
        out.strides.assign(R, 0);
        for (size_t i = R - r; i < R; ++i) {
          const size_t j = i - (R - r);
          out.strides[i] = x.shape[j] == 1 && shape[i] != 1 ? 0 : x.strides[j];
        }
        return out;
      }
      case TISA_OP_SLICE: {
        View out = x;
        for (size_t i = 0; i < r; ++i) {
          const int64_t start = expr(inst.attrs[0].exprs[i]);
          const int64_t step = inst.attrs[2].ints[i];
          if (shape[i] > 0) out.offset += start * x.strides[i];
          out.strides[i] = x.strides[i] * step;
        }
        out.shape = shape;
        return out;
      }
      case TISA_OP_REVERSE: {
        View out = x;
        for (int64_t axis : inst.attrs[0].ints) {
          if (x.shape[axis] > 0) out.offset += (x.shape[axis] - 1) * x.strides[axis];
          out.strides[axis] = -x.strides[axis];
        }
        return out;
      }
      case TISA_OP_WINDOW: {
        View out = x;
        out.shape = shape;
        out.strides.assign(2 * r, 0);
        for (size_t i = 0; i < r; ++i) {
          out.strides[i] = x.strides[i] * inst.attrs[1].ints[i];
          out.strides[r + i] = x.strides[i] * inst.attrs[2].ints[i];
        }
        return out;
      }
      default: drv::fail(TISA_UNIMPLEMENTED, "{} has no Vulkan kernel yet", ir::find_op(inst.op)->name);
    }
  }

  View fresh_temp(tisa_dtype_t dtype, const ir::Shape& shape) {
    const uint64_t bytes = static_cast<uint64_t>(ir::element_count(shape)) * ir::dtype_size(dtype);
    plan_.slots.push_back({SlotKind::Temp, static_cast<uint32_t>(plan_.slots.size()), bytes});
    return dense(static_cast<int>(plan_.slots.size() - 1), dtype, shape);
  }

  View pad(const ir::Inst& inst, ir::ValueId v) {
    const View& x = views_[inst.operands[0]];
    const ir::Shape& shape = shapes_[v];
    View out = fresh(v, x.dtype, shape);
    fill(out, inst.attrs[2].bits);
    // The part of x that lands inside the output (negative padding crops).
    View src = x, dst = out;
    for (size_t i = 0; i < shape.size(); ++i) {
      const int64_t low = expr(inst.attrs[0].exprs[i]), high = expr(inst.attrs[1].exprs[i]);
      const int64_t extent = x.shape[i] - std::max<int64_t>(-low, 0) - std::max<int64_t>(-high, 0);
      if (extent <= 0) return out;
      src.offset += std::max<int64_t>(-low, 0) * x.strides[i];
      dst.offset += std::max<int64_t>(low, 0) * out.strides[i];
      src.shape[i] = dst.shape[i] = extent;
    }
    copy(src, dst);
    return out;
  }

  View concat(const ir::Inst& inst, ir::ValueId v) {
    const ir::Shape& shape = shapes_[v];
    const int64_t axis = inst.attrs[0].i;
    View out = fresh(v, inst.type.dtype, shape);
    int64_t at = 0;
    for (ir::ValueId operand : inst.operands) {
      const View& x = views_[operand];
      View dst = out;
      dst.shape = x.shape;
      dst.offset += at * out.strides[axis];
      copy(x, dst);
      at += x.shape[axis];
    }
    return out;
  }

  View reduce(const ir::Inst& inst, ir::ValueId v) {
    const View& x = views_[inst.operands[0]];
    const ir::Shape& shape = shapes_[v];
    const bool arg = inst.op == TISA_OP_ARGMAX || inst.op == TISA_OP_ARGMIN;
    int32_t op = 0;
    switch (inst.op) {
      case TISA_OP_REDUCE_SUM: op = 0; break;
      case TISA_OP_REDUCE_PROD: op = 1; break;
      case TISA_OP_REDUCE_MAX: op = 2; break;
      case TISA_OP_REDUCE_MIN: op = 3; break;
      case TISA_OP_ARGMAX: op = 4; break;
      case TISA_OP_ARGMIN: op = 5; break;
      default: drv::fail(TISA_UNIMPLEMENTED, "{} has no Vulkan kernel yet", ir::find_op(inst.op)->name);
    }
    std::vector<bool> reduced(x.shape.size(), false);
    if (arg) {
      reduced[inst.attrs[0].i] = true;
    } else {
      for (int64_t a : inst.attrs[0].ints) reduced[a] = true;
    }
    View out = fresh(v, inst.type.dtype, shape);
    // Output rows walk the kept axes of x (keepdims only adds size-1 axes: same order).
    View rows;
    rows.slot = x.slot;
    rows.offset = x.offset;
    ir::Shape inner;
    std::vector<int64_t> inner_strides;
    for (size_t d = 0; d < x.shape.size(); ++d) {
      if (reduced[d]) {
        inner.push_back(x.shape[d]);
        inner_strides.push_back(x.strides[d]);
      } else {
        rows.shape.push_back(x.shape[d]);
        rows.strides.push_back(x.strides[d]);
      }
    }
    if (ir::element_count(rows.shape) == 0) return out;
    reduce_rows("reduce_" + dtype_name(x.dtype), op, rows, inner, inner_strides, out.slot,
                ir::dtype_size(x.dtype));
    return out;
  }

  // Whether an invocation running `loops` loop iterations stays within the device's budget, with
  // room for the kernels' short loops (reduction trees, tile loads).
  bool fits(int64_t loops) const {
    constexpr int64_t kSlack = 256;
    return target_.loop_budget == 0 || loops + kSlack <= target_.loop_budget;
  }
  // Items one invocation takes when `items` go `per_group` to a workgroup as groups_for says.
  int64_t items_per_invocation(int64_t items, int64_t per_group) const {
    const int64_t invocations = static_cast<int64_t>(groups_for(items, per_group, max_groups_)) * per_group;
    return (items + invocations - 1) / invocations;
  }
  // Items one workgroup takes when each takes one, up to max_groups_ workgroups.
  int64_t items_per_group(int64_t items) const {
    const int64_t groups = std::clamp<int64_t>(items, 1, max_groups_);
    return (items + groups - 1) / groups;
  }
  [[noreturn]] void over_budget(const std::string& what) const {
    drv::fail(TISA_UNIMPLEMENTED,
              "{} needs more loop iterations in one shader invocation than this device runs ({}: "
              "llvmpipe ends an invocation's loops there)",
              what, target_.loop_budget);
  }

  // The reduction kernel's layouts (OP bits of shaders/gen_shaders.py's reduce_shader).
  static constexpr int32_t kPerInvocation = 8, kChunked = 16;

  // Reduces each row of `rows` (its elements at inner_strides over `inner`) into the dense output
  // of slot out_slot: one invocation per row when rows are short or many (on a GPU: many, with
  // neighbouring rows neighbours in memory), rows split into chunks and then the partials
  // reduced when a few long rows would leave the device idle (not for argmax/argmin), else a
  // workgroup per row.
  // value_bytes: the size of a partial (the input's element).
  void reduce_rows(const std::string& kernel, int32_t mode, const View& rows, const ir::Shape& inner,
                   const std::vector<int64_t>& inner_strides, int out_slot, size_t value_bytes) {
    constexpr int64_t kShortRow = 64, kManyRows = 4096, kManyCpuRows = 256, kLongRow = 16384, kChunk = 4096;
    const int64_t count = ir::element_count(rows.shape), len = ir::element_count(inner);
    const bool adjacent_rows = !rows.strides.empty() && rows.strides.back() == 1;
    const bool many = target_.cpu ? count >= kManyCpuRows : count >= kManyRows && adjacent_rows;
    int32_t layout = 0;
    int64_t chunks = 1;
    int64_t chunk = kChunk;
    if (len <= kShortRow || many) {
      layout = kPerInvocation;
    } else if (mode < 4 && target_.cpu && len >= 1024) {
      layout = kChunked;
    } else if (mode < 4 && len >= kLongRow && count < 64) {
      layout = kChunked;
    }
    // Under a loop budget: rows too long for one invocation go in chunks (argmax and argmin to
    // a workgroup each), and rows too long for a workgroup in chunks.
    constexpr int64_t kGroup = 128, kTreeLoops = 8;
    if (layout == kPerInvocation && !fits(items_per_invocation(count, kGroup) * (len + 1)))
      layout = mode < 4 ? kChunked : 0;
    if (layout == 0 && !fits(items_per_group(count) * ((len + kGroup - 1) / kGroup + kTreeLoops))) {
      if (mode >= 4) over_budget(fmt::format("an arg reduction over rows of {} elements", len));
      layout = kChunked;
    }
    // On a CPU, enough chunks for kManyCpuRows invocations, of at least 256 elements each.
    if (layout == kChunked && target_.cpu) chunk = std::clamp<int64_t>(len * count / kManyCpuRows, 256, kChunk);
    if (layout == kChunked) chunks = (len + chunk - 1) / chunk;
    View row_out = dense(out_slot, TISA_DTYPE_INVALID, rows.shape);
    int partial_slot = -1;
    if (layout == kChunked) {
      partial_slot = static_cast<int>(plan_.slots.size());
      plan_.slots.push_back({SlotKind::Temp, static_cast<uint32_t>(plan_.slots.size()),
                             static_cast<uint64_t>(count * chunks) * value_bytes});
      row_out.slot = partial_slot;
    }
    // On a CPU the chunks are many enough to take one invocation each.
    if (layout == kChunked && target_.cpu) layout |= kPerInvocation;
    if ((layout & kPerInvocation) != 0 &&
        !fits(items_per_invocation(count * chunks, kGroup) * ((layout & kChunked) != 0 ? chunk + 1 : len + 1)))
      over_budget(fmt::format("a reduction of {} rows", count));
    Dispatch& d = add(kernel, row_out, count);
    d.params.op = mode | layout;
    bind_input(d, 0, rows);
    d.params.count = count * chunks;
    d.params.count2 = len;
    d.params.rank2 = static_cast<int32_t>(inner.size());
    std::copy(inner.begin(), inner.end(), d.params.shape2);
    std::copy(inner_strides.begin(), inner_strides.end(), d.params.strides + 3 * kMaxRank);
    d.params.extra[2] = chunk;
    d.params.extra[3] = chunks;
    d.groups = (layout & kPerInvocation) != 0
                   ? groups_for(count * chunks, 128, max_groups_)
                   : static_cast<uint32_t>(std::min<int64_t>(count * chunks, max_groups_));
    if ((layout & kChunked) == 0) return;
    // The partials, [rows..., chunks] dense, reduced by the same op.
    View partials = dense(partial_slot, TISA_DTYPE_INVALID, rows.shape);
    for (int64_t& s : partials.strides) s *= chunks;
    reduce_rows(kernel, mode, partials, {chunks}, {1}, out_slot, value_bytes);
  }

  // One invocation per line along axis; the lines walk the other axes of x and of the output.
  View scan(const ir::Inst& inst, ir::ValueId v) {
    const View& x = views_[inst.operands[0]];
    const ir::Shape& shape = shapes_[v];
    const size_t axis = static_cast<size_t>(inst.attrs[0].i);
    View out = fresh(v, inst.type.dtype, shape);
    if (ir::element_count(shape) == 0) return out;
    View in_lines = x, out_lines = out;
    in_lines.shape.erase(in_lines.shape.begin() + axis);
    in_lines.strides.erase(in_lines.strides.begin() + axis);
    out_lines.shape = in_lines.shape;
    out_lines.strides.erase(out_lines.strides.begin() + axis);
    const int64_t lines = ir::element_count(in_lines.shape);
    Dispatch& d = add(shader_of(inst.op, x.dtype), out_lines, lines);
    d.params.op = static_cast<int32_t>(inst.op - TISA_OP_CUMSUM);  // sum, prod, max, min
    bind_input(d, 0, in_lines);
    bind_strides(d, 1, out_lines);
    d.params.count2 = shape[axis];
    d.params.extra[0] = x.strides[axis];
    d.params.extra[1] = out.strides[axis];
    d.params.extra[2] = (inst.attrs[1].i != 0 ? 1 : 0) | (inst.attrs[2].i != 0 ? 2 : 0);
    d.groups = groups_for(lines, 64, max_groups_);
    if (!fits(items_per_invocation(lines, 64) * (shape[axis] + 1)))
      over_budget(fmt::format("a scan along lines of {} elements", shape[axis]));
    return out;
  }

  View matmul(const ir::Inst& inst, ir::ValueId v) {
    const View& a = views_[inst.operands[0]];
    const View& b = views_[inst.operands[1]];
    const ir::Shape& shape = shapes_[v];
    View out = fresh(v, inst.type.dtype, shape);
    const size_t r = shape.size();
    const int64_t count = ir::element_count(shape);
    if (count == 0) return out;
    const int64_t M = shape[r - 2], N = shape[r - 1], K = a.shape[r - 1];
    if (K == 0) {
      fill(out, 0);
      return out;
    }
    // A skinny output takes a tile one row or column thick, any other the device's path.
    MatmulTile tile = target_.matmul_shared ? kMatmulShared : kMatmulMain;
    if (M < 8) {
      tile = kMatmulRow;
    } else if (N < 8) {
      tile = kMatmulColumn;
    }
    // Under a loop budget, a K too long for one invocation runs in slices, each slice's product
    // added into the output (dot order is free; integer sums wrap alike in any order).
    const auto tiles = [](int64_t extent, int64_t per_tile, uint32_t max_groups) {
      const int64_t n = (extent + per_tile - 1) / per_tile;
      return (n + max_groups - 1) / static_cast<int64_t>(max_groups);
    };
    const int64_t per_invocation = tiles(N, tile.cols, max_groups_) * tiles(M, tile.rows, target_.max_groups[1]) *
                                   tiles(count / (M * N), 1, target_.max_groups[2]);
    int64_t slice = K;
    while (slice > 1 && !fits(per_invocation * (slice + 1))) slice = (slice + 1) / 2;
    View partial = out;
    for (int64_t k0 = 0; k0 < K; k0 += slice) {
      if (k0 > 0 && k0 == slice) partial = fresh_temp(out.dtype, shape);
      matmul_tiles(a, b, k0 == 0 ? out : partial, tile, k0, std::min(slice, K - k0), count);
      if (k0 > 0) {
        Dispatch& sum = add(shader_of(TISA_OP_ADD, out.dtype), out, count);
        sum.params.op = TISA_OP_ADD;
        bind_input(sum, 0, out);
        bind_input(sum, 1, partial);
      }
    }
    return out;
  }

  // One matmul dispatch: out = a[..., k0 : k0 + k_len] x b[..., k0 : k0 + k_len, :], in tiles.
  void matmul_tiles(const View& a, const View& b, const View& out, const MatmulTile& tile, int64_t k0, int64_t k_len,
                    int64_t count) {
    const size_t r = out.shape.size();
    const int64_t M = out.shape[r - 2], N = out.shape[r - 1];
    const bool subgroup = tile.op == kMatmulMain.op && target_.subgroup_rows;
    Dispatch& d =
        add(fmt::format("matmul_{}_{}{}", dtype_name(a.dtype), dtype_name(out.dtype), subgroup ? "_sg" : ""),
            out, count);
    View lhs = a, rhs = b;
    lhs.strides[r - 1] = 0;  // the output's n axis does not move along lhs
    rhs.strides[r - 2] = 0;  // nor its m axis along rhs
    lhs.offset += k0 * a.strides[r - 1];
    rhs.offset += k0 * b.strides[r - 2];
    bind_input(d, 0, lhs);
    bind_input(d, 1, rhs);
    d.params.extra[0] = a.strides[r - 1];
    d.params.extra[1] = b.strides[r - 2];
    d.params.count2 = k_len;
    // variant_of() turns these into the OP and DENSE constants: the tile, and the unit strides.
    d.params.op = tile.op;
    d.params.aux = (a.strides[r - 1] == 1 ? 1 : 0) | (b.strides[r - 1] == 1 ? 2 : 0);
    // The kernel loops over tiles and batches past the dispatch, so clamping is enough.
    d.groups = groups_for(N, tile.cols, max_groups_);
    d.groups_y = groups_for(M, tile.rows, target_.max_groups[1]);
    d.groups_z = groups_for(count / (M * N), 1, target_.max_groups[2]);
  }

  View gather(const ir::Inst& inst, ir::ValueId v) {
    const View& data = views_[inst.operands[0]];
    const View& idx = views_[inst.operands[1]];
    const ir::Shape& shape = shapes_[v];
    const size_t axis = static_cast<size_t>(inst.attrs[0].i), q = idx.shape.size();
    View out = fresh(v, data.dtype, shape);
    const int64_t count = ir::element_count(shape);
    if (count == 0) return out;
    if (data.shape[axis] == 0) {  // every index is out of range
      fill(out, 0);
      return out;
    }
    View d_view = data, i_view = idx;
    d_view.strides.assign(shape.size(), 0);
    i_view.strides.assign(shape.size(), 0);
    for (size_t d = 0; d < shape.size(); ++d) {
      if (d < axis) {
        d_view.strides[d] = data.strides[d];
      } else if (d < axis + q) {
        i_view.strides[d] = idx.strides[d - axis];
      } else {
        d_view.strides[d] = data.strides[d - q + 1];
      }
    }
    Dispatch& d =
        add(fmt::format("gather_{}_{}", ir::dtype_size(data.dtype), dtype_name(idx.dtype)), out, count);
    bind_input(d, 0, d_view);
    bind_input(d, 1, i_view);
    d.params.extra[0] = data.strides[axis];
    d.params.extra[1] = data.shape[axis];
    return out;
  }

  // out = data, then one invocation per line of out along axis applies that line's updates.
  View scatter(const ir::Inst& inst, ir::ValueId v) {
    const View& data = views_[inst.operands[0]];
    View idx = views_[inst.operands[1]];
    const View& upd = views_[inst.operands[2]];
    const ir::Shape& shape = shapes_[v];
    const size_t axis = static_cast<size_t>(inst.attrs[0].i), q = idx.shape.size();
    View out = fresh(v, data.dtype, shape);
    copy(data, out);
    const int64_t updates = ir::element_count(upd.shape);
    if (ir::element_count(shape) == 0 || updates == 0) return out;
    if (!is_dense(idx)) {  // the kernel walks the indices as one dense run
      View tmp = fresh_temp(idx.dtype, idx.shape);
      copy(idx, tmp);
      idx = tmp;
    }
    View out_lines = out, upd_lines = upd;
    out_lines.shape.erase(out_lines.shape.begin() + axis);
    out_lines.strides.erase(out_lines.strides.begin() + axis);
    upd_lines.shape = out_lines.shape;
    upd_lines.strides.erase(upd_lines.strides.begin() + axis, upd_lines.strides.begin() + axis + q);
    const int64_t lines = ir::element_count(out_lines.shape);
    Dispatch& d =
        add(fmt::format("scatter_{}_{}", dtype_name(data.dtype), dtype_name(idx.dtype)), out_lines, lines);
    d.params.op = static_cast<int32_t>(inst.attrs[1].i);
    bind_input(d, 0, upd_lines);
    d.in_slots[1] = idx.slot;
    d.params.offsets[1] = idx.offset;
    bind_strides(d, 2, out_lines);
    d.params.count2 = ir::element_count(idx.shape);
    d.params.rank2 = static_cast<int32_t>(q);
    std::copy(idx.shape.begin(), idx.shape.end(), d.params.shape2);
    std::copy(upd.strides.begin() + axis, upd.strides.begin() + axis + q, d.params.strides + 3 * kMaxRank);
    d.params.extra[0] = out.strides[axis];
    d.params.extra[1] = shape[axis];
    d.groups = groups_for(lines, 64, max_groups_);
    if (!fits(items_per_invocation(lines, 64) * (d.params.count2 + 1)))
      over_budget(fmt::format("a scatter of {} indices into each line", d.params.count2));
    return out;
  }

  const ir::Module& m_;
  std::span<const int64_t> symbols_;
  uint32_t max_groups_;
  Target target_;
  const Fusion* fusion_;
  std::vector<ir::Shape> shapes_;
  Plan plan_;
  std::vector<View> views_;
  std::vector<int> direct_;
  std::vector<int> output_slot_;
};

}  // namespace

Plan make_plan(const ir::Module& module, std::span<const int64_t> symbols, const Target& target,
               const Fusion* fusion) {
  return Planner(module, symbols, target, fusion).run();
}

void check_plannable(const ir::Module& module) {
  // Every accumulator the spec allows (C5 of matmul) has a kernel; anything else the verifier
  // has already rejected. Kept as the one place for kernel gaps the support table cannot name.
  for (const ir::Inst& inst : module.insts) {
    if (inst.op != TISA_OP_MATMUL) continue;
    const tisa_dtype_t in = module.value_type(inst.operands[0]).dtype;
    const bool ok = in == TISA_DTYPE_F32 ? inst.type.dtype == TISA_DTYPE_F32
                                         : (inst.type.dtype == TISA_DTYPE_I32 && in != TISA_DTYPE_I64) ||
                                               inst.type.dtype == TISA_DTYPE_I64;
    if (!ok) {
      drv::fail(TISA_UNIMPLEMENTED, "matmul of {} accumulated in {} has no Vulkan kernel", dtype_name(in),
                dtype_name(inst.type.dtype));
    }
  }
}

}  // namespace tisa::vk
