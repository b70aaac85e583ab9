// gather and scatter: every index dtype the registry allows, axes, duplicate and out-of-range
// indices, rank-0 and empty index tensors, every scatter mode.
#include <algorithm>

#include "conformance/cts/op_cases.hpp"

namespace tisa::cts {
namespace {

struct IndexVariant {
  std::string name;
  ir::Shape data;
  ir::Shape indices;
  int64_t axis;
  Values index_values = Values::Index;
  View data_view = View::None;
  int64_t index_limit_override = 0;  // dup: indices drawn from [0, 2)
};

std::vector<IndexVariant> gather_variants() {
  return {
      {"axis0", {5, 4}, {3}, 0},
      {"axis1", {3, 6}, {2, 3}, 1},
      {"oob", {5, 4}, {12}, 0, Values::IndexOob},
      {"oob.axis1", {3, 6}, {4, 2}, 1, Values::IndexOob},
      {"rank0.indices", {5, 4}, {}, 0},
      {"empty.indices", {5, 4}, {0}, 0},
      {"empty.data", {0, 4}, {3}, 0, Values::IndexOob},
      {"large", {300, 230}, {270}, 0},
      {"symbolic", {7, 4}, {5}, 0, Values::Index, View::Symbolic},
      {"transposed", {6, 5}, {4}, 1, Values::Index, View::Transposed},
  };
}

std::vector<IndexVariant> scatter_variants() {
  return {
      {"axis0", {6, 4}, {5}, 0},
      {"axis1", {3, 7}, {4}, 1},
      {"dup", {6, 4}, {9}, 0, Values::Index, View::None, 2},
      {"oob", {6, 4}, {10}, 0, Values::IndexOob},
      {"rank0.indices", {6, 4}, {}, 0},
      {"empty.indices", {6, 4}, {0}, 0},
  };
}

// updates shape = data[:axis] + indices + data[axis+1:]
ir::Shape updates_shape(const ir::Shape& data, const ir::Shape& indices, int64_t axis) {
  ir::Shape s(data.begin(), data.begin() + axis);
  s.insert(s.end(), indices.begin(), indices.end());
  s.insert(s.end(), data.begin() + axis + 1, data.end());
  return s;
}

ModuleCase build(Draft& d, const ir::OpInfo& op, tisa_dtype_t t, tisa_dtype_t index_dtype,
                 const IndexVariant& v, int64_t mode, Values values) {
  const int64_t limit = v.index_limit_override ? v.index_limit_override : v.data[static_cast<size_t>(v.axis)];
  const Draft::Pending data = d.declare(t, v.data, v.data_view, Fill{values, 0, 3});
  const ir::Value indices = d.input(index_dtype, v.indices, Fill{v.index_values, 0, 1, limit});
  const bool scatter = op.shape_rule == TISA_SHAPE_RULE_SCATTER;
  ir::Value updates{};
  if (scatter) updates = d.input(t, updates_shape(v.data, v.indices, v.axis), Fill{values, 2, 3});
  const ir::Value x = d.apply(data);
  if (scatter) {
    d.b.output(
        d.b.op(op.opcode, {x, indices, updates}, {ir::Attr::integer(v.axis), ir::Attr::enumeration(mode)}));
  } else {
    d.b.output(d.b.op(op.opcode, {x, indices}, {ir::Attr::integer(v.axis)}));
  }
  if (v.data_view == View::Transposed) return d.finish({TISA_OPT_O0, TISA_OPT_O2});
  return d.finish();
}

}  // namespace

void add_indexing_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  const bool scatter = op.shape_rule == TISA_SHAPE_RULE_SCATTER;
  const Values values = ir::dtype_is_float(t) ? Values::Special : Values::MinMax;
  for (tisa_dtype_t index_dtype : base_dtypes()) {
    if (!ir::mask_has(op.i_mask, index_dtype)) continue;
    const std::string prefix = dtype_name(index_dtype) + ".";
    if (!scatter) {
      for (const IndexVariant& v : gather_variants()) {
        out.push_back(module_case(
            op_case_name(op, t, prefix + v.name),
            [&op, t, index_dtype, v, values](Draft& d) { return build(d, op, t, index_dtype, v, 0, values); },
            op.opcode, t));
      }
      continue;
    }
    for (size_t mode = 0; mode < op.enum_values.size(); ++mode) {
      const std::string mode_name(op.enum_values[mode]);
      for (const IndexVariant& v : scatter_variants()) {
        const Values update_values = v.name == "dup" || v.name == "oob" ? Values::Random : values;
        out.push_back(module_case(
            op_case_name(op, t, prefix + mode_name + "." + v.name),
            [&op, t, index_dtype, v, mode, update_values](Draft& d) {
              return build(d, op, t, index_dtype, v, static_cast<int64_t>(mode), update_values);
            },
            op.opcode, t));
        // A mode added by a minor version (an extension dtype's case may already be newer).
        out.back().isa_version = std::max(out.back().isa_version, op.enum_since[mode]);
      }
    }
  }
}

}  // namespace tisa::cts
