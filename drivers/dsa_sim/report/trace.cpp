#include "drivers/dsa_sim/report/trace.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hal/ir/registry.hpp"

namespace tisa::dsa {

std::string chrome_trace(const Arch& arch, const Program& program, const Timeline& timeline) {
  using nlohmann::json;
  const double us_per_cycle = 1.0 / (arch.clock_ghz * 1000.0);
  json events = json::array();
  for (uint32_t core = 0; core < program.cores; ++core) {
    events.push_back({{"name", "process_name"},
                      {"ph", "M"},
                      {"pid", core},
                      {"args", {{"name", fmt::format("{} core {}", arch.name, core)}}}});
    for (uint32_t e = 0; e < kEngineCount; ++e) {
      events.push_back({{"name", "thread_name"},
                        {"ph", "M"},
                        {"pid", core},
                        {"tid", e},
                        {"args", {{"name", std::string(engine_name(static_cast<Engine>(e)))}}}});
    }
  }
  for (size_t i = 0; i < program.commands.size(); ++i) {
    const Command& c = program.commands[i];
    if (c.kind == CommandKind::Fence) continue;
    const CommandTime& t = timeline.times[i];
    std::string name(command_kind_name(c.kind));
    if (c.kind == CommandKind::Matmul) name = fmt::format("matmul {}x{}x{}", c.m, c.n, c.k);
    if (c.kind == CommandKind::Vector) {
      const ir::OpInfo* op = ir::find_op(c.vector_op);
      name = fmt::format("vector {}", op ? op->name : "?");
    }
    json args = {{"command", i}, {"cycles", t.end - t.start}};
    if (c.inst < program.inst_names.size()) args["instruction"] = program.inst_names[c.inst];
    events.push_back({{"name", name},
                      {"ph", "X"},
                      {"pid", c.core},
                      {"tid", static_cast<uint32_t>(c.engine())},
                      {"ts", static_cast<double>(t.start) * us_per_cycle},
                      {"dur", static_cast<double>(t.end - t.start) * us_per_cycle},
                      {"args", args}});
  }
  return json{{"traceEvents", events}, {"displayTimeUnit", "ns"}}.dump();
}

}  // namespace tisa::dsa
