// The lowering walks the module in order and appends, per instruction, the commands of its
// tiles, distributed round-robin over the cores. Dependency tokens:
//   load -> compute  (operands are in the scratchpad),
//   compute -> load  (a scratchpad slot is free again: double buffering),
//   compute -> store (results are ready), store -> compute (an accumulator slot is free),
//   store -> load    (across instructions: a value is in DRAM before a consumer reads it).
// Values live in DRAM between instructions (no fusion across them). On several cores an
// instruction ends with a fence: a consumer may read what any core wrote.
#include "drivers/dsa_sim/model/lower.hpp"

#include <algorithm>
#include <vector>

#include "drivers/dsa_sim/model/systolic.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"
#include "hal/ir/verifier.hpp"

namespace tisa::dsa {
namespace {

uint64_t ceil_div(uint64_t a, uint64_t b) {
  return b == 0 ? 0 : (a + b - 1) / b;
}

bool array_supports(tisa_dtype_t dtype) {
  // The array multiplies up to 32-bit values; f64 and i64 GEMMs run on the vector unit.
  return dtype != TISA_DTYPE_F64 && dtype != TISA_DTYPE_I64;
}

class Lowerer {
 public:
  Lowerer(const Arch& arch, const LowerOptions& options)
      : arch_(arch), options_(options), slot_cursor_(arch.cores, 0), acc_cursor_(arch.cores, 0) {
    program_.cores = arch.cores;
    spad_war_.assign(arch.cores * 2, kNoCommand);
    acc_war_.assign(arch.cores * 2, kNoCommand);
  }

  Program take() {
    if (!program_.commands.empty()) emit_fence();
    return std::move(program_);
  }

  void set_inst(uint32_t inst) { inst_ = inst; }
  std::vector<std::string>& names() { return program_.inst_names; }

  // Appends the tiles of a GEMM; returns the token that says the result is in DRAM.
  uint32_t gemm(uint64_t batch, uint64_t m, uint64_t n, uint64_t k, uint32_t eb, uint32_t ab,
                uint32_t out_bytes, uint32_t ready_a, uint32_t ready_b) {
    const GemmTiling t =
        options_.whole_gemms ? GemmTiling{m, n, k} : choose_gemm_tiling(arch_, m, n, k, eb, ab);
    const uint64_t tiles_m = ceil_div(m, t.tm), tiles_n = ceil_div(n, t.tn), tiles_k = ceil_div(k, t.tk);
    uint64_t tile = 0;
    std::vector<uint32_t> last_store(arch_.cores, kNoCommand);
    for (uint64_t b = 0; b < batch; ++b) {
      for (uint64_t i = 0; i < tiles_m; ++i) {
        for (uint64_t j = 0; j < tiles_n; ++j, ++tile) {
          const uint16_t core = static_cast<uint16_t>(tile % arch_.cores);
          const uint64_t tm = std::min(t.tm, m - i * t.tm), tn = std::min(t.tn, n - j * t.tn);
          const uint32_t acc_slot = core * 2 + (acc_cursor_[core]++ % 2);
          uint32_t last_mm = kNoCommand;
          for (uint64_t kk = 0; kk < tiles_k; ++kk) {
            const uint64_t tk = std::min(t.tk, k - kk * t.tk);
            const uint32_t slot = next_slot(core);
            Command a = dma(CommandKind::DmaLoad, core, slot, tm, tk * eb, k * eb);
            a.add_dep(ready_a);
            a.add_dep(spad_war_[slot]);
            const uint32_t ia = push(a);
            Command bc = dma(CommandKind::DmaLoad, core, slot, tk, tn * eb, n * eb);
            bc.add_dep(ready_b);
            bc.add_dep(spad_war_[slot]);
            const uint32_t ib = push(bc);
            Command mm = base(CommandKind::Matmul, core);
            mm.bank = static_cast<uint8_t>((slot % 2) % arch_.scratchpad_banks);
            mm.m = static_cast<uint32_t>(tm), mm.n = static_cast<uint32_t>(tn),
            mm.k = static_cast<uint32_t>(tk);
            mm.elem_bytes = static_cast<uint8_t>(eb), mm.acc_bytes = static_cast<uint8_t>(ab);
            mm.accumulate = kk > 0;
            mm.add_dep(ia);
            mm.add_dep(ib);
            if (kk == 0) mm.add_dep(acc_war_[acc_slot]);
            last_mm = push(mm);
            spad_war_[slot] = last_mm;
          }
          Command st = dma(CommandKind::DmaStore, core, acc_slot % 2, tm, tn * out_bytes, n * out_bytes);
          st.sram = Sram::Accumulator;
          st.bank = static_cast<uint8_t>((acc_slot % 2) % arch_.accumulator_banks);
          st.add_dep(last_mm);
          last_store[core] = push(st);
          acc_war_[acc_slot] = last_store[core];
        }
      }
    }
    return finish(last_store);
  }

