// Draft: inputs, symbols and views for generated modules.
#include <algorithm>
#include <numeric>

#include "conformance/cts/module_case.hpp"
#include "hal/ir/error.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {

Draft::Draft(std::string_view name, tisa_extension_mask_t extensions) : rng(seed_of(name)), b(extensions) {}

ir::Expr Draft::symbol(const std::string& name, int64_t upper_bound) {
  for (const auto& [n, e] : symbols_) {
    if (n == name) return e;
  }
  symbols_.emplace_back(name, b.symbol(name, upper_bound));
  return symbols_.back().second;
}

ir::Value Draft::input(ref::HostTensor data, std::vector<ir::Expr> dims) {
  if (dims.empty() && !data.shape.empty()) dims = ir::lits(data.shape);
  const ir::Value v = b.input(data.dtype, std::move(dims), fmt::format("in{}", inputs.size()));
  inputs.push_back(std::move(data));
  return v;
}

ir::Value Draft::input(tisa_dtype_t dtype, const ir::Shape& shape, const Fill& fill,
                       std::vector<ir::Expr> dims) {
  return input(make_values(dtype, shape, fill, rng), std::move(dims));
}

Draft::Pending Draft::declare(tisa_dtype_t dtype, const ir::Shape& target, View view, const Fill& fill) {
  ir::Shape source = target;
  std::vector<ir::Expr> dims;
  const size_t rank = target.size();
  switch (view) {
    case View::None: break;
    case View::Transposed: source.assign(target.rbegin(), target.rend()); break;
    case View::Broadcast:
      if (rank > 0) source[static_cast<size_t>(fill.operand) % rank] = 1;
      break;
    case View::Sliced:
      for (int64_t& d : source) d = 2 * d + 1;
      break;
    case View::Windowed:
      if (rank != 2 || target[0] < 1) invalid("a windowed view needs a rank-2 target with rows");
      source = {(target[0] - 1) * 2 + target[1]};
      break;
    case View::Symbolic:
      if (rank == 0) invalid("a symbolic view needs rank >= 1");
      dims = ir::lits(source);
      dims[0] = symbol("N");
      break;
  }
  const ir::Value v = input(dtype, source, fill, std::move(dims));
  return {v, view, target, fill.operand};
}

ir::Value Draft::apply(const Pending& p) {
  const size_t rank = p.target.size();
  switch (p.view) {
    case View::None:
    case View::Symbolic: return p.input;
    case View::Transposed: {
      std::vector<int64_t> perm(rank);
      for (size_t i = 0; i < rank; ++i) perm[i] = static_cast<int64_t>(rank - 1 - i);
      return b.transpose(p.input, perm);
    }
    case View::Broadcast: return b.broadcast(p.input, ir::lits(p.target));
    case View::Sliced: {
      std::vector<int64_t> start(rank, 1), stop(rank), step(rank, 2);
      for (size_t i = 0; i < rank; ++i) stop[i] = 2 * p.target[i] + 1;
      return b.slice(p.input, ir::lits(start), ir::lits(stop), step);
    }
    case View::Windowed: return b.window(p.input, {p.target[1]}, {2}, {1});
  }
  return p.input;
}

ModuleCase Draft::finish(std::vector<tisa_opt_level_t> levels, Judge judge) {
  ModuleCase mc;
  mc.module = b.finish();
  mc.inputs = std::move(inputs);
  mc.levels = std::move(levels);
  mc.judge = judge;
  return mc;
}

tisa_extension_mask_t extensions_of(tisa_dtype_t dtype) {
  const tisa_extension_t ext = ir::dtype_extension(dtype);
  return ext == TISA_EXT_BASE ? 0 : TISA_EXT_MASK(ext);
}

std::string profile_of(tisa_extension_mask_t extensions) {
  for (int e = 0; e < TISA_EXT_COUNT_; ++e) {
    if (extensions & TISA_EXT_MASK(e))
      return std::string(ir::extension_name(static_cast<tisa_extension_t>(e)));
  }
  return std::string(kBaseProfile);
}

Case module_case(std::string name, std::function<ModuleCase(Draft&)> body, tisa_opcode_t op,
                 tisa_dtype_t dtype, tisa_extension_mask_t extensions) {
  Case c;
  c.name = std::move(name);
  c.op = op;
  c.dtype = dtype;
  c.extensions = extensions | extensions_of(dtype);
  c.profile = profile_of(c.extensions);
  // An extension's cases belong to the version that specifies it.
  for (int e = 0; e < TISA_EXT_COUNT_; ++e) {
    if (c.extensions & TISA_EXT_MASK(e))
      c.isa_version = std::max(c.isa_version, ir::extension_specified(static_cast<tisa_extension_t>(e)));
  }
  c.build = [name = c.name, body = std::move(body), mask = c.extensions]() {
    Draft draft(name, mask);
    return std::make_shared<const ModuleCase>(body(draft));
  };
  c.run = [build = c.build](const Target& target) { return run_module_case(target, *build()); };
  return c;
}

}  // namespace tisa::cts
