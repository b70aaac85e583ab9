#include "tools/tisa-cts/bundle.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/cts/version.hpp"

extern char** environ;

namespace tisa::cts::tool {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

int spawn_wait(const std::vector<std::string>& argv, int stdout_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdout_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error(fmt::format("cannot run {}: {}", argv[0], strerror(rc)));
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::string capture(const std::vector<std::string>& argv) {
  char path[] = "/tmp/tisa-cts-capture-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  unlink(path);
  const int rc = spawn_wait(argv, fd);
  std::string out;
  lseek(fd, 0, SEEK_SET);
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  if (rc != 0) throw std::runtime_error(fmt::format("{} exited with status {}", argv[0], rc));
  return out;
}

void write_bundle(const std::string& path, const Run& run, const std::string& command_line) {
  char dir_template[] = "/tmp/tisa-cts-bundle-XXXXXX";
  if (!mkdtemp(dir_template)) throw std::runtime_error("mkdtemp failed");
  const fs::path dir = fs::path(dir_template) / "tisa-cts-submission";
  fs::create_directory(dir);
  try {
    write_file(dir / "report.json", report_json(run));
    write_file(dir / "junit.xml", junit_xml(run));
    write_file(dir / "summary.txt", summary_text(run));
    write_file(
        dir / "suite.json",
        nlohmann::json{{"name", "tisa-cts"},
                       {"version", TISA_CTS_VERSION},
                       {"isa_version", fmt::format("{}.{}", TISA_ISA_VERSION_MAJOR, TISA_ISA_VERSION_MINOR)},
                       {"source_revision", TISA_CTS_SOURCE_REVISION},
                       {"command", command_line}}
                .dump(1) +
            "\n");
    // Device and driver as tisa-info sees them, when it sits next to this program.
    const fs::path info = fs::read_symlink("/proc/self/exe").parent_path() / "tisa-info";
    std::string device_json;
    if (fs::exists(info)) {
      std::vector<std::string> argv = {info.string(), "--json"};
      if (run.options.driver.find('/') != std::string::npos || run.options.driver.ends_with(".json")) {
        argv.push_back("--driver-files");
        argv.push_back(run.options.driver);
      }
      try {
        device_json = capture(argv);
      } catch (const std::exception&) {
      }
    }
    if (device_json.empty()) {
      device_json = nlohmann::json{{"device", nlohmann::json::parse(report_json(run))["device"]},
                                   {"driver", nlohmann::json::parse(report_json(run))["driver"]}}
                        .dump(1) +
                    "\n";
    }
    write_file(dir / "device.json", device_json);
    if (!run.options.expected_failures.empty()) {
      fs::copy_file(run.options.expected_failures, dir / "expected-failures.txt");
    }
    const std::string absolute = fs::absolute(path).string();
    const int rc =
        spawn_wait({"tar", "-czf", absolute, "-C", dir.parent_path().string(), dir.filename().string()}, -1);
    if (rc != 0) throw std::runtime_error(fmt::format("tar exited with status {} writing {}", rc, absolute));
  } catch (...) {
    fs::remove_all(dir.parent_path());
    throw;
  }
  fs::remove_all(dir.parent_path());
}

}  // namespace tisa::cts::tool