  // Appends a vector-unit op in chunks: loads of each operand, the op, the store of its share.
  uint32_t vector(uint32_t opcode, std::span<const uint64_t> operand_bytes, std::span<const uint32_t> ready,
                  uint64_t elements, uint64_t out_bytes) {
    uint64_t total = out_bytes;
    for (uint64_t b : operand_bytes) total += b;
    // Double-buffered: one chunk's operands and result take at most half the scratchpad.
    uint64_t chunks = std::max<uint64_t>(1, ceil_div(total * 2, arch_.scratchpad_bytes));
    chunks = std::max<uint64_t>(chunks, std::min<uint64_t>(arch_.cores, elements));
    chunks = std::min<uint64_t>(chunks, std::max<uint64_t>(1, elements));
    std::vector<uint32_t> last_store(arch_.cores, kNoCommand);
    for (uint64_t c = 0; c < chunks; ++c) {
      const uint16_t core = static_cast<uint16_t>(c % arch_.cores);
      const uint32_t slot = next_slot(core);
      Command op = base(CommandKind::Vector, core);
      op.bank = static_cast<uint8_t>((slot % 2) % arch_.scratchpad_banks);
      op.vector_op = opcode;
      op.elements = share(elements, chunks, c);
      for (size_t i = 0; i < operand_bytes.size(); ++i) {
        const uint64_t bytes = share(operand_bytes[i], chunks, c);
        op.read_bytes += bytes;
        if (bytes == 0) continue;
        Command ld = dma(CommandKind::DmaLoad, core, slot, 1, bytes, bytes);
        ld.add_dep(ready[i]);
        ld.add_dep(spad_war_[slot]);
        op.add_dep(push(ld));
      }
      op.write_bytes = share(out_bytes, chunks, c);
      const uint32_t iop = push(op);
      spad_war_[slot] = iop;
      if (op.write_bytes == 0) continue;
      Command st = dma(CommandKind::DmaStore, core, slot, 1, op.write_bytes, op.write_bytes);
      st.add_dep(iop);
      last_store[core] = push(st);
      spad_war_[slot] = last_store[core];
    }
    return finish(last_store);
  }

  // Appends a data movement done by the DMA engines alone: strided loads (rows x row_bytes,
  // padded) into the scratchpad and a dense store of the result.
  uint32_t movement(std::span<const Command> loads, std::span<const uint32_t> ready, uint64_t out_bytes) {
    uint64_t total = out_bytes;
    for (const Command& l : loads) total += l.dma_bytes();
    const uint64_t chunks = std::max<uint64_t>(1, ceil_div(total * 2, arch_.scratchpad_bytes));
    std::vector<uint32_t> last_store(arch_.cores, kNoCommand);
    for (uint64_t c = 0; c < chunks; ++c) {
      const uint16_t core = static_cast<uint16_t>(c % arch_.cores);
      const uint32_t slot = next_slot(core);
      Command st = dma(CommandKind::DmaStore, core, slot, 1, share(out_bytes, chunks, c), 0);
      st.stride_bytes = st.row_bytes;
      uint32_t last_load = kNoCommand;
      for (size_t i = 0; i < loads.size(); ++i) {
        Command ld = loads[i];
        ld.core = core;
        ld.inst = inst_;
        ld.bank = static_cast<uint8_t>((slot % 2) % arch_.scratchpad_banks);
        ld.rows = share(ld.rows, chunks, c);
        if (ld.rows == 0) continue;
        ld.add_dep(ready[i]);
        ld.add_dep(spad_war_[slot]);
        last_load = push(ld);
      }
      if (st.row_bytes == 0) continue;
      // The loads run in order on one engine and finish in order: the last implies the others.
      st.add_dep(last_load);
      last_store[core] = push(st);
      spad_war_[slot] = last_store[core];
    }
    return finish(last_store);
  }

