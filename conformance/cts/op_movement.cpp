// Movement ops, one variant table per shape rule: every attribute form, rank 0, empty
// dimensions, symbolic sizes, large tensors, and views feeding the op.
#include "conformance/cts/op_cases.hpp"

namespace tisa::cts {
namespace {

using ir::Expr;
using ir::lits;

struct Variant {
  std::string name;
  std::function<ir::Value(Draft&, const ir::OpInfo&, tisa_dtype_t)> body;
};

Values data_values(tisa_dtype_t t) {
  return ir::dtype_is_float(t) ? Values::Special : Values::MinMax;
}

ir::Value in(Draft& d, tisa_dtype_t t, const ir::Shape& shape) {
  return d.input(t, shape, Fill{Values::Random});
}

// An input whose dim 0 is the symbol N, bound at launch to shape[0].
ir::Value sym_in(Draft& d, tisa_dtype_t t, const ir::Shape& shape) {
  std::vector<Expr> dims = lits(shape);
  dims[0] = d.symbol("N");
  return d.input(t, shape, Fill{Values::Random}, dims);
}

// The pad/fill scalar of a case: a value of the dtype drawn from the case's generator.
double pad_value(Draft& d, tisa_dtype_t t) {
  const ref::HostTensor v = make_values(t, {}, Fill{Values::Random}, d.rng);
  return load_double(v, 0);
}

std::vector<Variant> reshape_variants() {
  auto reshape = [](ir::Shape from, std::vector<int64_t> to) {
    return [from, to](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
      return d.b.reshape(in(d, t, from), lits(to));
    };
  };
  return {
      {"flatten", reshape({3, 4, 5}, {60})},
      {"split", reshape({12}, {3, 4})},
      {"to_rank0", reshape({1, 1}, {})},
      {"from_rank0", reshape({}, {1, 1, 1})},
      {"empty", reshape({0, 4}, {2, 0, 3})},
      {"rank8", reshape({16}, {2, 1, 2, 1, 2, 1, 2, 1})},
      {"large", reshape({263, 257}, {257, 263})},
      {"symbolic",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value x = sym_in(d, t, {5, 4});
         return d.b.reshape(x, {d.symbol("N") * Expr::lit(4)});
       }},
      {"transposed",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value x = in(d, t, {4, 6});
         return d.b.reshape(d.b.transpose(x, {1, 0}), lits(std::vector<int64_t>{3, 8}));
       }},
      {"special",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         return d.b.reshape(d.input(t, {6, 6}, Fill{data_values(t)}), lits(std::vector<int64_t>{4, 9}));
       }},
  };
}

std::vector<Variant> transpose_variants() {
  auto transpose = [](ir::Shape from, std::vector<int64_t> perm) {
    return [from, perm](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
      return d.b.transpose(in(d, t, from), perm);
    };
  };
  return {
      {"2d", transpose({4, 6}, {1, 0})},
      {"rank3", transpose({3, 4, 5}, {2, 0, 1})},
      {"rank4", transpose({2, 3, 4, 5}, {1, 3, 0, 2})},
      {"rank8", transpose({2, 1, 3, 1, 2, 1, 2, 1}, {7, 6, 5, 4, 3, 2, 1, 0})},
      {"identity", transpose({3, 4}, {0, 1})},
      {"rank0", transpose({}, {})},
      {"empty", transpose({0, 3}, {1, 0})},
      {"large", transpose({263, 257}, {1, 0})},
      {"symbolic",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         return d.b.transpose(sym_in(d, t, {7, 5}), {1, 0});
       }},
      {"special",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         return d.b.transpose(d.input(t, {5, 8}, Fill{data_values(t)}), {1, 0});
       }},
  };
}

