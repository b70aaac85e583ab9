// Launches: arguments checked like the reference's, then evaluated instruction by instruction
// with the reference kernels, the fault applied where it hits. Launches run before launch()
// returns; a failure is launch()'s own status.
#include <cstring>
#include <memory>
#include <vector>

#include "conformance/tests/faulty_driver/objects.hpp"
#include "drivers/reference/kernels/evaluate.hpp"
#include "drivers/support/event.hpp"
#include "drivers/support/host_launch.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::faulty {
namespace {

// Evaluates instruction by instruction, the fault applied, and writes the outputs.
void run(Fault fault, const ir::Module& module, const drv::HostLaunch& launch) {
  const std::vector<ir::Shape> shapes = ir::resolve_all(module, launch.symbols);
  std::vector<ref::HostTensor> values = launch.read_inputs();
  values.resize(module.value_count());
  for (size_t k = 0; k < module.insts.size(); ++k) {
    const ir::Inst& inst = module.insts[k];
    std::vector<const ref::HostTensor*> operands;
    for (ir::ValueId id : inst.operands) operands.push_back(&values[id]);
    const ir::ValueId id = static_cast<ir::ValueId>(module.inputs.size() + k);
    values[id] = evaluate_faulty(fault, module, inst, operands, shapes[id], launch.symbols);
  }
  for (size_t i = 0; i < launch.outputs.size(); ++i) {
    const ir::ValueId id = module.outputs[i];
    const ref::HostTensor& value = values[id];
    const drv::HostArgument& out = launch.outputs[i];
    if (!value.data.empty()) std::memcpy(out.data(), value.data.data(), value.data.size());
    corrupt_output(fault, module, id, value.dtype, out.data(), value.data.size(),
                   out.storage->bytes + out.storage->size);
  }
}

}  // namespace

void* Description::launch(Driver& /*driver*/, Executable& exe, const tisa_drv_launch_args_t& args) {
  run(exe.fault, *exe.module, drv::resolve_host_launch(*exe.module, args));
  return drv::completed_event();
}

}  // namespace tisa::faulty
