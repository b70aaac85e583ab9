#include "conformance/cts/judge.hpp"

#include <cmath>
#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "conformance/cts/flush.hpp"
#include "conformance/cts/numerics.hpp"
#include "hal/ir/bind.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts {
namespace {

constexpr int kMaxReported = 3;

const ir::Inst* producer(const ir::Module& m, ir::ValueId v) {
  return m.is_input(v) ? nullptr : &m.insts[v - m.inputs.size()];
}

bool bounded(const ir::Module& m, ir::ValueId v) {
  const ir::Inst* inst = producer(m, v);
  if (!inst || !ir::dtype_is_float(inst->type.dtype)) return false;
  const ir::OpInfo* op = ir::find_op(inst->op);
  return op && ir::numerics_bounded(op->numerics);
}

std::string element_text(const ref::HostTensor& t, int64_t i) {
  const double v = load_double(t, i);
  if (t.dtype == TISA_DTYPE_F32) {
    uint32_t bits;
    std::memcpy(&bits, t.data.data() + i * 4, 4);
    return fmt::format("{:.9g} (0x{:08x})", v, bits);
  }
  if (t.dtype == TISA_DTYPE_F16 || t.dtype == TISA_DTYPE_BF16) {
    uint16_t bits;
    std::memcpy(&bits, t.data.data() + i * 2, 2);
    return fmt::format("{:.6g} (0x{:04x})", v, bits);
  }
  if (t.dtype == TISA_DTYPE_I64) {
    int64_t x;
    std::memcpy(&x, t.data.data() + i * 8, 8);
    return fmt::format("{}", x);
  }
  return fmt::format("{:.17g}", v);
}

// Terms (dot) or factors (product) per output element of inst.
int64_t terms_of(const ir::Module& m, const ir::Inst& inst, const std::vector<ir::Shape>& shapes,
                 ir::ValueId result) {
  const ir::OpInfo* op = ir::find_op(inst.op);
  const ir::Shape& first = shapes[inst.operands[0]];
  if (op && op->shape_rule == TISA_SHAPE_RULE_MATMUL) return first.empty() ? 0 : first.back();
  if (op && op->shape_rule == TISA_SHAPE_RULE_SCAN) {  // the longest prefix: the whole axis
    const auto axis = static_cast<size_t>(inst.attrs[static_cast<size_t>(ir::attr_index(*op, "axis"))].i);
    return axis < first.size() ? first[axis] : 0;
  }
  const int64_t out = ir::element_count(shapes[result]);
  const int64_t in = ir::element_count(first);
  if (out == 0) return 0;
  return in / out;
}

struct Failures {
  int count = 0;
  std::string text;
  void add(const std::string& what) {
    if (count++ < kMaxReported) text += (text.empty() ? "" : "; ") + what;
  }
};

// The references an output may match: the case's, and on a flushing device also those computed
// from its inputs with subnormals read as zeros.
using Alternatives = std::vector<const References*>;
Alternatives alternatives(const References& r, bool may_flush) {
  Alternatives alts{&r};
  if (may_flush && r.flushed) alts.push_back(r.flushed.get());
  return alts;
}

// A flushing device may write a subnormal result as a zero of the same sign.
bool flushed_result(tisa_dtype_t dtype, double got, double want) {
  return got == 0.0 && std::signbit(got) == std::signbit(want) && is_subnormal(dtype, want);
}

// bitwise: the op copies bits, so NaN payloads must match too (spec 4.1).
void judge_exact(const ref::HostTensor& got, size_t k, const Alternatives& alts, bool may_flush, bool bitwise,
                 const std::string& what, Failures& f) {
  const ref::HostTensor& want = alts[0]->exact[k];
  const size_t size = ir::dtype_size(want.dtype);
  const bool is_float = ir::dtype_is_float(want.dtype);
  const int64_t n = ir::element_count(want.shape);
  for (int64_t i = 0; i < n; ++i) {
    bool ok = false;
    for (const References* a : alts) {
      const ref::HostTensor& w = a->exact[k];
      const uint8_t* a_bits = got.data.data() + i * size;
      const uint8_t* b_bits = w.data.data() + i * size;
      ok = (bitwise ? std::memcmp(a_bits, b_bits, size) == 0 : exact_equal(want.dtype, a_bits, b_bits)) ||
           (may_flush && is_float && flushed_result(want.dtype, load_double(got, i), load_double(w, i)));
      if (ok) break;
    }
    if (!ok) {
      f.add(fmt::format("{} {}: got {}, expected exactly {}", what, index_text(want.shape, i),
                        element_text(got, i), element_text(want, i)));
    }
  }
}

// The oracle's view of element i of output k: its operands and the extras of its numerics mode.
ElementContext element_context(const References& r, size_t k, int64_t i, int64_t terms,
                               std::vector<double>& operands) {
  const OracleExtras& e = r.oracle->extras[k];
  ElementContext c;
  operands.resize(e.operands.size());
  for (size_t j = 0; j < e.operands.size(); ++j)
    operands[j] = load_double(r.ref64[static_cast<size_t>(e.operands[j])], i);
  c.operands = operands;
  if (e.sum_finite >= 0) c.sum_finite = load_double(r.ref64[static_cast<size_t>(e.sum_finite)], i);
  if (e.p_big >= 0) c.p_big = load_double(r.ref64[static_cast<size_t>(e.p_big)], i);
  if (e.p_small >= 0) c.p_small = load_double(r.ref64[static_cast<size_t>(e.p_small)], i);
  c.terms =
      e.terms >= 0 ? static_cast<int64_t>(load_double(r.ref64[static_cast<size_t>(e.terms)], i)) : terms;
  return c;
}

void judge_bounded(const ir::Module& m, size_t k, const Alternatives& alts, const ref::HostTensor& got,
                   bool may_flush, const std::string& what, Failures& f) {
  const ir::ValueId v = m.outputs[k];
  const ir::Inst& inst = *producer(m, v);
  const ir::OpInfo& op = *ir::find_op(inst.op);
  const Numerics numerics{op.numerics, op.bound_a, op.bound_b};
  const FloatFormat& format = *float_format(got.dtype);
  const int64_t terms = terms_of(m, inst, alts[0]->shapes, v);
  const int64_t n = ir::element_count(alts[0]->ref64[k].shape);
  std::vector<double> operands;
  for (int64_t i = 0; i < n; ++i) {
    const double out = load_double(got, i);
    std::optional<std::string> first_why;
    bool ok = false;
    for (const References* a : alts) {
      const ElementContext c = element_context(*a, k, i, terms, operands);
      const double ref = load_double(a->ref64[k], i);
      auto why = check_bounded(numerics, out, ref, c, format);
      // A zero of the right sign, where the result may be subnormal: the device flushed it.
      if (why && may_flush && out == 0.0 && std::signbit(out) == std::signbit(ref) &&
          (is_subnormal(got.dtype, ref) ||
           !check_bounded(numerics, std::copysign(format.least_normal() - format.least_subnormal(), ref), ref,
                          c, format))) {
        why.reset();
      }
      if (!why) {
        ok = true;
        break;
      }
      if (!first_why) first_why = std::move(why);
    }
    if (!ok) {
      f.add(fmt::format("{} {}: got {}, reference {:.17g}: {}", what, index_text(alts[0]->ref64[k].shape, i),
                        element_text(got, i), load_double(alts[0]->ref64[k], i), *first_why));
    }
  }
}

// Weight of the program bound: 1 per bounded float op, n for one summing or multiplying n terms.
double program_weight(const ir::Module& m, const std::vector<ir::Shape>& shapes) {
  double weight = 0.0;
  for (size_t i = 0; i < m.insts.size(); ++i) {
    const ir::ValueId v = static_cast<ir::ValueId>(m.inputs.size() + i);
    if (!bounded(m, v)) continue;
    const ir::OpInfo* op = ir::find_op(m.insts[i].op);
    const bool sums = op->numerics == TISA_NUMERICS_DOT || op->numerics == TISA_NUMERICS_PRODUCT;
    weight += sums ? std::max<double>(1.0, static_cast<double>(terms_of(m, m.insts[i], shapes, v))) : 1.0;
  }
  return std::max(weight, 1.0);
}

void judge_program(const ref::HostTensor& got, size_t k, const Alternatives& alts, bool may_flush,
                   double bound, const std::string& what, Failures& f) {
  const ref::HostTensor& want = alts[0]->ref64[k];
  const int64_t n = ir::element_count(want.shape);
  double scale = 0x1p-126, worst = 0.0;
  int64_t worst_at = -1;
  for (int64_t i = 0; i < n; ++i) {
    const double ref = load_double(want, i);
    if (std::isfinite(ref)) scale = std::max(scale, std::fabs(ref));
  }
  for (int64_t i = 0; i < n; ++i) {
    const double out = load_double(got, i);
    double err = INFINITY;  // the least over the alternatives
    bool special_mismatch = true;
    for (const References* a : alts) {
      const double ref = load_double(a->ref64[k], i);
      if (std::isnan(ref) || std::isinf(ref) || std::isnan(out) || std::isinf(out)) {
        if (std::isnan(ref) ? std::isnan(out) : out == ref) special_mismatch = false, err = 0.0;
        continue;
      }
      special_mismatch = false;
      err = std::min(err,
                     may_flush && flushed_result(got.dtype, out, ref) ? 0.0 : std::fabs(out - ref) / scale);
    }
    if (special_mismatch) {
      f.add(fmt::format("{} {}: got {}, reference {:.17g}: NaN and infinities must match", what,
                        index_text(want.shape, i), element_text(got, i), load_double(want, i)));
      continue;
    }
    if (err > worst) worst = err, worst_at = i;
  }
  if (worst > bound) {
    f.add(fmt::format(
        "{} {}: got {}, reference {:.17g}: normalized error {:.3g} exceeds the program bound {:.3g}", what,
        index_text(want.shape, worst_at), element_text(got, worst_at), load_double(want, worst_at), worst,
        bound));
  }
}

}  // namespace

