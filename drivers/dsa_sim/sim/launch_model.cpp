#include "drivers/dsa_sim/sim/launch_model.hpp"

#include "drivers/dsa_sim/model/lower.hpp"
#include "hal/ir/bind.hpp"

namespace tisa::dsa {

Program lower_for_shapes(const Arch& arch, const ir::Module& module, std::span<const ir::Shape> input_shapes,
                         const LowerOptions& options) {
  const std::vector<int64_t> symbols = ir::bind_symbols(module, input_shapes);
  const std::vector<ir::Shape> shapes = ir::resolve_all(module, symbols);
  return lower_module(arch, module, shapes, options);
}

LaunchResult run_launch(const Arch& arch, const ir::Module& module, std::span<const ref::HostTensor> inputs,
                        const TimingOptions& options) {
  LaunchResult result;
  // evaluate() checks the inputs against the module first, with messages naming them.
  result.outputs = ref::evaluate(module, inputs);
  std::vector<ir::Shape> shapes;
  shapes.reserve(inputs.size());
  for (const ref::HostTensor& t : inputs) shapes.push_back(t.shape);
  result.program =
      lower_for_shapes(arch, module, shapes, LowerOptions{.whole_gemms = options.unlimited_bandwidth});
  result.timeline = simulate(arch, result.program, options);
  return result;
}

}  // namespace tisa::dsa