std::vector<Variant> broadcast_variants() {
  auto broadcast = [](ir::Shape from, std::vector<int64_t> to) {
    return [from, to](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
      return d.b.broadcast(in(d, t, from), lits(to));
    };
  };
  return {
      {"scalar", broadcast({}, {3, 4})},
      {"rank3", broadcast({4, 1}, {2, 4, 5})},
      {"same", broadcast({3, 4}, {3, 4})},
      {"size1", broadcast({1}, {1})},
      {"empty", broadcast({1, 3}, {0, 3})},
      {"rank8", broadcast({2, 1}, {2, 1, 2, 1, 2, 1, 2, 3})},
      {"large", broadcast({1, 257}, {263, 257})},
      {"symbolic",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value x = sym_in(d, t, {6});
         return d.b.broadcast(x, {Expr::lit(3), d.symbol("N")});
       }},
      {"sliced",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value x = in(d, t, {5, 1});
         return d.b.broadcast(
             d.b.slice(x, lits(std::vector<int64_t>{1, 0}), lits(std::vector<int64_t>{4, 1}), {1, 1}),
             lits(std::vector<int64_t>{2, 3, 4}));
       }},
  };
}

std::vector<Variant> slice_variants() {
  auto slice = [](ir::Shape from, std::vector<int64_t> start, std::vector<int64_t> stop,
                  std::vector<int64_t> step) {
    return [=](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
      return d.b.slice(in(d, t, from), lits(start), lits(stop), step);
    };
  };
  return {
      {"step1", slice({7, 9}, {1, 2}, {6, 8}, {1, 1})},
      {"step3", slice({10, 11}, {0, 1}, {10, 11}, {3, 2})},
      {"empty", slice({5, 4}, {3, 0}, {3, 4}, {1, 1})},
      {"full", slice({5, 4}, {0, 0}, {5, 4}, {1, 1})},
      {"rank0", slice({}, {}, {}, {})},
      {"large", slice({263, 257}, {1, 1}, {262, 256}, {1, 2})},
      {"symbolic",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value x = sym_in(d, t, {9, 5});
         const Expr n = d.symbol("N");
         return d.b.slice(x, lits(std::vector<int64_t>{1, 0}), {n - Expr::lit(1), Expr::lit(5)}, {2, 1});
       }},
      {"transposed",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value x = d.b.transpose(in(d, t, {6, 8}), {1, 0});
         return d.b.slice(x, lits(std::vector<int64_t>{1, 1}), lits(std::vector<int64_t>{7, 5}), {2, 1});
       }},
  };
}

std::vector<Variant> pad_variants() {
  auto pad = [](ir::Shape from, std::vector<int64_t> low, std::vector<int64_t> high) {
    return [=](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
      const ir::Value x = in(d, t, from);
      return d.b.pad(x, lits(low), lits(high), pad_value(d, t));
    };
  };
  std::vector<Variant> v = {
      {"2d", pad({3, 4}, {1, 0}, {2, 3})},
      {"zero", pad({3, 4}, {0, 0}, {0, 0})},
      {"empty.input", pad({0, 3}, {1, 0}, {1, 2})},
      {"rank0", pad({}, {}, {})},
      {"rank3", pad({2, 3, 2}, {0, 2, 1}, {1, 0, 3})},
      {"large", pad({261, 255}, {1, 1}, {1, 1})},
      {"symbolic",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value x = sym_in(d, t, {6, 3});
         const Expr n = d.symbol("N");
         return d.b.pad(x, lits(std::vector<int64_t>{1, 1}), {n, Expr::lit(0)}, pad_value(d, t));
       }},
  };
  v.push_back({"special.value", [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
                 const ir::Value x = in(d, t, {2, 3});
                 const double value = ir::dtype_is_float(t)
                                          ? -0.0
                                          : load_double(make_values(t, {}, Fill{Values::MinMax}, d.rng), 0);
                 return d.b.pad(x, lits(std::vector<int64_t>{2, 1}), lits(std::vector<int64_t>{0, 2}), value);
               }});
  return v;
}

std::vector<Variant> concat_variants() {
  auto concat = [](std::vector<ir::Shape> shapes, int64_t axis) {
    return [=](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
      std::vector<ir::Value> xs;
      for (const ir::Shape& s : shapes) xs.push_back(in(d, t, s));
      return d.b.concat(xs, axis);
    };
  };
  std::vector<ir::Shape> many(40, ir::Shape{1, 2});
  return {
      {"axis0.two", concat({{2, 3}, {4, 3}}, 0)},
      {"axis1.three", concat({{3, 1}, {3, 4}, {3, 2}}, 1)},
      {"one", concat({{5}}, 0)},
      {"empty.operand", concat({{2, 0}, {2, 3}, {2, 0}}, 1)},
      {"many", concat(many, 0)},
      {"large", concat({{150, 230}, {151, 230}}, 0)},
      {"symbolic",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value a = sym_in(d, t, {5, 3});
         const ir::Value b = in(d, t, {2, 3});
         return d.b.concat({a, b, a}, 0);
       }},
      {"special",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value a = d.input(t, {4, 5}, Fill{data_values(t)});
         const ir::Value b = d.input(t, {4, 2}, Fill{data_values(t), 1, 2});
         return d.b.concat({a, b}, 1);
       }},
  };
}

