#include "conformance/cts/catalog.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>
#include <unordered_map>

#include "conformance/cts/api_cases.hpp"
#include "conformance/cts/negative_cases.hpp"
#include "conformance/cts/op_cases.hpp"
#include "conformance/cts/program_cases.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {
namespace {

// Cases that misbehave on purpose, to test the runner's isolation.
std::vector<Case> selftest_cases() {
  const auto make = [](const char* name, Outcome (*run)(const Target&)) {
    Case c;
    c.name = std::string("selftest.") + name;
    c.profile = std::string(kSelfTestProfile);
    c.run = run;
    return c;
  };
  return {
      make("pass",
           [](const Target&) {
             return Outcome{Status::Pass, ""};
           }),
      make("fail",
           [](const Target&) {
             return Outcome{Status::Fail, "fails on purpose"};
           }),
      make("crash",
           [](const Target&) -> Outcome {
             // The default action, not a sanitizer's handler, so the worker really dies of it.
             std::signal(SIGSEGV, SIG_DFL);
             std::raise(SIGSEGV);
             return {Status::Pass, ""};
           }),
      make("hang",
           [](const Target&) -> Outcome {
             for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
           }),
      make("after",
           [](const Target&) {
             return Outcome{Status::Pass, ""};
           }),
  };
}

struct Catalog {
  std::vector<Case> cases;
  std::unordered_map<std::string_view, size_t> by_name;

  Catalog() {
    for (auto* family : {&op_cases, &program_cases, &random_program_cases, &negative_cases, &api_cases}) {
      for (Case& c : family()) cases.push_back(std::move(c));
    }
    const char* selftest = std::getenv("TISA_CTS_SELFTEST");
    if (selftest && std::string_view(selftest) == "1") {
      for (Case& c : selftest_cases()) cases.push_back(std::move(c));
    }
    for (size_t i = 0; i < cases.size(); ++i) by_name.emplace(cases[i].name, i);
  }
};

const Catalog& catalog() {
  static const Catalog c;
  return c;
}

}  // namespace

const std::vector<Case>& all_cases() {
  return catalog().cases;
}

bool in_subject(const Case& c, std::string_view subject) {
  if (c.profile == subject) return true;
  const std::optional<tisa_extension_t> ext = ir::find_extension(subject);
  return ext && (c.extensions & TISA_EXT_MASK(*ext)) != 0;
}

const Case* find_case(std::string_view name) {
  const Catalog& c = catalog();
  const auto it = c.by_name.find(name);
  return it == c.by_name.end() ? nullptr : &c.cases[it->second];
}

}  // namespace tisa::cts
