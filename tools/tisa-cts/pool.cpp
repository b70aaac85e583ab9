#include "tools/tisa-cts/pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include "tools/tisa-cts/worker.hpp"

extern char** environ;

namespace tisa::cts::tool {
namespace {

using Clock = std::chrono::steady_clock;

struct Worker {
  pid_t pid = -1;
  int to = -1;    // its stdin
  int from = -1;  // its result channel
  std::string buffer;
  std::optional<size_t> current;  // index of the case it runs
  Clock::time_point started;
};

std::string signal_text(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? fmt::format("signal {} (SIG{})", sig, abbrev) : fmt::format("signal {}", sig);
}

class Pool {
 public:
  Pool(const PoolConfig& config, const std::vector<std::string>& names, const Progress& progress)
      : config_(config), names_(names), progress_(progress) {
    result_.results.resize(names.size());
  }

  PoolResult run() {
    const size_t jobs = std::min(names_.size(), static_cast<size_t>(std::max(1, config_.jobs)));
    for (size_t i = 0; i < jobs; ++i) start_worker();
    while (done_ < names_.size() && result_.fatal.empty()) step();
    for (Worker& w : workers_) stop(w, true);
    return std::move(result_);
  }

 private:
  const PoolConfig& config_;
  const std::vector<std::string>& names_;
  const Progress& progress_;
  PoolResult result_;
  std::vector<Worker> workers_;
  size_t next_ = 0, done_ = 0;

  void start_worker() {
    if (next_ >= names_.size()) return;
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::vector<char*> argv;
    for (const std::string& a : config_.arguments) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    Worker w;
    const int rc = posix_spawn(&w.pid, config_.executable.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    if (rc != 0) {
      close(in[1]);
      close(out[0]);
      throw std::runtime_error(
          fmt::format("cannot start a worker ({}): {}", config_.executable, strerror(rc)));
    }
    w.to = in[1];
    w.from = out[0];
    workers_.push_back(std::move(w));
    assign(workers_.back());
  }

  // Gives the worker the next case, or closes its stdin when there is none.
  void assign(Worker& w) {
    if (next_ >= names_.size()) {
      if (w.to >= 0) close(w.to);
      w.to = -1;
      return;
    }
    w.current = next_++;
    w.started = Clock::now();
    const std::string line = names_[*w.current] + "\n";
    if (write(w.to, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      // The worker is gone; its EOF on the result channel reports it.
    }
  }

  void record(size_t index, Status status, std::string message, double seconds) {
    CaseResult& r = result_.results[index];
    r = {names_[index], status, std::move(message), seconds};
    ++done_;
    if (progress_) progress_(done_, names_.size(), r);
  }

  // Kills (when asked) and reaps a worker; closes its pipes. Returns its wait status.
  int stop(Worker& w, bool kill_it) {
    int status = 0;
    if (w.pid > 0) {
      if (kill_it) kill(w.pid, SIGKILL);
      waitpid(w.pid, &status, 0);
      w.pid = -1;
    }
    if (w.to >= 0) close(w.to);
    if (w.from >= 0) close(w.from);
    w.to = w.from = -1;
    return status;
  }

  void handle_line(Worker& w, const std::string& line) {
    const size_t tab = line.find('\t');
    const std::string kind = line.substr(0, tab);
    const std::string rest = tab == std::string::npos ? "" : line.substr(tab + 1);
    if (kind == "HELLO") {
      if (!result_.device) result_.device = claims_from_json(rest);
    } else if (kind == "ERROR") {
      result_.fatal = unescape_field(rest);
    } else if (kind == "RESULT" && w.current) {
      const size_t t1 = rest.find('\t'), t2 = rest.find('\t', t1 + 1);
      const std::optional<Status> status = parse_status(rest.substr(0, t1));
      const double seconds = std::stod(rest.substr(t1 + 1, t2 - t1 - 1));
      const size_t index = *w.current;
      w.current.reset();
      record(index, status.value_or(Status::Fail), unescape_field(rest.substr(t2 + 1)), seconds);
      assign(w);
    }
  }

  void died(size_t slot) {
    Worker& w = workers_[slot];
    const int status = stop(w, false);
    if (w.current) {
      const double seconds = std::chrono::duration<double>(Clock::now() - w.started).count();
      std::string why = WIFSIGNALED(status)
                            ? "the worker died with " + signal_text(WTERMSIG(status))
                            : fmt::format("the worker exited with status {}", WEXITSTATUS(status));
      record(*w.current, Status::Crash, why + " while running the case", seconds);
    }
    workers_.erase(workers_.begin() + static_cast<std::ptrdiff_t>(slot));
    start_worker();
  }

  void timed_out(size_t slot) {
    Worker& w = workers_[slot];
    stop(w, true);
    record(*w.current, Status::Timeout,
           fmt::format("no result within {} s; the worker was killed", config_.timeout_seconds),
           config_.timeout_seconds);
    workers_.erase(workers_.begin() + static_cast<std::ptrdiff_t>(slot));
    start_worker();
  }

  void step() {
    const auto now = Clock::now();
    const auto limit =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(config_.timeout_seconds));
    int wait_ms = 1000;
    for (size_t i = 0; i < workers_.size(); ++i) {
      if (!workers_[i].current) continue;
      const auto left = workers_[i].started + limit - now;
      if (left <= Clock::duration::zero()) return timed_out(i);
      wait_ms = std::min<int>(
          wait_ms, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count()) + 1);
    }
    if (workers_.empty()) {
      if (next_ < names_.size()) start_worker();
      return;
    }
    std::vector<pollfd> fds;
    for (const Worker& w : workers_) fds.push_back({w.from, POLLIN, 0});
    if (poll(fds.data(), fds.size(), wait_ms) <= 0) return;
    for (size_t i = fds.size(); i-- > 0;) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Worker& w = workers_[i];
      char chunk[65536];
      const ssize_t n = read(w.from, chunk, sizeof chunk);
      if (n <= 0) {
        died(i);
        continue;
      }
      w.buffer.append(chunk, static_cast<size_t>(n));
      size_t eol;
      while ((eol = w.buffer.find('\n')) != std::string::npos) {
        const std::string line = w.buffer.substr(0, eol);
        w.buffer.erase(0, eol + 1);
        handle_line(w, line);
      }
    }
  }
};

}  // namespace

PoolResult run_pool(const PoolConfig& config, const std::vector<std::string>& names,
                    const Progress& progress) {
  signal(SIGPIPE, SIG_IGN);  // a worker that died must not take the parent with it
  return Pool(config, names, progress).run();
}

}  // namespace tisa::cts::tool
