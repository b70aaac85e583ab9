// Building an instance: every group of the fusion plan becomes a step with concrete shapes,
// then outputs not written by their producer get a copy, at O2 runs of row-local steps are
// joined, then the temporaries are placed.
#include "drivers/cpu/plan/instance.hpp"

#include "drivers/cpu/plan/builder.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::cpu {

InstanceBuilder::InstanceBuilder(const ir::Module& m, const FusionPlan& plan,
                                 std::span<const int64_t> symbols, const KernelTable& kernels)
    : m_(m),
      plan_(plan),
      symbols_(symbols.begin(), symbols.end()),
      kernels_(kernels),
      shapes_(ir::resolve_all(m, symbols)),
      operands_(m.value_count()),
      homes_(m.value_count()),
      output_written_(m.outputs.size(), false) {}

const ir::Attr& InstanceBuilder::attr(ir::ValueId v, std::string_view name) const {
  const ir::Inst& in = inst(v);
  const ir::OpInfo* op = ir::find_op(in.op);
  const int index = op ? ir::attr_index(*op, name) : -1;
  if (index < 0 || static_cast<size_t>(index) >= in.attrs.size()) {
    fail(TISA_INTERNAL, "cpu driver: {} has no attribute {}", ir::describe(m_, v), name);
  }
  return in.attrs[static_cast<size_t>(index)];
}

std::vector<int64_t> InstanceBuilder::exprs(ir::ValueId v, std::string_view name) const {
  std::vector<int64_t> values;
  for (const ir::Expr& e : attr(v, name).exprs) {
    const std::optional<int64_t> value = e.eval(symbols_);
    if (!value) invalid("{}: attribute {} does not evaluate under this binding", ir::describe(m_, v), name);
    values.push_back(*value);
  }
  return values;
}

Location InstanceBuilder::new_temp(uint64_t bytes) {
  temps_.push_back(Temp{bytes, -1, -1});
  return Location{Location::Space::Temp, static_cast<uint32_t>(temps_.size() - 1)};
}

Location InstanceBuilder::dest_for(ir::ValueId v) {
  for (size_t k = 0; k < m_.outputs.size(); ++k) {
    if (m_.outputs[k] == v && !output_written_[k]) {
      output_written_[k] = true;
      return Location{Location::Space::Output, static_cast<uint32_t>(k)};
    }
  }
  const uint64_t bytes =
      static_cast<uint64_t>(ir::element_count(shapes_[v])) * ir::dtype_size(m_.value_type(v).dtype);
  return new_temp(bytes);
}

void InstanceBuilder::add_step(std::unique_ptr<Step> step, std::span<const Location> writes,
                               std::span<const Operand> reads) {
  const auto index = static_cast<int64_t>(steps_.size());
  for (const Location& at : writes) {
    if (at.space != Location::Space::Temp) continue;
    Temp& t = temps_[at.index];
    if (t.def < 0) t.def = index;
    t.last = std::max(t.last, index);
  }
  for (const Operand& x : reads) {
    if (x.is_splat() || x.base.space != Location::Space::Temp) continue;
    temps_[x.base.index].last = std::max(temps_[x.base.index].last, index);
  }
  steps_.push_back(std::move(step));
}

std::unique_ptr<Instance> InstanceBuilder::build() {
  for (const Group& g : plan_.groups) build_group(g);
  build_output_copies();
  if (plan_.fuse) fuse_rows();
  auto out = std::make_unique<Instance>();
  out->symbols = symbols_;
  plan_memory(*out);
  for (const auto& step : steps_) out->work += step->work();
  out->steps = std::move(steps_);
  return out;
}

std::unique_ptr<Instance> build_instance(const ir::Module& m, const FusionPlan& plan,
                                         std::span<const int64_t> symbols, const KernelTable& kernels) {
  return InstanceBuilder(m, plan, symbols, kernels).build();
}

}  // namespace tisa::cpu
