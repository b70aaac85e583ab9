#include "drivers/dsa_sim/model/dram_port.hpp"

#include <algorithm>
#include <iterator>

namespace tisa::dsa {

uint64_t DramPort::book(uint64_t ready, uint64_t length) {
  if (length == 0) return ready;
  uint64_t start = ready;
  auto it = busy_.upper_bound(start);
  if (it != busy_.begin()) {
    auto prev = std::prev(it);
    if (prev->second > start) start = prev->second;
  }
  while (it != busy_.end() && it->first < start + length) {
    start = std::max(start, it->second);
    ++it;
  }
  uint64_t end = start + length;
  // Merge with the neighbours it touches so the map stays small.
  auto next = busy_.lower_bound(start);
  if (next != busy_.end() && next->first == end) {
    end = next->second;
    next = busy_.erase(next);
  }
  if (next != busy_.begin()) {
    auto prev = std::prev(next);
    if (prev->second == start) {
      prev->second = end;
      return start;
    }
  }
  busy_.emplace(start, end);
  return start;
}

void DramPort::forget_before(uint64_t horizon) {
  auto it = busy_.begin();
  while (it != busy_.end() && it->second < horizon) it = busy_.erase(it);
}

}  // namespace tisa::dsa