 private:
  static uint64_t share(uint64_t total, uint64_t parts, uint64_t index) {
    return total / parts + (index < total % parts ? 1 : 0);
  }

  uint32_t next_slot(uint16_t core) { return core * 2 + (slot_cursor_[core]++ % 2); }

  Command base(CommandKind kind, uint16_t core) const {
    Command c;
    c.kind = kind;
    c.core = core;
    c.inst = inst_;
    return c;
  }

  Command dma(CommandKind kind, uint16_t core, uint32_t slot, uint64_t rows, uint64_t row_bytes,
              uint64_t stride) const {
    Command c = base(kind, core);
    c.bank = static_cast<uint8_t>((slot % 2) % arch_.scratchpad_banks);
    c.rows = rows;
    c.row_bytes = row_bytes;
    c.stride_bytes = stride;
    return c;
  }

  uint32_t push(const Command& c) {
    program_.commands.push_back(c);
    return static_cast<uint32_t>(program_.commands.size() - 1);
  }

  void emit_fence() {
    Command f = base(CommandKind::Fence, 0);
    push(f);
  }

  // The token a consumer waits on: the one core's last store, or a fence after all of them.
  uint32_t finish(const std::vector<uint32_t>& last_store) {
    uint32_t only = kNoCommand;
    uint32_t count = 0;
    for (uint32_t s : last_store) {
      if (s != kNoCommand) ++count, only = s;
    }
    if (count <= 1) return only;
    emit_fence();
    return static_cast<uint32_t>(program_.commands.size() - 1);
  }

