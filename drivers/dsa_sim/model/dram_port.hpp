// The DRAM port all cores share. Commands are timed in program order, but the engines run ahead
// of each other, so a later command may need the port earlier than one timed before it: the
// port keeps its busy intervals and grants the first gap that is long enough.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>

namespace tisa::dsa {

class DramPort {
 public:
  // Books `length` cycles at or after `ready`; returns the start.
  uint64_t book(uint64_t ready, uint64_t length);
  // Forgets intervals that end before `horizon` (no later request can start before it).
  void forget_before(uint64_t horizon);
  size_t intervals() const { return busy_.size(); }

 private:
  std::map<uint64_t, uint64_t> busy_;  // start -> end, disjoint, not touching
};

}  // namespace tisa::dsa