std::string index_text(const ir::Shape& shape, int64_t linear) {
  std::vector<int64_t> index(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    if (shape[d] > 0) {
      index[d] = linear % shape[d];
      linear /= shape[d];
    }
  }
  return fmt::format("[{}]", fmt::join(index, ", "));
}

bool needs_oracle(const ModuleCase& mc) {
  for (size_t k = 0; k < mc.module.outputs.size(); ++k) {
    const ir::ValueId v = mc.module.outputs[k];
    if (mc.judge == Judge::Program ? ir::dtype_is_float(mc.module.value_type(v).dtype)
                                   : bounded(mc.module, v)) {
      return true;
    }
  }
  return false;
}

References compute_references(const ModuleCase& mc, bool device_flushes) {
  References r;
  r.exact = ref::evaluate(mc.module, mc.inputs);
  std::vector<ir::Shape> input_shapes;
  for (const ref::HostTensor& t : mc.inputs) input_shapes.push_back(t.shape);
  r.shapes = ir::resolve_all(mc.module, ir::bind_symbols(mc.module, input_shapes));
  if (needs_oracle(mc)) {
    r.oracle = promote_to_f64(mc.module, mc.inputs, mc.judge == Judge::PerOp);
    r.ref64 = ref::evaluate(r.oracle->module, r.oracle->inputs);
  }
  r.device_flushes = device_flushes;
  if (device_flushes && has_subnormals(mc.inputs)) {
    ModuleCase flushed{mc.module, flush_subnormals(mc.inputs), mc.levels, mc.judge};
    r.flushed = std::make_shared<const References>(compute_references(flushed, false));
  }
  return r;
}

