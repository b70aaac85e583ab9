#include "hal/runtime/write_log.hpp"

#include <algorithm>

#include "hal/runtime/objects.hpp"

namespace tisa::rt {

std::vector<WriteLog::Entry> WriteLog::take_covered(uint64_t begin, uint64_t end) {
  std::vector<Entry> taken;
  std::lock_guard lock(mutex_);
  auto covered = [&](const Entry& e) { return begin <= e.begin && e.end <= end; };
  for (const Entry& e : entries_) {
    if (covered(e)) taken.push_back(e);
  }
  std::erase_if(entries_, covered);
  return taken;
}

void WriteLog::record(uint64_t begin, uint64_t end, std::shared_ptr<LaunchState> launch) {
  if (begin == end) return;
  const auto dropped = take_covered(begin, end);
  std::lock_guard lock(mutex_);
  entries_.push_back({begin, end, std::move(launch)});
}

void WriteLog::overwritten(uint64_t begin, uint64_t end) {
  if (begin != end) take_covered(begin, end);
}

WriteLog::Overlap WriteLog::overlapping(uint64_t begin, uint64_t end) {
  Overlap overlap;
  std::vector<Entry> succeeded;  // destroyed after the lock is released
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    LaunchState& launch = *it->launch;
    std::unique_lock launch_lock(launch.mutex);
    if (launch.finished && launch.code == TISA_OK) {
      launch_lock.unlock();
      succeeded.push_back(std::move(*it));
      it = entries_.erase(it);
      continue;
    }
    if (it->begin < end && begin < it->end) {
      if (!launch.finished)
        overlap.unfinished.push_back(it->launch);
      else if (!overlap.failure)
        overlap.failure = launch.message;
    }
    ++it;
  }
  return overlap;
}

}  // namespace tisa::rt
