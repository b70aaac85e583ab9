// What a step sees while it runs: the launch's buffers, the temporaries' arena, the thread pool
// with per-thread scratch memory, and the kernel target.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "drivers/cpu/kernels/kernel_table.hpp"
#include "drivers/cpu/plan/operand.hpp"
#include "drivers/cpu/runtime/thread_pool.hpp"
#include "hal/ir/module.hpp"

namespace tisa::cpu {

// Grow-only, 64-byte-aligned memory, one block per pool thread. reserve() runs on the launching
// thread before a parallel loop (it may throw bad_alloc); tasks then only call at().
class Scratch {
 public:
  explicit Scratch(unsigned threads);
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  void reserve(size_t bytes);
  uint8_t* at(unsigned thread) const { return blocks_[thread].data; }

 private:
  struct Block {
    uint8_t* data = nullptr;
    size_t size = 0;
  };
  std::vector<Block> blocks_;
};

struct ExecContext {
  std::span<uint8_t* const> inputs;   // first byte of each input tensor
  std::span<uint8_t* const> outputs;  // first byte of each output tensor
  uint8_t* arena = nullptr;
  std::span<const uint64_t> temp_offsets;  // byte offset of each temporary in the arena
  const ir::Module* module = nullptr;      // constants, and the cold path's instructions
  std::span<const int64_t> symbols;
  ThreadPool* pool = nullptr;
  Scratch* scratch = nullptr;
  const KernelTable* kernels = nullptr;

  uint8_t* address(const Location& at) const;
};

class Step {
 public:
  virtual ~Step() = default;
  virtual void run(const ExecContext& ctx) const = 0;
  // A size estimate in elements written (a matmul counts a 64th of its flops): small launches
  // run on the caller instead of the queue.
  virtual int64_t work() const = 0;
};

using StepList = std::vector<std::unique_ptr<Step>>;

// Tasks for count units of work so that every thread gets several (for balance on a shared
// machine) but none is smaller than grain units.
int64_t task_count(const ExecContext& ctx, int64_t count, int64_t grain);

}  // namespace tisa::cpu