std::optional<std::string> judge_outputs(const ModuleCase& mc, const References& r,
                                         std::span<const ref::HostTensor> outputs) {
  const ir::Module& m = mc.module;
  Failures f;
  const double bound = mc.judge == Judge::Program ? program_bound(program_weight(m, r.shapes)) : 0.0;
  for (size_t k = 0; k < m.outputs.size(); ++k) {
    const std::string what = fmt::format("output {}", k);
    const ref::HostTensor& got = outputs[k];
    const bool is_float = ir::dtype_is_float(got.dtype);
    const ir::Inst* inst = producer(m, m.outputs[k]);
    // Only ops that compute may flush; a program's copies may move values its other ops flushed.
    const bool copies = inst != nullptr && copies_bits(*inst);
    const bool may_flush = r.device_flushes && (mc.judge == Judge::Program || (inst != nullptr && !copies));
    const Alternatives alts = alternatives(r, may_flush);
    if (mc.judge == Judge::Program && is_float) {
      judge_program(got, k, alts, may_flush, bound, what, f);
    } else if (mc.judge == Judge::PerOp && bounded(m, m.outputs[k])) {
      judge_bounded(m, k, alts, got, may_flush, what, f);
    } else {
      judge_exact(got, k, alts, may_flush, copies && mc.judge == Judge::PerOp, what, f);
    }
  }
  if (f.count == 0) return std::nullopt;
  if (f.count > kMaxReported) f.text += fmt::format(" (and {} more elements)", f.count - kMaxReported);
  return f.text;
}

}  // namespace tisa::cts