  const Arch& arch_;
  LowerOptions options_;
  Program program_;
  uint32_t inst_ = 0;
  std::vector<uint32_t> slot_cursor_, acc_cursor_;
  std::vector<uint32_t> spad_war_, acc_war_;  // per (core, slot): the last command reading it
};

uint64_t bytes_of(const ir::Module& module, std::span<const ir::Shape> shapes, ir::ValueId v) {
  return static_cast<uint64_t>(ir::element_count(shapes[v])) * ir::dtype_size(module.value_type(v).dtype);
}

// The strided load that reads operand v for a movement op producing `out` (row = last dim).
Command movement_load(const ir::Module& module, const ir::Inst& inst, std::span<const ir::Shape> shapes,
                      ir::ValueId v, const ir::Shape& out) {
  Command c;
  c.kind = CommandKind::DmaLoad;
  const uint64_t esize = ir::dtype_size(module.value_type(v).dtype);
  const ir::Shape& in = shapes[v];
  const uint64_t in_elems = static_cast<uint64_t>(ir::element_count(in));
  const uint64_t out_elems = static_cast<uint64_t>(ir::element_count(out));
  const uint64_t in_row = in.empty() ? 1 : static_cast<uint64_t>(in.back());
  const uint64_t out_row = out.empty() ? 1 : static_cast<uint64_t>(out.back());
  switch (inst.op) {
    case TISA_OP_TRANSPOSE:
      // Element-granular gather: the last axis moves unless the permutation keeps it.
      c.rows = out_elems, c.row_bytes = esize, c.stride_bytes = in_row * esize;
      break;
    case TISA_OP_SLICE:
      c.rows = out_row ? out_elems / out_row : 0, c.row_bytes = out_row * esize,
      c.stride_bytes = in_row * esize;
      break;
    case TISA_OP_PAD:
      c.rows = in_row ? in_elems / in_row : 0, c.row_bytes = in_row * esize, c.stride_bytes = in_row * esize;
      c.pad_bytes = (out_row - std::min(out_row, in_row)) * esize;
      break;
    case TISA_OP_WINDOW:
      // Overlapping windows re-read their rows: the DMA reads each output row once.
      c.rows = out_row ? out_elems / out_row : 0, c.row_bytes = out_row * esize,
      c.stride_bytes = in_row * esize;
      break;
    default:  // broadcast, concat, reverse: each input row once
      c.rows = in_row ? in_elems / in_row : 0, c.row_bytes = in_row * esize, c.stride_bytes = in_row * esize;
      break;
  }
  return c;
}

// The tile sizes tried along one dim: whole array widths, doubling, and the whole dim.
std::vector<uint64_t> tile_sizes(uint64_t full, uint64_t step) {
  std::vector<uint64_t> sizes;
  for (uint64_t s = step; s < full; s *= 2) sizes.push_back(s);
  sizes.push_back(std::max<uint64_t>(full, 1));
  return sizes;
}

// The estimated cycles of a tiling: the longer of one core's array time and the DRAM time of
// all operand reloads (A once per column of tiles, B once per row), plus the first tile's
// load and compute that nothing overlaps.
double tiling_cost(const Arch& arch, uint64_t m, uint64_t n, uint64_t k, uint32_t eb, uint32_t ab,
                   const GemmTiling& t) {
  const uint64_t tiles_m = ceil_div(m, t.tm), tiles_n = ceil_div(n, t.tn), tiles_k = ceil_div(k, t.tk);
  const double tile_cycles =
      static_cast<double>(systolic_gemm(arch.rows, arch.cols, arch.dataflow, t.tm, t.tn, t.tk).cycles + 1);
  const double per_core =
      static_cast<double>(ceil_div(tiles_m * tiles_n, arch.cores) * tiles_k) * tile_cycles;
  const double dram_bytes = static_cast<double>((m * k * tiles_n + k * n * tiles_m) * eb + m * n * ab);
  const double first = tile_cycles +
                       static_cast<double>((t.tm * t.tk + t.tk * t.tn) * eb) / arch.dma_bytes_per_cycle +
                       arch.dram_latency;
  return std::max(per_core, dram_bytes / arch.dma_bytes_per_cycle) + first;
}

}  // namespace

GemmTiling choose_gemm_tiling(const Arch& arch, uint64_t m, uint64_t n, uint64_t k, uint32_t eb,
                              uint32_t ab) {
  const uint64_t spad = arch.scratchpad_bytes / 2, acc = arch.accumulator_bytes / 2;
  auto fits = [&](const GemmTiling& t) {
    return (t.tm * t.tk + t.tk * t.tn) * eb <= spad && t.tm * t.tn * ab <= acc;
  };
  // The cheapest tiling by the cost model among those that fit.
  GemmTiling best;
  double best_cost = 0;
  for (uint64_t tm : tile_sizes(m, arch.rows)) {
    for (uint64_t tn : tile_sizes(n, arch.cols)) {
      for (uint64_t tk = std::max<uint64_t>(k, 1);; tk = ceil_div(tk, 2)) {
        const GemmTiling t{tm, tn, tk};
        if (fits(t)) {
          const double cost = tiling_cost(arch, m, n, k, eb, ab, t);
          if (best.tm == 0 || cost < best_cost) best = t, best_cost = cost;
        }
        if (tk == 1) break;
      }
    }
  }
  if (best.tm) return best;
  // SRAMs smaller than one array-sized tile: shrink until a tile fits.
  GemmTiling t{std::max<uint64_t>(1, std::min<uint64_t>(m, arch.rows)),
               std::max<uint64_t>(1, std::min<uint64_t>(n, arch.cols)), 1};
  while (!fits(t) && (t.tm > 1 || t.tn > 1)) {
    if (t.tm >= t.tn)
      t.tm = ceil_div(t.tm, 2);
    else
      t.tn = ceil_div(t.tn, 2);
  }
  return t;
}

Program lower_gemm(const Arch& arch, uint64_t batch, uint64_t m, uint64_t n, uint64_t k, uint32_t elem_bytes,
                   uint32_t acc_bytes, const LowerOptions& options) {
  Lowerer lowerer(arch, options);
  lowerer.names().push_back(fmt::format("gemm {}x{}x{} batch {}", m, n, k, batch));
  if (batch && m && n && k) {
    lowerer.gemm(batch, m, n, k, elem_bytes, acc_bytes, acc_bytes, kNoCommand, kNoCommand);
  }
  return lowerer.take();
}

Program lower_module(const Arch& arch, const ir::Module& module, std::span<const ir::Shape> shapes,
                     const LowerOptions& options) {
  Lowerer lowerer(arch, options);
  std::vector<uint32_t> ready(module.value_count(), kNoCommand);  // by value: "it is in DRAM"
  for (uint32_t i = 0; i < module.insts.size(); ++i) {
    const ir::Inst& inst = module.insts[i];
    const ir::ValueId id = static_cast<ir::ValueId>(module.inputs.size() + i);
    const ir::OpInfo* op = ir::find_op(inst.op);
    lowerer.names().push_back(ir::describe(module, id));
    lowerer.set_inst(i);
    const ir::Shape& out = shapes[id];
    const uint64_t out_elems = static_cast<uint64_t>(ir::element_count(out));
    const uint64_t out_bytes = bytes_of(module, shapes, id);
    std::vector<uint64_t> operand_bytes;
    std::vector<uint32_t> operand_ready;
    uint64_t in_elems = 0;
    for (ir::ValueId v : inst.operands) {
      operand_bytes.push_back(bytes_of(module, shapes, v));
      operand_ready.push_back(ready[v]);
      in_elems = std::max<uint64_t>(in_elems, static_cast<uint64_t>(ir::element_count(shapes[v])));
    }
    if (inst.op == TISA_OP_CONSTANT) continue;  // module data is in DRAM before the launch
    if (inst.op == TISA_OP_RESHAPE || inst.op == TISA_OP_BITCAST) {
      ready[id] = ready[inst.operands[0]];  // the same bytes, viewed anew
      continue;
    }
    if (out_elems == 0) continue;
    const tisa_dtype_t in_dtype =
        inst.operands.empty() ? inst.type.dtype : module.value_type(inst.operands[0]).dtype;
    if (inst.op == TISA_OP_MATMUL) {
      const ir::Shape& a = shapes[inst.operands[0]];
      if (a.size() < 2 || out.size() < 2) {
        fail(TISA_INTERNAL, "dsa_sim: {} has operands of rank below 2", ir::describe(module, id));
      }
      const uint64_t m = static_cast<uint64_t>(a[a.size() - 2]), k = static_cast<uint64_t>(a.back());
      const uint64_t n = static_cast<uint64_t>(out.back());
      const uint64_t batch = m && n ? out_elems / (m * n) : 0;
      const uint32_t eb = static_cast<uint32_t>(ir::dtype_size(in_dtype));
      const uint32_t ob = static_cast<uint32_t>(ir::dtype_size(inst.type.dtype));
      if (k > 0 && array_supports(in_dtype) && array_supports(inst.type.dtype)) {
        ready[id] = lowerer.gemm(batch, m, n, k, eb, std::max<uint32_t>(ob, 4), ob, operand_ready[0],
                                 operand_ready[1]);
      } else {
        // An empty contraction is a fill; 64-bit products run as MACs on the vector lanes.
        ready[id] = lowerer.vector(inst.op, operand_bytes, operand_ready,
                                   std::max<uint64_t>(out_elems * k, out_elems), out_bytes);
      }
      continue;
    }
    if (op && op->group == TISA_GROUP_MOVEMENT) {
      std::vector<Command> loads;
      for (ir::ValueId v : inst.operands) loads.push_back(movement_load(module, inst, shapes, v, out));
      ready[id] = lowerer.movement(loads, operand_ready, out_bytes);
      continue;
    }
    // Elementwise, reductions, scans, casts, creation and indexing: the vector unit.
    ready[id] =
        lowerer.vector(inst.op, operand_bytes, operand_ready, std::max(in_elems, out_elems), out_bytes);
  }
  return lowerer.take();
}

}  // namespace tisa::dsa
