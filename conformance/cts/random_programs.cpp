// Seeded random well-typed programs: a pool of values grows by random ops (elementwise float and
// integer ops, movement, reductions feeding broadcasts, select on integer compares, matmul with a
// constant weight). Float ops are continuous ones only, and integer values never depend on float
// values, so a conforming device stays within the program bound and integer outputs are exact.
// Float values stay near unit scale (inputs in [-1, 1], integers scaled by 2^-31, sin and exp of
// tanh), so that no intermediate is far larger than the outputs it cancels into.
#include <fmt/format.h>

#include "conformance/cts/program_cases.hpp"

namespace tisa::cts {
namespace {

using ir::lits;
using ir::Value;
constexpr tisa_dtype_t F32 = TISA_DTYPE_F32;
constexpr tisa_dtype_t I32 = TISA_DTYPE_I32;
constexpr int64_t kMaxElements = 4096;

struct Item {
  Value v;
  tisa_dtype_t dtype;
  ir::Shape shape;
};

class Generator {
 public:
  explicit Generator(Draft& d) : d_(d) {}

  void run() {
    const ir::Shape s0 = random_shape();
    const int float_inputs = static_cast<int>(d_.rng.range(1, 3));
    for (int i = 0; i < float_inputs; ++i) {
      const ir::Shape s = d_.rng.chance(0.7) ? s0 : random_shape();
      add({d_.input(F32, s, Fill{Values::Unit}), F32, s});
    }
    add({d_.input(I32, s0, Fill{Values::Random}), I32, s0});
    const int steps = static_cast<int>(d_.rng.range(5, 14));
    for (int i = 0; i < steps; ++i) step();
    d_.b.output(pool_.back().v);
    const Item& other = pool_[static_cast<size_t>(d_.rng.range(0, static_cast<int64_t>(pool_.size()) - 2))];
    if (other.v.id != pool_.back().v.id) d_.b.output(other.v);
  }

 private:
  Draft& d_;
  std::vector<Item> pool_;

  void add(Item item) { pool_.push_back(std::move(item)); }
  ir::Builder& b() { return d_.b; }

  ir::Shape random_shape() {
    ir::Shape s(static_cast<size_t>(d_.rng.range(1, 3)));
    for (int64_t& dim : s) dim = d_.rng.range(1, 7);
    return s;
  }

  const Item* pick(tisa_dtype_t dtype, const ir::Shape* shape = nullptr) {
    std::vector<const Item*> c;
    for (const Item& it : pool_) {
      if (it.dtype == dtype && (!shape || it.shape == *shape)) c.push_back(&it);
    }
    if (c.empty()) return nullptr;
    return c[static_cast<size_t>(d_.rng.range(0, static_cast<int64_t>(c.size()) - 1))];
  }

  Value constant_like(const Item& it, double lo, double hi) {
    return b().fill(it.dtype, lits(it.shape),
                    it.dtype == F32 ? d_.rng.uniform(lo, hi) : static_cast<double>(d_.rng.range(-3, 9)));
  }

  void step() {
    switch (d_.rng.range(0, 7)) {
      case 0: return float_unary();
      case 1: return float_binary();
      case 2:
      case 3: return movement();
      case 4: return reduce_broadcast();
      case 5: return integer_op();
      case 6: return select_op();
      default: return matmul_op();
    }
  }

  void float_unary() {
    const Item* x = pick(F32);
    if (!x) return;
    static constexpr tisa_opcode_t ops[] = {TISA_OP_TANH, TISA_OP_SIN, TISA_OP_NEG, TISA_OP_ABS, TISA_OP_ERF};
    const tisa_opcode_t op = ops[d_.rng.range(0, 4)];
    Value v = x->v;
    if (op == TISA_OP_ERF && d_.rng.chance(0.5)) {
      v = b().unary(TISA_OP_EXP, b().unary(TISA_OP_TANH, v));  // exp of a bounded argument
    } else if (op == TISA_OP_SIN) {
      v = b().unary(TISA_OP_SIN, b().unary(TISA_OP_TANH, v));  // sin is ill-conditioned at large |x|
    } else {
      v = b().unary(op, v);
    }
    add({v, F32, x->shape});
  }

  void float_binary() {
    const Item* x = pick(F32);
    if (!x) return;
    const Item xi = *x;
    const Item* y = pick(F32, &xi.shape);
    static constexpr tisa_opcode_t ops[] = {TISA_OP_ADD, TISA_OP_MUL, TISA_OP_MAX, TISA_OP_MIN, TISA_OP_SUB};
    const tisa_opcode_t op = ops[d_.rng.range(0, 4)];
    const Value rhs = y && y->v.id != xi.v.id ? y->v : constant_like(xi, -2.0, 2.0);
    add({b().binary(op, xi.v, rhs), F32, xi.shape});
  }

  void integer_op() {
    const Item* x = pick(I32);
    if (!x) return;
    const Item xi = *x;
    if (d_.rng.chance(0.3)) {  // into the float world, scaled into [-1, 1]
      const Value f = b().cast(xi.v, F32);
      add({b().mul(f, b().fill(F32, lits(xi.shape), 0x1p-31)), F32, xi.shape});
      return;
    }
    static constexpr tisa_opcode_t ops[] = {TISA_OP_ADD, TISA_OP_MUL, TISA_OP_XOR, TISA_OP_MAX, TISA_OP_SHR};
    const Item* y = pick(I32, &xi.shape);
    const Value rhs = y && d_.rng.chance(0.5) ? y->v : constant_like(xi, 0, 0);
    add({b().binary(ops[d_.rng.range(0, 4)], xi.v, rhs), I32, xi.shape});
  }

