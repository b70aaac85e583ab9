// The memory plan: temporaries whose lifetimes (first write to last read, in steps) do not
// overlap share arena bytes; a fused step's result shares its operand's bytes when the operand
// dies there (in place). Placement is greedy, largest first, at the lowest free offset.
#include <algorithm>

#include "drivers/cpu/plan/builder.hpp"

namespace tisa::cpu {
namespace {

constexpr uint64_t kAlignment = 64;

struct Storage {
  uint64_t bytes = 0;
  int64_t first = 0, last = 0;
  uint64_t offset = 0;
};

}  // namespace

void InstanceBuilder::plan_memory(Instance& out) const {
  const size_t n = temps_.size();
  std::vector<size_t> storage_of(n);
  for (size_t t = 0; t < n; ++t) storage_of[t] = t;
  std::vector<Storage> storages(n);
  for (size_t t = 0; t < n; ++t) {
    storages[t].bytes = (temps_[t].bytes + kAlignment - 1) / kAlignment * kAlignment;
    storages[t].first = std::max<int64_t>(temps_[t].def, 0);
    storages[t].last = std::max(temps_[t].last, storages[t].first);
    out.temp_bytes += storages[t].bytes;
  }
  // In place: the source must die in the step that writes the result.
  std::vector<bool> merged(n, false);
  for (const InPlaceCandidate& c : in_place_) {
    const size_t source = storage_of[c.source];
    if (temps_[c.source].last != c.step || merged[c.result] || storages[source].last != c.step) continue;
    storage_of[c.result] = source;
    merged[c.result] = true;
    storages[source].last = std::max(storages[source].last, storages[c.result].last);
  }
  for (size_t t = 0; t < n; ++t) {  // follow chains (a result that became another's source)
    size_t s = storage_of[t];
    while (storage_of[s] != s) s = storage_of[s];
    storage_of[t] = s;
  }
  std::vector<size_t> order;
  for (size_t t = 0; t < n; ++t) {
    if (storage_of[t] == t) order.push_back(t);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return storages[a].bytes != storages[b].bytes ? storages[a].bytes > storages[b].bytes : a < b;
  });
  std::vector<size_t> placed;
  uint64_t arena = 0;
  for (size_t s : order) {
    Storage& me = storages[s];
    std::vector<std::pair<uint64_t, uint64_t>> busy;  // address ranges alive at the same time
    for (size_t p : placed) {
      const Storage& other = storages[p];
      if (other.last >= me.first && me.last >= other.first)
        busy.emplace_back(other.offset, other.offset + other.bytes);
    }
    std::sort(busy.begin(), busy.end());
    uint64_t offset = 0;
    for (const auto& [begin, end] : busy) {
      if (offset + me.bytes <= begin) break;
      offset = std::max(offset, end);
    }
    me.offset = offset;
    arena = std::max(arena, offset + me.bytes);
    placed.push_back(s);
  }
  out.arena_bytes = arena;
  out.temp_offsets.resize(n);
  for (size_t t = 0; t < n; ++t) out.temp_offsets[t] = storages[storage_of[t]].offset;
}

}  // namespace tisa::cpu
