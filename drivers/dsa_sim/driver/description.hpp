// The dsa_sim driver as the support library's driver description (drivers/support/table.hpp):
// one device, the simulated accelerator; buffers and events are the support library's host
// ones. One concern per file: driver.cpp, device.cpp, executable.cpp, launch.cpp.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "drivers/dsa_sim/arch/arch.hpp"
#include "drivers/dsa_sim/report/report.hpp"
#include "drivers/support/driver_base.hpp"
#include "drivers/support/negotiate.hpp"
#include "drivers/support/work_queue.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::dsa {

// Where each launch's report and timeline go (environment variables, read at driver_create).
struct ReportSinks {
  std::string report_path;    // TISA_DSA_REPORT: one JSON object per launch, one per line
  std::string trace_path;     // TISA_DSA_TRACE: the last launch's Chrome trace
  std::string commands_path;  // TISA_DSA_COMMANDS: the last launch's command stream as text
  bool table = false;         // TISA_DSA_REPORT_TABLE=1: the readable table on stderr
};

struct Executable {
  std::shared_ptr<const ir::Module> module;
};

struct Driver : drv::DriverBase {
  Driver(const drv::CreateRequest& request, Arch accelerator, ReportSinks report_sinks, bool scalesim_mode)
      : DriverBase(request),
        arch(std::move(accelerator)),
        sinks(std::move(report_sinks)),
        scalesim(scalesim_mode) {}
  const Arch arch;
  const ReportSinks sinks;
  const bool scalesim;    // TISA_DSA_SCALESIM=1: SCALE-Sim's CALC mode (free DMA, untiled GEMMs)
  std::mutex sink_mutex;  // launches of several drivers may write the same files
  drv::WorkQueue queue;   // the one device's queue: launches run in submission order
};

// The dtypes the device implements: TISA-B's (no extension is claimed).
bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype);

struct Description {
  static constexpr const char* kName = "dsa_sim";
  static constexpr const char* kVersion = "0.1.0";
  using Driver = dsa::Driver;
  using Executable = dsa::Executable;
  static bool supports(tisa_opcode_t opcode, tisa_dtype_t dtype) { return dsa::supports(opcode, dtype); }

  static std::unique_ptr<Driver> create(const drv::CreateRequest& request);          // driver.cpp
  static tisa_drv_device_info_t device_info(const Driver& driver, uint32_t device);  // device.cpp
  static std::unique_ptr<Executable> compile(Driver& driver, std::shared_ptr<const ir::Module> module,
                                             uint32_t opt_level);                            // executable.cpp
  static void* launch(Driver& driver, Executable& exe, const tisa_drv_launch_args_t& args);  // launch.cpp
};

}  // namespace tisa::dsa
