#include "drivers/cpu/plan/exec.hpp"

#include <algorithm>
#include <new>

namespace tisa::cpu {

Scratch::Scratch(unsigned threads) : blocks_(threads) {}

Scratch::~Scratch() {
  for (Block& b : blocks_) ::operator delete(b.data, std::align_val_t(64));
}

void Scratch::reserve(size_t bytes) {
  for (Block& b : blocks_) {
    if (b.size >= bytes) continue;
    ::operator delete(b.data, std::align_val_t(64));
    b.data = nullptr;
    b.size = 0;
    const size_t size = std::max<size_t>(bytes, 64 * 1024);
    b.data = static_cast<uint8_t*>(::operator new(size, std::align_val_t(64)));
    b.size = size;
  }
}

uint8_t* ExecContext::address(const Location& at) const {
  switch (at.space) {
    case Location::Space::Input: return inputs[at.index];
    case Location::Space::Output: return outputs[at.index];
    case Location::Space::Temp: return arena + temp_offsets[at.index];
    case Location::Space::Constant:
      // Module data is never written: steps only read through this pointer.
      return const_cast<uint8_t*>(module->constants[at.index].data());
  }
  return nullptr;
}

int64_t task_count(const ExecContext& ctx, int64_t count, int64_t grain) {
  if (count <= grain || ctx.pool->size() == 1) return 1;
  const int64_t by_grain = (count + grain - 1) / grain;
  const int64_t wanted = static_cast<int64_t>(ctx.pool->size()) * 4;
  return std::min({by_grain, wanted, ThreadPool::kMaxTasks});
}

}  // namespace tisa::cpu
