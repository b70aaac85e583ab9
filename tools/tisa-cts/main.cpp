// tisa-cts: the TISA conformance suite's runner. Selects cases, runs them in worker processes
// against one driver's device, applies the expected failures, and writes the summary, the JSON
// report, JUnit XML and (on request) a submission bundle. Exit status 1 on an unexpected Fail,
// Crash or Timeout, or when no case ran.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "conformance/cts/catalog.hpp"
#include "tools/tisa-cts/bundle.hpp"
#include "tools/tisa-cts/options.hpp"
#include "tools/tisa-cts/pool.hpp"
#include "tools/tisa-cts/worker.hpp"

using namespace tisa::cts;
using namespace tisa::cts::tool;

namespace {

std::string read_text(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read the {} file {}", what, path));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path));
}

// Cases by profile, extensions, filters and the mustpass list, in catalog (or list) order.
std::vector<std::string> select_cases(const Options& o, std::vector<std::string>& unknown) {
  std::set<std::string> profiles;
  if (!o.run.profile.empty()) profiles.insert(o.run.profile);
  for (const std::string& e : o.run.extensions) profiles.insert(e);
  const auto wanted = [&](const Case& c) {
    if (o.run.isa_version != 0 && c.isa_version > o.run.isa_version) return false;
    const auto in_any = [&c, &profiles] {
      return std::any_of(profiles.begin(), profiles.end(),
                         [&c](const std::string& p) { return in_subject(c, p); });
    };
    if (profiles.empty() ? c.profile == kSelfTestProfile && o.run.filters.empty() : !in_any()) return false;
    if (o.run.filters.empty()) return true;
    for (const std::string& g : o.run.filters) {
      if (glob_match(g, c.name)) return true;
    }
    return false;
  };
  std::vector<std::string> out;
  if (!o.run.mustpass.empty()) {
    std::istringstream in(read_text(o.run.mustpass, "mustpass"));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const Case* c = find_case(line);
      if (!c)
        unknown.push_back(line);
      else if (wanted(*c))
        out.push_back(line);
    }
    return out;
  }
  for (const Case& c : all_cases()) {
    if (wanted(c)) out.push_back(c.name);
  }
  return out;
}

int run_main(const Options& o, const std::string& command_line) {
  std::vector<std::string> unknown;
  const std::vector<std::string> names = select_cases(o, unknown);
  if (o.list) {
    for (const std::string& n : names) std::cout << n << '\n';
    return 0;
  }
  if (names.empty() && unknown.empty()) {
    std::cerr << "tisa-cts: no case matches the selection: zero cases run is a failure\n";
    return 1;
  }
  PoolConfig config;
  config.executable = "/proc/self/exe";
  config.arguments = worker_arguments(o);
  config.jobs = o.run.jobs;
  config.timeout_seconds = o.run.timeout_seconds;
  const bool tty = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  int fails = 0;
  const Progress progress = [&](size_t done, size_t total, const CaseResult& last) {
    if (is_failure(last.status)) ++fails;
    if (!tty) return;
    std::string name = last.name.size() > 60 ? last.name.substr(0, 57) + "..." : last.name;
    std::fprintf(stderr, "\r\x1b[K[%zu/%zu] %d failing  %s", done, total, fails, name.c_str());
    std::fflush(stderr);
  };
  PoolResult pool = run_pool(config, names, progress);
  if (tty) std::fprintf(stderr, "\r\x1b[K");
  Run run;
  run.options = o.run;
  run.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!pool.fatal.empty()) {
    std::cerr << "tisa-cts: " << pool.fatal << "\n";
    run.results.clear();
  } else {
    run.results = std::move(pool.results);
  }
  if (pool.device) run.device = *pool.device;
  for (const std::string& n : unknown)
    run.results.push_back(
        {n, Status::Fail, "listed in the mustpass file but not in this suite version", 0.0});
  if (!o.run.expected_failures.empty()) {
    apply_expected_failures(run.results,
                            parse_expected_failures(read_text(o.run.expected_failures, "expected-failures")));
  }
  if (!o.run.profile.empty() || !o.run.extensions.empty()) {
    if (!o.run.profile.empty()) run.subjects.push_back(o.run.profile);
    for (const std::string& e : o.run.extensions) run.subjects.push_back(e);
  } else {
    run.subjects = all_subjects();
  }
  if (!o.report.empty()) write_text(o.report, report_json(run));
  if (!o.junit.empty()) write_text(o.junit, junit_xml(run));
  if (!o.bundle.empty()) write_bundle(o.bundle, run, command_line);
  if (!o.quiet) {
    for (const CaseResult& r : run.results) {
      if (is_failure(r.status) || r.status == Status::Stale) {
        std::cout << status_name(r.status) << ": " << r.name << ": " << r.message << "\n";
      }
    }
    std::cout << summary_text(run);
  }
  if (!pool.fatal.empty()) return 1;
  return exit_status(run.results);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::optional<Options> o = parse_options(argc, argv);
    if (!o) {
      std::cout << usage();
      return 0;
    }
    if (o->worker) return run_worker(*o);
    std::string command_line;
    for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
    return run_main(*o, command_line);
  } catch (const std::exception& e) {
    std::cerr << "tisa-cts: " << e.what() << "\n"
              << (std::string(e.what()).find("argument") != std::string::npos ? usage() : "");
    return 2;
  }
}
