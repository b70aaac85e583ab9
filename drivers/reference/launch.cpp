// Launches. launch() checks and resolves its arguments at once (drivers/support/host_launch.hpp),
// then queues the work on the device's worker thread and returns an event; the work reads the
// input buffers when it runs (so it sees earlier launches' results), evaluates the module with
// the reference kernels and writes the outputs.
#include "drivers/reference/description.hpp"
#include "drivers/support/event.hpp"
#include "drivers/support/host_launch.hpp"

namespace tisa::reference {

void* Description::launch(Driver& driver, Executable& exe, const tisa_drv_launch_args_t& args) {
  // The work owns (shares) everything it touches: module, storages, event state.
  auto launch = std::make_shared<const drv::HostLaunch>(drv::resolve_host_launch(*exe.module, args));
  std::unique_ptr<drv::Event> event = drv::pending_event();
  driver.queue.submit([launch, module = exe.module, state = event->state] {
    drv::run_and_complete(*state,
                          [&] { launch->write_outputs(ref::evaluate(*module, launch->read_inputs())); });
  });
  return event.release();
}

}  // namespace tisa::reference
