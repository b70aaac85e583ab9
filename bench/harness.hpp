// What every benchmark shares: the TISA instance, a module compiled on a named driver's device
// with seeded input buffers, and the anchors' helpers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hal/ir/module.hpp"
#include "tisa/tisa.hpp"

namespace tisa::bench {

// The device of the driver named (the instance is created once, from the default search path
// or TISA_DRIVER_FILES); throws naming the drivers that did load when it is missing.
Device device(const std::string& driver);

// The info of the driver's first device, or nullopt when it has none (its driver did not load
// or found no hardware: the vulkan driver without a Vulkan device).
std::optional<tisa_device_info_t> device_info(const std::string& driver);

// A module compiled for one driver's device, with every input filled with seeded values in
// [-1, 1) and an output buffer per output; run() launches it and waits. inputs gives the dims
// of the first inputs (needed where they are symbolic); the others are the module's literals.
class Compiled {
 public:
  Compiled(const std::string& driver, const ir::Module& module,
           const std::vector<std::vector<int64_t>>& inputs, tisa_opt_level_t level = TISA_OPT_O2);
  void run() const;
  std::vector<float> output(size_t index) const;

 private:
  Module module_;
  Executable executable_;
  std::vector<Buffer> buffers_;
  std::vector<tisa_tensor_t> inputs_, outputs_;
};

// Seeded values in [-1, 1).
std::vector<float> random_values(size_t count, uint64_t seed);

// memcpy of bytes split over every thread of a persistent pool of the machine's size: the
// bandwidth anchor (what any elementwise pass over memory can at best reach).
class ParallelCopy {
 public:
  explicit ParallelCopy(size_t bytes);
  ~ParallelCopy();
  void run();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tisa::bench
