// The instance builder (internal to plan/): walks the fusion plan's groups with concrete
// shapes. operands.cpp resolves how each value is read (views composed, splats), steps.cpp
// builds each group's step, memory_plan.cpp places the temporaries.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "drivers/cpu/plan/instance.hpp"
#include "drivers/cpu/plan/steps.hpp"
#include "hal/ir/bind.hpp"

namespace tisa::cpu {

struct Temp {
  uint64_t bytes = 0;
  int64_t def = -1;   // first step writing it
  int64_t last = -1;  // last step reading it
};

// A fused step that may write its result over a dying operand of the same size.
struct InPlaceCandidate {
  uint32_t result;  // temporaries
  uint32_t source;
  int64_t step;
};

class InstanceBuilder {
 public:
  InstanceBuilder(const ir::Module& m, const FusionPlan& plan, std::span<const int64_t> symbols,
                  const KernelTable& kernels);
  std::unique_ptr<Instance> build();

 private:
  // operands.cpp
  Operand operand_of(ir::ValueId v);
  Operand view_operand(ir::ValueId v);  // a view instruction applied to its operand
  Operand splat_operand(tisa_dtype_t dtype, uint64_t bits) const;
  Operand tensor_operand(tisa_dtype_t dtype, Location at, const ir::Shape& shape) const;
  // x with its view in shape's dims (same element count): by strides, else by a copy.
  Operand as_shape(Operand x, const ir::Shape& shape);
  Operand materialize(const Operand& x, const ir::Shape& shape);

  // steps.cpp
  void build_group(const Group& g);
  void build_elementwise(const Group& g);
  void build_reduce(const Group& g);
  void build_scan(const Group& g);
  void build_matmul(const Group& g);
  void build_pad(const Group& g);
  void build_concat(const Group& g);
  void build_copy(const Group& g);
  void build_reference(const Group& g);
  void build_output_copies();
  // A program over members computing result_value (a member, or a value read as a leaf).
  Program build_program(std::span<const ir::ValueId> members, ir::ValueId result_value,
                        const ir::Shape& space);
  std::unique_ptr<FusedStep> copy_step(const Operand& x, int64_t count, Location dest);
  // Stores a program's values into a new temporary of shape.
  Operand materialize_program(const Program& program, const ir::Shape& shape, tisa_dtype_t dtype);

  // Bookkeeping.
  const ir::Inst& inst(ir::ValueId v) const { return m_.insts[v - m_.inputs.size()]; }
  const ir::Attr& attr(ir::ValueId v, std::string_view name) const;
  std::vector<int64_t> exprs(ir::ValueId v, std::string_view name) const;
  Location new_temp(uint64_t bytes);
  // Where a step stores value v: its first output slot not yet written, else a temporary.
  Location dest_for(ir::ValueId v);
  void add_step(std::unique_ptr<Step> step, std::span<const Location> writes, std::span<const Operand> reads);

  // row_fusion.cpp: runs of row-local steps into RowSteps (O2), before the memory plan.
  void fuse_rows();

  // memory_plan.cpp
  void plan_memory(Instance& out) const;

  const ir::Module& m_;
  const FusionPlan& plan_;
  std::vector<int64_t> symbols_;
  const KernelTable& kernels_;
  std::vector<ir::Shape> shapes_;
  std::vector<std::optional<Operand>> operands_;  // memo, by value id
  std::vector<std::optional<Location>> homes_;    // where stored values are
  std::vector<bool> output_written_;
  std::vector<Temp> temps_;
  std::vector<InPlaceCandidate> in_place_;
  StepList steps_;
};

}  // namespace tisa::cpu
