// Executables: the decoded, verified module checked against TISA-B. Lowering to commands needs
// the launch's shapes (symbols), so it happens per launch; every optimization level runs the
// module as written.
#include "drivers/dsa_sim/driver/description.hpp"
#include "drivers/support/module_checks.hpp"

namespace tisa::dsa {

std::unique_ptr<Executable> Description::compile(Driver& /*driver*/, std::shared_ptr<const ir::Module> module,
                                                 uint32_t /*opt_level*/) {
  drv::check_module_claims(*module, TISA_ISA_VERSION, 0, dsa::supports);
  auto exe = std::make_unique<Executable>();
  exe->module = std::move(module);
  return exe;
}

}  // namespace tisa::dsa