  void select_op() {
    const Item* a = pick(I32);
    if (!a) return;
    const Item ai = *a;
    const Item* x = pick(F32, &ai.shape);
    if (!x) return;
    const Item xi = *x;
    const Item* y = pick(F32, &ai.shape);
    const Value cond = b().binary(TISA_OP_LT, ai.v, constant_like(ai, 0, 0));
    add({b().select(cond, xi.v, y ? y->v : constant_like(xi, -1.0, 1.0)), F32, ai.shape});
  }

  void reduce_broadcast() {
    const Item* x = pick(d_.rng.chance(0.8) ? F32 : I32);
    if (!x) return;
    const Item xi = *x;
    const int64_t axis = d_.rng.range(0, static_cast<int64_t>(xi.shape.size()) - 1);
    const tisa_opcode_t op = d_.rng.chance(0.5) ? TISA_OP_REDUCE_SUM : TISA_OP_REDUCE_MAX;
    const Value r = b().reduce(op, xi.v, {axis}, true);
    add({b().broadcast(r, lits(xi.shape)), xi.dtype, xi.shape});
  }

  void matmul_op() {
    const Item* x = pick(F32);
    if (!x || x->shape.size() != 2) return movement();
    const Item xi = *x;
    const int64_t n = d_.rng.range(1, 6);
    const ref::HostTensor w = make_values(F32, {xi.shape[1], n}, Fill{Values::Unit}, d_.rng);
    const Value wv = b().constant(F32, {xi.shape[1], n}, std::span<const uint8_t>(w.data));
    add({b().matmul(xi.v, wv, F32), F32, {xi.shape[0], n}});
  }

  void movement() {
    const Item* x = d_.rng.chance(0.75) ? pick(F32) : pick(I32);
    if (!x) return;
    const Item xi = *x;
    const size_t rank = xi.shape.size();
    const int64_t count = ir::element_count(xi.shape);
    switch (d_.rng.range(0, 6)) {
      case 0: {  // transpose
        std::vector<int64_t> perm(rank);
        for (size_t i = 0; i < rank; ++i) perm[i] = static_cast<int64_t>(i);
        for (size_t i = rank; i > 1; --i)
          std::swap(perm[i - 1], perm[static_cast<size_t>(d_.rng.range(0, static_cast<int64_t>(i) - 1))]);
        ir::Shape s(rank);
        for (size_t i = 0; i < rank; ++i) s[i] = xi.shape[static_cast<size_t>(perm[i])];
        return add({b().transpose(xi.v, perm), xi.dtype, s});
      }
      case 1:  // reverse
        return add(
            {b().reverse(xi.v, {d_.rng.range(0, static_cast<int64_t>(rank) - 1)}), xi.dtype, xi.shape});
      case 2: {  // reshape: flatten, or split the flat size
        ir::Shape s = {count};
        if (count % 2 == 0 && d_.rng.chance(0.5)) s = {2, count / 2};
        return add({b().reshape(xi.v, lits(s)), xi.dtype, s});
      }
      case 3: {  // slice
        std::vector<int64_t> start(rank), stop(rank), step(rank);
        ir::Shape s(rank);
        for (size_t i = 0; i < rank; ++i) {
          start[i] = d_.rng.range(0, xi.shape[i] - 1);
          stop[i] = d_.rng.range(start[i] + 1, xi.shape[i]);
          step[i] = d_.rng.range(1, 2);
          s[i] = (stop[i] - start[i] + step[i] - 1) / step[i];
        }
        return add({b().slice(xi.v, lits(start), lits(stop), step), xi.dtype, s});
      }
      case 4: {  // pad
        if (count * 4 > kMaxElements) return;
        std::vector<int64_t> low(rank), high(rank);
        ir::Shape s(rank);
        for (size_t i = 0; i < rank; ++i) {
          low[i] = d_.rng.range(0, 2);
          high[i] = d_.rng.range(0, 2);
          s[i] = low[i] + xi.shape[i] + high[i];
        }
        return add({b().pad(xi.v, lits(low), lits(high), xi.dtype == F32 ? 0.5 : 3.0), xi.dtype, s});
      }
      case 5: {  // concat with a same-shaped value
        if (count * 2 > kMaxElements) return;
        const Item* y = pick(xi.dtype, &xi.shape);
        const int64_t axis = d_.rng.range(0, static_cast<int64_t>(rank) - 1);
        ir::Shape s = xi.shape;
        s[static_cast<size_t>(axis)] *= 2;
        return add({b().concat({xi.v, y ? y->v : xi.v}, axis), xi.dtype, s});
      }
      default: {  // broadcast a new leading dim
        if (count * 3 > kMaxElements || rank >= 4) return;
        ir::Shape s = xi.shape;
        s.insert(s.begin(), 3);
        return add({b().broadcast(xi.v, lits(s)), xi.dtype, s});
      }
    }
  }
};

}  // namespace

ModuleCase random_program(std::string_view seed_name, tisa_opt_level_t level) {
  Draft d(seed_name);
  Generator(d).run();
  return d.finish({level}, Judge::Program);
}

std::vector<Case> random_program_cases() {
  std::vector<Case> out;
  for (int n = 0; n < kRandomProgramCount; ++n) {
    for (tisa_opt_level_t level : {TISA_OPT_O0, TISA_OPT_O2}) {
      const std::string seed_name = fmt::format("random.{}", n);
      Case c;
      c.name = fmt::format("{}.O{}", seed_name, static_cast<int>(level));
      c.build = [seed_name, level]() {
        return std::make_shared<const ModuleCase>(random_program(seed_name, level));
      };
      c.run = [build = c.build](const Target& target) { return run_module_case(target, *build()); };
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace tisa::cts
