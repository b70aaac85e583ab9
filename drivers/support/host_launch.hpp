// A launch on host buffers, resolved: every tensor checked (launch_args.hpp) and tied to the
// storage it lives in, the symbol binding known. What a host-memory driver that evaluates with
// the reference kernels queues: the work owns the storages, reads the inputs when it runs (so it
// sees earlier launches' results) and writes the outputs back.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "drivers/reference/kernels/evaluate.hpp"
#include "drivers/support/host_buffer.hpp"
#include "hal/ir/module.hpp"
#include "tisa/driver.h"

namespace tisa::drv {

struct HostArgument {
  std::shared_ptr<Storage> storage;
  uint64_t offset = 0;
  tisa_dtype_t dtype = TISA_DTYPE_INVALID;
  ir::Shape shape;
  uint64_t bytes = 0;

  uint8_t* data() const { return storage->bytes + offset; }
};

struct HostLaunch {
  std::vector<HostArgument> inputs;
  std::vector<HostArgument> outputs;
  std::vector<int64_t> symbols;

  // Copies of the inputs as the reference kernels take them.
  std::vector<ref::HostTensor> read_inputs() const;
  // Writes the module's results, in output order; INTERNAL if one has another shape.
  void write_outputs(std::span<const ref::HostTensor> results) const;
};

// Checks every tensor against the module (dtype, rank, dims, byte range in its host buffer),
// binds the symbols, checks the output shapes. args' struct and counts are already checked
// (check_launch_args).
HostLaunch resolve_host_launch(const ir::Module& module, const tisa_drv_launch_args_t& args);

}  // namespace tisa::drv
