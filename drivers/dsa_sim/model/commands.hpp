// The accelerator's machine code: per-core command streams for decoupled load / compute /
// store engines (TVM VTA), over a scratchpad and an accumulator (Gemmini). A command waits on
// dependency tokens (earlier commands, usually of another engine) before it starts.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tisa::dsa {

enum class Engine : uint8_t { Load = 0, Compute = 1, Store = 2 };
constexpr uint32_t kEngineCount = 3;

enum class CommandKind : uint8_t {
  DmaLoad,   // DRAM -> scratchpad, 2-D strided, zero padding added per row
  DmaStore,  // scratchpad or accumulator -> DRAM, 2-D strided
  Matmul,    // one GEMM tile on the systolic array into the accumulator
  Vector,    // an elementwise / reduction / index op on the vector unit
  Fence,     // waits until every engine of every core is idle
};

enum class Sram : uint8_t { Scratchpad, Accumulator };

constexpr uint32_t kMaxDeps = 4;
constexpr uint32_t kNoCommand = UINT32_MAX;

struct Command {
  CommandKind kind = CommandKind::Fence;
  uint16_t core = 0;
  uint8_t bank = 0;              // bank of the SRAM buffer it touches
  Sram sram = Sram::Scratchpad;  // DMA: the on-chip side
  uint32_t inst = 0;             // the TISA instruction it lowers
  std::array<uint32_t, kMaxDeps> deps{kNoCommand, kNoCommand, kNoCommand, kNoCommand};
  // DMA: rows x row_bytes read at stride_bytes, each row padded with pad_bytes of zeros.
  uint64_t rows = 0, row_bytes = 0, stride_bytes = 0, pad_bytes = 0;
  // Matmul: tile dims, the element size of A/B and of the accumulator, accumulate flag.
  uint32_t m = 0, n = 0, k = 0;
  uint8_t elem_bytes = 0, acc_bytes = 0;
  bool accumulate = false;
  // Vector: the TISA opcode it computes, elements processed, bytes read and written.
  uint32_t vector_op = 0;
  uint64_t elements = 0, read_bytes = 0, write_bytes = 0;

  Engine engine() const {
    switch (kind) {
      case CommandKind::DmaLoad: return Engine::Load;
      case CommandKind::DmaStore: return Engine::Store;
      default: return Engine::Compute;
    }
  }
  uint64_t dma_bytes() const { return rows * (row_bytes + pad_bytes); }
  void add_dep(uint32_t command);  // ignores kNoCommand and duplicates
};

struct Program {
  uint32_t cores = 1;
  std::vector<Command> commands;
  std::vector<std::string> inst_names;  // by instruction index, e.g. "%5 = matmul"
};

std::string_view engine_name(Engine engine);
std::string_view command_kind_name(CommandKind kind);
// One line per command, e.g. "c7 core0 compute matmul 64x64x128 acc=1 wait c5,c6".
std::string dump_program(const Program& program);

}  // namespace tisa::dsa
