// Which launches wrote which bytes of a buffer, kept until they are known to have succeeded or
// the bytes are written again. A failed launch leaves its outputs unspecified (spec 6.3), so a
// launch or a read of those bytes fails with FAILED_PRECONDITION instead of using them.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tisa::rt {

struct LaunchState;

class WriteLog {
 public:
  // `launch` (submitted, perhaps still running) writes [begin, end): older entries it covers go.
  void record(uint64_t begin, uint64_t end, std::shared_ptr<LaunchState> launch);
  // The host wrote [begin, end): entries it covers go.
  void overwritten(uint64_t begin, uint64_t end);

  struct Overlap {
    std::optional<std::string> failure;  // the message of a launch known to have failed
    std::vector<std::shared_ptr<LaunchState>> unfinished;
  };
  // The launches that wrote bytes of [begin, end). Entries of launches known to have succeeded
  // are dropped on the way.
  Overlap overlapping(uint64_t begin, uint64_t end);

 private:
  struct Entry {
    uint64_t begin, end;
    std::shared_ptr<LaunchState> launch;
  };
  // Removes the entries inside [begin, end); they are destroyed by the caller, outside the lock.
  std::vector<Entry> take_covered(uint64_t begin, uint64_t end);

  std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace tisa::rt
