#include "drivers/dsa_sim/model/commands.hpp"

#include <fmt/format.h>

#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::dsa {

void Command::add_dep(uint32_t command) {
  if (command == kNoCommand) return;
  for (uint32_t& d : deps) {
    if (d == command) return;
    if (d == kNoCommand) {
      d = command;
      return;
    }
  }
  // Four slots cover every pattern the lowering emits; more would be a lowering bug.
  fail(TISA_INTERNAL, "dsa_sim: command needs more than {} dependency tokens", kMaxDeps);
}

std::string_view engine_name(Engine engine) {
  switch (engine) {
    case Engine::Load: return "load";
    case Engine::Compute: return "compute";
    case Engine::Store: return "store";
  }
  return "?";
}

std::string_view command_kind_name(CommandKind kind) {
  switch (kind) {
    case CommandKind::DmaLoad: return "dma.load";
    case CommandKind::DmaStore: return "dma.store";
    case CommandKind::Matmul: return "matmul";
    case CommandKind::Vector: return "vector";
    case CommandKind::Fence: return "fence";
  }
  return "?";
}

std::string dump_program(const Program& program) {
  std::string out;
  uint32_t inst = UINT32_MAX;
  for (size_t i = 0; i < program.commands.size(); ++i) {
    const Command& c = program.commands[i];
    if (c.kind != CommandKind::Fence && c.inst != inst) {
      inst = c.inst;
      out += fmt::format("; {}\n", inst < program.inst_names.size() ? program.inst_names[inst] : "?");
    }
    out +=
        fmt::format("c{} core{} {:<7} {:<9}", i, c.core, engine_name(c.engine()), command_kind_name(c.kind));
    const char* sram = c.sram == Sram::Scratchpad ? "spad" : "acc";
    switch (c.kind) {
      case CommandKind::DmaLoad:
      case CommandKind::DmaStore:
        out += fmt::format(" {}[b{}] {}x{}B stride {}B", sram, c.bank, c.rows, c.row_bytes, c.stride_bytes);
        if (c.pad_bytes) out += fmt::format(" pad {}B", c.pad_bytes);
        break;
      case CommandKind::Matmul:
        out += fmt::format(" {}x{}x{} acc={} spad[b{}]", c.m, c.n, c.k, c.accumulate ? 1 : 0, c.bank);
        break;
      case CommandKind::Vector: {
        const ir::OpInfo* op = ir::find_op(c.vector_op);
        out += fmt::format(" {} {} elems", op ? op->name : "?", c.elements);
        break;
      }
      case CommandKind::Fence: break;
    }
    bool first = true;
    for (uint32_t d : c.deps) {
      if (d == kNoCommand) continue;
      out += fmt::format("{}c{}", first ? " wait " : ",", d);
      first = false;
    }
    out += '\n';
  }
  return out;
}

}  // namespace tisa::dsa