std::vector<Variant> reverse_variants() {
  auto reverse = [](ir::Shape from, std::vector<int64_t> axes) {
    return [=](Draft& d, const ir::OpInfo&, tisa_dtype_t t) { return d.b.reverse(in(d, t, from), axes); };
  };
  return {
      {"axis0", reverse({4, 5}, {0})},
      {"axes01", reverse({4, 5}, {0, 1})},
      {"rank3", reverse({3, 4, 5}, {2})},
      {"none", reverse({4, 5}, {})},
      {"rank0", reverse({}, {})},
      {"empty", reverse({0, 3}, {0})},
      {"large", reverse({263, 257}, {1})},
      {"symbolic",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         return d.b.reverse(sym_in(d, t, {7, 3}), {0});
       }},
  };
}

std::vector<Variant> window_variants() {
  auto window = [](ir::Shape from, std::vector<int64_t> size, std::vector<int64_t> stride,
                   std::vector<int64_t> dilation) {
    return [=](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
      return d.b.window(in(d, t, from), size, stride, dilation);
    };
  };
  return {
      {"1d", window({10}, {3}, {1}, {1})},
      {"2d.stride", window({7, 8}, {2, 3}, {2, 1}, {1, 1})},
      {"dilation", window({9}, {3}, {1}, {2})},
      {"stride.dilation", window({6, 11}, {2, 2}, {3, 2}, {2, 3})},
      {"empty", window({2}, {3}, {1}, {1})},
      {"rank4", window({3, 3, 3, 3}, {2, 2, 2, 2}, {1, 1, 1, 1}, {1, 1, 1, 1})},
      {"rank0", window({}, {}, {}, {})},
      {"large", window({70000}, {2}, {1}, {1})},
      {"symbolic", [](Draft& d, const ir::OpInfo&,
                      tisa_dtype_t t) { return d.b.window(sym_in(d, t, {12}), {4}, {3}, {1}); }},
      {"transposed",
       [](Draft& d, const ir::OpInfo&, tisa_dtype_t t) {
         const ir::Value x = d.b.transpose(in(d, t, {6, 5}), {1, 0});
         return d.b.window(x, {2, 3}, {1, 2}, {1, 1});
       }},
  };
}

std::vector<Variant> variants_for(const ir::OpInfo& op) {
  switch (op.shape_rule) {
    case TISA_SHAPE_RULE_RESHAPE: return reshape_variants();
    case TISA_SHAPE_RULE_TRANSPOSE: return transpose_variants();
    case TISA_SHAPE_RULE_BROADCAST: return broadcast_variants();
    case TISA_SHAPE_RULE_SLICE: return slice_variants();
    case TISA_SHAPE_RULE_PAD: return pad_variants();
    case TISA_SHAPE_RULE_CONCAT: return concat_variants();
    case TISA_SHAPE_RULE_REVERSE: return reverse_variants();
    case TISA_SHAPE_RULE_WINDOW: return window_variants();
    default: return {};
  }
}

}  // namespace

void add_movement_cases(const ir::OpInfo& op, tisa_dtype_t t, std::vector<Case>& out) {
  for (Variant& v : variants_for(op)) {
    // Views chained into views are what O2 plans away: run every movement case at O0 and O2.
    out.push_back(module_case(
        op_case_name(op, t, v.name),
        [&op, t, body = std::move(v.body)](Draft& d) {
          d.b.output(body(d, op, t));
          return d.finish({TISA_OPT_O0, TISA_OPT_O2});
        },
        op.opcode, t));
  }
}

}  // namespace tisa::cts
