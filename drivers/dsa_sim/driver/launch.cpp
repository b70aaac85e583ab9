// Launches. launch() checks its arguments at once, then queues the work: it reads the input
// buffers when it runs, computes the values with the reference kernels (the functional model of
// every command), times the module's command stream, writes the outputs and hands the report
// to the sinks the environment named.
#include <cstdio>
#include <fstream>
#include <vector>

#include "drivers/dsa_sim/driver/description.hpp"
#include "drivers/dsa_sim/report/trace.hpp"
#include "drivers/dsa_sim/sim/launch_model.hpp"
#include "drivers/support/event.hpp"
#include "drivers/support/host_launch.hpp"

namespace tisa::dsa {
namespace {

void write_file(const std::string& path, const std::string& text, std::ios::openmode mode) {
  std::ofstream file(path, mode);
  if (!file) drv::fail(TISA_INTERNAL, "cannot write '{}'", path);
  file << text;
}

// The report sinks; a sink that cannot be written fails the launch, saying which file.
void publish(Driver& driver, const LaunchResult& result) {
  const ReportSinks& sinks = driver.sinks;
  if (sinks.report_path.empty() && sinks.trace_path.empty() && sinks.commands_path.empty() && !sinks.table)
    return;
  std::lock_guard lock(driver.sink_mutex);
  const Report& report = result.timeline.report;
  if (!sinks.report_path.empty()) {
    std::string line = report_json(report, /*indent=*/-1);
    write_file(sinks.report_path, line + "\n", std::ios::app);
  }
  if (!sinks.trace_path.empty()) {
    write_file(sinks.trace_path, chrome_trace(driver.arch, result.program, result.timeline), std::ios::trunc);
  }
  if (!sinks.commands_path.empty())
    write_file(sinks.commands_path, dump_program(result.program), std::ios::trunc);
  if (sinks.table) std::fprintf(stderr, "%s", report_table(report).c_str());
}

}  // namespace

void* Description::launch(Driver& driver, Executable& exe, const tisa_drv_launch_args_t& args) {
  // The work owns (shares) everything it touches; the driver outlives its queue's work
  // (driver_destroy joins the queue first).
  auto launch = std::make_shared<const drv::HostLaunch>(drv::resolve_host_launch(*exe.module, args));
  std::unique_ptr<drv::Event> event = drv::pending_event();
  driver.queue.submit([&driver, launch, module = exe.module, state = event->state] {
    drv::run_and_complete(*state, [&] {
      const LaunchResult result = run_launch(driver.arch, *module, launch->read_inputs(),
                                             TimingOptions{.unlimited_bandwidth = driver.scalesim});
      launch->write_outputs(result.outputs);
      publish(driver, result);
    });
  });
  return event.release();
}

}  // namespace tisa::dsa
