#!/usr/bin/env python3
"""Generates the Vulkan driver's GLSL kernels and its support table from spec/tisa.yaml.

One shader per (kernel family, dtype): the op is a run-time switch on the parameter record, so a
device compiles a handful of pipelines, not one per op. The (op, dtype) pairs come from the
registry's type classes; an op is listed as supported only where this file has an implementation
for the dtype's class (OPS below), so a registry addition shows up as NotSupported until someone
writes its GLSL. Output: <out>/<name>.comp per shader, <out>/shaders.cmake (the list) and
<out>/kernel_table.inc (X-macros read by drivers/vulkan/device.cpp).

usage: gen_shaders.py <spec/tisa.yaml> <output dir>
"""
import os
import sys

import yaml

# dtype -> (compute type, reference type, bytes, class)
DTYPES = {
    "bool": ("uint", "Ref8", 1, "bool"),
    "i8": ("int", "RefI8", 1, "sint"),
    "u8": ("uint", "Ref8", 1, "uint"),
    "i32": ("int", "RefI32", 4, "sint"),
    "i64": ("int64_t", "RefI64", 8, "sint"),
    "f32": ("float", "RefF32", 4, "float"),
}
STORE_TYPE = {"bool": "uint8_t", "i8": "int8_t", "u8": "uint8_t", "i32": "int", "i64": "int64_t", "f32": "float"}
BITS = {"bool": 8, "i8": 8, "u8": 8, "i32": 32, "i64": 64, "f32": 32}
INT_MIN = {"i8": "-128", "u8": "0u", "i32": "(-2147483647 - 1)", "i64": "(-9223372036854775807l - 1l)"}
INT_MAX = {"i8": "127", "u8": "255u", "i32": "2147483647", "i64": "9223372036854775807l"}
# The smallest float at or above MAX + 1 and the float value of MIN: the saturation thresholds.
FLOAT_HI = {"i8": "128.0", "u8": "256.0", "i32": "2147483648.0", "i64": "9223372036854775808.0"}
FLOAT_LO = {"i8": "-128.0", "u8": "0.0", "i32": "-2147483648.0", "i64": "-9223372036854775808.0"}

# Implementations by op and dtype class: GLSL expressions over `a`, `b` (compute type CT),
# W (bits). "f64" marks expressions that need shaderFloat64 (exactly rounded through double).
FLOAT_MAX = "(isnan(a) ? a : isnan(b) ? b : a > b ? a : b > a ? b : ((floatBitsToUint(a) >> 31) != 0u ? b : a))"
FLOAT_MIN = "(isnan(a) ? a : isnan(b) ? b : a < b ? a : b < a ? b : ((floatBitsToUint(a) >> 31) != 0u ? a : b))"
OPS = {
    "neg": {"float": "-a", "sint": "-a", "uint": "(0u - a)"},
    "abs": {"float": "uintBitsToFloat(floatBitsToUint(a) & 0x7fffffffu)", "sint": "(a < CT(0) ? -a : a)", "uint": "a"},
    "sqrt": {"float": ("float(sqrt(double(a)))", "f64")},
    "rsqrt": {"float": ("float(1.0lf / sqrt(double(a)))", "f64")},
    "recip": {"float": ("float(1.0lf / double(a))", "f64")},
    "exp": {"float": ("f_exp(a)", "f64")},
    "expm1": {"float": ("f_expm1(a)", "f64")},
    "log": {"float": ("f_log(a)", "f64")},
    "log1p": {"float": ("f_log1p(a)", "f64")},
    "tanh": {"float": ("f_tanh(a)", "f64")},
    "sin": {"float": ("f_sincos(a, false)", "f64")},
    "cos": {"float": ("f_sincos(a, true)", "f64")},
    "erf": {"float": ("f_erf(a)", "f64")},
    "floor": {"float": "floor(a)"},
    "ceil": {"float": "ceil(a)"},
    "round": {"float": "roundEven(a)"},
    "sign": {"float": "(a > 0.0 ? 1.0 : a < 0.0 ? -1.0 : a)", "sint": "(a > CT(0) ? CT(1) : a < CT(0) ? CT(-1) : CT(0))",
             "uint": "(a > 0u ? 1u : 0u)"},
    "not": {"bool": "(a ^ 1u)", "sint": "(~a)", "uint": "(~a)"},
    "add": {"float": "a + b", "sint": "a + b", "uint": "a + b"},
    "sub": {"float": "a - b", "sint": "a - b", "uint": "a - b"},
    "mul": {"float": "a * b", "sint": "a * b", "uint": "a * b"},
    "div": {"float": ("float(double(a) / double(b))", "f64"),
            "sint": "(b == CT(0) ? CT(-1) : b == CT(-1) ? -a : a / b)", "uint": "(b == 0u ? ~0u : a / b)"},
    "rem": {"float": "f_rem(a, b)", "sint": "(b == CT(0) ? a : b == CT(-1) ? CT(0) : a - (a / b) * b)", "uint": "(b == 0u ? a : a % b)"},
    "pow": {"float": ("f_pow(a, b)", "f64"), "sint": "ipow(a, b)", "uint": "upow(a, b)"},
    "atan2": {"float": ("f_atan2(a, b)", "f64")},
    "max": {"float": FLOAT_MAX, "sint": "max(a, b)", "uint": "max(a, b)"},
    "min": {"float": FLOAT_MIN, "sint": "min(a, b)", "uint": "min(a, b)"},
    "and": {"bool": "(a & b)", "sint": "(a & b)", "uint": "(a & b)"},
    "or": {"bool": "(a | b)", "sint": "(a | b)", "uint": "(a | b)"},
    "xor": {"bool": "(a ^ b)", "sint": "(a ^ b)", "uint": "(a ^ b)"},
    "shl": {"sint": "((b < CT(0) || b >= CT(W)) ? CT(0) : (a << b))", "uint": "(b >= CT(W) ? 0u : (a << b))"},
    "shr": {"sint": "((b < CT(0) || b >= CT(W)) ? (a < CT(0) ? CT(-1) : CT(0)) : (a >> b))",
            "uint": "(b >= CT(W) ? 0u : (a >> b))"},
}
COMPARES = {"eq": "(a == b)", "ne": "!(a == b)", "lt": "(a < b)", "le": "(a <= b)"}
CLASSES_OF = {}  # type class name -> set of dtype names (filled from the registry)


def dtypes_of(op, spec):
    cls = op["types"]["T"]
    return [d for d in DTYPES if d in CLASSES_OF[cls]]


def load_classes(spec):
    for name, members in spec["type_classes"].items():
        out = set()
        for m in members:
            out |= {d["name"] for d in spec["dtypes"] if d["class"] == m or d["name"] == m}
        CLASSES_OF[name] = out


def header(dtype):
    ct, ref, size, _ = DTYPES[dtype]
    return (f"#define CT {ct}\n#define W {BITS[dtype]}\n"
            f"CT ld(uint64_t base, int64_t i) {{ return CT({ref}(base + uint64_t(i) * {size}ul).v); }}\n"
            f"void st(uint64_t base, int64_t i, CT x) {{ {ref}(base + uint64_t(i) * {size}ul).v = {STORE_TYPE[dtype]}(x); }}\n")


POW_HELPERS = """
CT ipow(CT a, CT b) {
  if (b < CT(0)) return a == CT(1) ? CT(1) : a == CT(-1) ? ((b & CT(1)) != CT(0) ? CT(-1) : CT(1)) : CT(0);
  CT r = CT(1);
  while (b != CT(0)) { if ((b & CT(1)) != CT(0)) r *= a; a *= a; b >>= 1; }
  return r;
}
CT upow(CT a, CT b) {
  CT r = CT(1);
  while (b != CT(0)) { if ((b & CT(1)) != CT(0)) r *= a; a *= a; b >>= 1; }
  return r;
}
"""


# exp, expm1, log, log1p, tanh, sin, cos, erf for f32: shaders/float_math.glsl, in double.
FLOAT_HELPERS = '#include "float_math.glsl"\n'
# rem (exact, integer mantissas), pow and atan2 (in double) for f32: shaders/float_math_binary.glsl.
FLOAT_BINARY_HELPERS = '#include "float_math_binary.glsl"\n'


def impl(op_name, dtype):
    entry = OPS.get(op_name, {}).get(DTYPES[dtype][3])
    if entry is None:
        return None, False
    if isinstance(entry, tuple):
        return entry[0], True
    return entry, False


def preamble(extra_f64):
    lines = ["#version 460", '#include "common.glsl"']
    if extra_f64:
        lines.append("#extension GL_ARB_gpu_shader_fp64 : require")
    return "\n".join(lines) + "\n"


def strided_loop(body, inputs):
    """main()'s grid-stride loop over the output elements. `body` uses OFF0.. for the element
    offsets of the inputs (and OFFO for the output's strided position, slot 1 of the copy
    kernel); when every input is dense (aux bits) they are plain `offset + i`."""
    mask = 0
    for k in inputs:
        mask |= 1 << k
    def expand(dense):
        text = body
        for k in inputs:
            text = text.replace(f"OFF{k}", f"(off{k} + i)" if dense else f"input_offset(p, {k}, i)")
        return text
    offs = "".join(f"  const int64_t off{k} = p.offsets[{k}];\n" for k in inputs)
    return f"""  Params p = Params(pc.params);
  const int64_t n = p.count, step = total_invocations();
  const uint64_t out_addr = p.out_addr;
{offs}  const int64_t first = int64_t(gl_GlobalInvocationID.x);
  if ((p.aux & {mask}) == {mask}) {{
    for (int64_t i = first; i < n; i += step) {{
{expand(True)}    }}
  }} else {{
    for (int64_t i = first; i < n; i += step) {{
{expand(False)}    }}
  }}
"""


def elementwise_shader(spec, group, dtype, table):
    cases, uses_f64 = [], False
    for op in spec["ops"]:
        if op["group"] != group or dtype not in dtypes_of(op, spec):
            continue
        name, code = op["name"], op["opcode"]
        if name in COMPARES:
            cases.append(f"      case {code}: rb = {COMPARES[name]}; cmp = true; break;")
            table.append((name, dtype, "binary", False))
            continue
        expr, f64 = impl(name, dtype)
        if expr is None:
            continue
        uses_f64 |= f64
        cases.append(f"      case {code}: r = CT({expr}); break;")
        table.append((name, dtype, group, f64))
    operands = "      const CT a = ld(in0, OFF0);\n"
    inputs = [0]
    if group == "binary":
        operands += "      const CT b = ld(in1, OFF1);\n"
        inputs = [0, 1]
    body = "\n".join(cases)
    loop_body = operands + f"""      CT r = CT(0);
      bool rb = false, cmp = false;
      switch (op) {{
{body}
        default: break;
      }}
      if (cmp) Ref8(out_addr + uint64_t(i)).v = uint8_t(rb ? 1u : 0u);
      else st(out_addr, i, r);
"""
    helpers = POW_HELPERS if DTYPES[dtype][3] in ("sint", "uint") else ""
    if DTYPES[dtype][3] == "float" and group == "unary":
        helpers = FLOAT_HELPERS
    if DTYPES[dtype][3] == "float" and group == "binary":
        helpers = FLOAT_BINARY_HELPERS
    return preamble(uses_f64) + header(dtype) + helpers + f"""
layout(local_size_x = 256) in;
void main() {{
  const uint64_t in0 = Params(pc.params).in_addr[0], in1 = Params(pc.params).in_addr[1];
  const int op = Params(pc.params).op;
{strided_loop(loop_body, inputs)}}}
"""


def select_shader(dtype):
    body = """      const bool c = uint(Ref8(in0 + uint64_t(OFF0)).v) != 0u;
      st(out_addr, i, c ? ld(in1, OFF1) : ld(in2, OFF2));
"""
    return preamble(False) + header(dtype) + f"""
layout(local_size_x = 256) in;
void main() {{
  const uint64_t in0 = Params(pc.params).in_addr[0], in1 = Params(pc.params).in_addr[1];
  const uint64_t in2 = Params(pc.params).in_addr[2];
{strided_loop(body, [0, 1, 2])}}}
"""


def convert_expr(src, dst):
    """GLSL converting `a` (src's compute type) to dst's compute type, by the spec's cast rules."""
    s, d = DTYPES[src][3], DTYPES[dst][3]
    dct = DTYPES[dst][0]
    if src == dst:
        return "a"
    if d == "bool":
        return "((a != CT(0) || isnan(float(a))) ? 1u : 0u)" if s == "float" else "(a != CT(0) ? 1u : 0u)"
    if s == "float" and d in ("sint", "uint"):
        return (f"(isnan(a) ? {dct}(0) : a >= {FLOAT_HI[dst]} ? {dct}({INT_MAX[dst]}) : "
                f"a < {FLOAT_LO[dst]} ? {dct}({INT_MIN[dst]}) : {dct}(a))")
    if d == "float":
        return "float(a)"
    return f"{dct}(a)"


def cast_shader(src, dst):
    sct, sref, ssize, _ = DTYPES[src]
    dct, dref, dsize, _ = DTYPES[dst]
    body = f"""      const CT a = CT({sref}(in0 + uint64_t(OFF0) * {ssize}ul).v);
      {dref}(out_addr + uint64_t(i) * {dsize}ul).v = {STORE_TYPE[dst]}({convert_expr(src, dst)});
"""
    return preamble(False) + f"""#define CT {sct}
layout(local_size_x = 256) in;
void main() {{
  const uint64_t in0 = Params(pc.params).in_addr[0];
{strided_loop(body, [0])}}}
"""


COPY_REF = {1: "Ref8", 4: "Ref32", 8: "Ref64"}
COPY_TYPE = {1: "uint8_t", 4: "uint", 8: "uint64_t"}
LOCAL_TYPE = {1: "uint", 4: "uint", 8: "uint64_t"}  # 8-bit locals need shaderInt8


def copy_shader(size):
    ref = COPY_REF[size]
    copy_body = f"""      {ref}(out_addr + uint64_t(OFF1) * {size}ul).v = {ref}(in0 + uint64_t(OFF0) * {size}ul).v;
"""
    fill_body = f"""      {ref}(out_addr + uint64_t(OFF1) * {size}ul).v = {COPY_TYPE[size]}(bits);
"""
    return preamble(False) + f"""
// A strided copy (every view op, output copies, concat and pad interiors; the destination is
// strided too, slot 1) or, when op == 1, a fill with the raw bits in extra[0].
layout(local_size_x = 256) in;
void copy_elements() {{
  const uint64_t in0 = Params(pc.params).in_addr[0];
{strided_loop(copy_body, [0, 1])}}}
void fill_elements() {{
  const {LOCAL_TYPE[size]} bits = {LOCAL_TYPE[size]}(uint64_t(Params(pc.params).extra[0]));
{strided_loop(fill_body, [1])}}}
void main() {{
  if (Params(pc.params).op == 1) fill_elements();
  else copy_elements();
}}
"""


def iota_shader(dtype):
    return preamble(False) + header(dtype).replace("#define CT", "#define CT_OUT", 0) + f"""
layout(local_size_x = 256) in;
void main() {{
  Params p = Params(pc.params);
  const int axis = int(p.extra[0]);
  for (int64_t i = int64_t(gl_GlobalInvocationID.x); i < p.count; i += total_invocations()) {{
    int64_t rest = i, a = 0;
    for (int d = p.rank - 1; d >= 0; --d) {{
      const int64_t c = rest % p.shape[d];
      rest /= p.shape[d];
      if (d == axis) a = c;
    }}
    st(p.out_addr, i, {convert_from_i64(dtype)});
  }}
}}
"""


def convert_from_i64(dtype):
    return "float(a)" if dtype == "f32" else f"{DTYPES[dtype][0]}(a)"


REDUCE_OPS = {"reduce_sum": 0, "reduce_prod": 1, "reduce_max": 2, "reduce_min": 3, "argmax": 4, "argmin": 5}


def reduce_shader(dtype):
    cls = DTYPES[dtype][3]
    if cls == "float":
        lo, hi = "uintBitsToFloat(0xff800000u)", "uintBitsToFloat(0x7f800000u)"
        mx, mn = FLOAT_MAX, FLOAT_MIN
        nan = "isnan(v)"
        greater, less = "(a > b)", "(a < b)"
    else:
        lo, hi = f"CT({INT_MIN[dtype]})", f"CT({INT_MAX[dtype]})"
        mx, mn, nan = "max(a, b)", "min(a, b)", "false"
    return preamble(False) + header(dtype) + f"""
bool is_nan(CT v) {{ return {nan}; }}
CT combine(int op, CT a, CT b) {{
  switch (op) {{
    case 0: return a + b;
    case 1: return a * b;
    case 2: return {mx};
    default: return {mn};
  }}
}}
CT identity(int op) {{ return op == 0 ? CT(0) : op == 1 ? CT(1) : op == 2 ? {lo} : {hi}; }}
// Does (a, ia) win over (b, ib) for argmax (op 4) / argmin (op 5)? The first NaN, else the
// extreme, else the lower index.
bool arg_wins(int op, CT a, int64_t ia, CT b, int64_t ib) {{
  if (is_nan(a) || is_nan(b)) return is_nan(a) && (!is_nan(b) || ia < ib);
  if (a == b) return ia < ib;
  return op == 4 ? a > b : a < b;
}}

const uint kGroup = 128;
layout(local_size_x = kGroup) in;
shared CT s_val[kGroup];
shared int64_t s_idx[kGroup];

// One workgroup per output element: a strided loop per invocation, then a tree in shared memory.
void main() {{
  Params p = Params(pc.params);
  const uint lid = gl_LocalInvocationID.x;
  const bool arg = p.op >= 4;
  for (int64_t o = int64_t(gl_WorkGroupID.x); o < p.count; o += int64_t(gl_NumWorkGroups.x)) {{
    const int64_t base = input_offset(p, 0, o);
    CT acc = arg ? CT(0) : identity(p.op);
    int64_t idx = -1;
    for (int64_t j = int64_t(lid); j < p.count2; j += int64_t(kGroup)) {{
      const CT v = ld(p.in_addr[0], base + inner_offset(p, j));
      if (arg) {{
        if (idx < 0 || arg_wins(p.op, v, j, acc, idx)) {{ acc = v; idx = j; }}
      }} else {{
        acc = combine(p.op, acc, v);
      }}
    }}
    s_val[lid] = acc;
    s_idx[lid] = idx;
    barrier();
    for (uint half_ = kGroup / 2; half_ > 0; half_ /= 2) {{
      if (lid < half_) {{
        const CT b = s_val[lid + half_];
        const int64_t ib = s_idx[lid + half_];
        if (arg) {{
          if (ib >= 0 && (s_idx[lid] < 0 || arg_wins(p.op, b, ib, s_val[lid], s_idx[lid]))) {{
            s_val[lid] = b;
            s_idx[lid] = ib;
          }}
        }} else {{
          s_val[lid] = combine(p.op, s_val[lid], b);
        }}
      }}
      barrier();
    }}
    if (lid == 0) {{
      if (arg) RefI64(p.out_addr + uint64_t(o) * 8ul).v = s_idx[0];
      else st(p.out_addr, o, s_val[0]);
    }}
    barrier();
  }}
}}
"""


SCAN_OPS = {"cumsum": 0, "cumprod": 1, "cummax": 2, "cummin": 3}


def scan_shader(dtype):
    """One invocation per line, sequential along the axis. f32 sums and products accumulate in
    double in line order (as the reference does) and round once per element: the dot/product
    bounds then hold for any line length; integers wrap in their own width (the store truncates)."""
    cls = DTYPES[dtype][3]
    if cls == "float":
        acc, lo, hi = "double", "uintBitsToFloat(0xff800000u)", "uintBitsToFloat(0x7f800000u)"
        mx, mn = FLOAT_MAX, FLOAT_MIN
    else:
        acc, lo, hi = "CT", f"CT({INT_MIN[dtype]})", f"CT({INT_MAX[dtype]})"
        mx, mn = "max(a, b)", "min(a, b)"
    return preamble(cls == "float") + header(dtype) + f"""#define ACC {acc}
CT fold_max(CT a, CT b) {{ return {mx}; }}
CT fold_min(CT a, CT b) {{ return {mn}; }}

// Line o: input 0 and the output (slot 1) are strided over the line shape (the shape without
// axis); count2 is the line length, extra[0] / extra[1] the input / output strides along axis,
// extra[2] bit 0 exclusive, bit 1 reverse.
layout(local_size_x = 64) in;
void main() {{
  Params p = Params(pc.params);
  const int op = p.op;
  const bool exclusive = (p.extra[2] & 1l) != 0l, reverse = (p.extra[2] & 2l) != 0l;
  const int64_t len = p.count2;
  const int64_t step = total_invocations();
  for (int64_t o = int64_t(gl_GlobalInvocationID.x); o < p.count; o += step) {{
    const int64_t in_base = input_offset(p, 0, o), out_base = input_offset(p, 1, o);
    ACC s = op == 1 ? ACC(1) : ACC(0);
    CT m = op == 2 ? {lo} : {hi};
    for (int64_t t = 0; t < len; ++t) {{
      const int64_t j = reverse ? len - 1 - t : t;
      const CT v = ld(p.in_addr[0], in_base + j * p.extra[0]);
      const int64_t dst = out_base + j * p.extra[1];
      if (exclusive) st(p.out_addr, dst, op < 2 ? CT(s) : m);
      switch (op) {{
        case 0: s += ACC(v); break;
        case 1: s *= ACC(v); break;
        case 2: m = fold_max(m, v); break;
        default: m = fold_min(m, v); break;
      }}
      if (!exclusive) st(p.out_addr, dst, op < 2 ? CT(s) : m);
    }}
  }}
}}
"""


def matmul_accumulators(dtype):
    """The spec's C5: f32 accumulates in f32; integers in i32 or i64 of at least their width."""
    if DTYPES[dtype][3] == "float":
        return [dtype]
    return [a for a in ("i32", "i64") if BITS[a] >= BITS[dtype]]


def matmul_shader(dtype, acc):
    ict, iref, isize, _ = DTYPES[dtype]
    # Inputs are read as their own type and widened exactly to the accumulator's (CT).
    load = (f"CT ld_in(uint64_t base, int64_t i) {{ return CT({ict}({iref}(base + uint64_t(i) * {isize}ul).v)); }}\n")
    return preamble(False) + header(acc) + load + """
// out[b, m, n] = sum_k lhs[b, m, k] * rhs[b, k, n]: 16x16 tiles through shared memory. The
// output shape is (batch..., M, N); input 0 is lhs with its K stride in extra[0], input 1 rhs
// with its K stride in extra[1]; count2 is K.
const uint T = 16;
layout(local_size_x = 16, local_size_y = 16) in;
shared CT s_a[T][T];
shared CT s_b[T][T];
void main() {
  Params p = Params(pc.params);
  const int r = p.rank;
  const int64_t M = p.shape[r - 2], N = p.shape[r - 1], K = p.count2;
  const int64_t batches = p.count / max(M * N, int64_t(1));
  const uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
  const int64_t tiles_n = (N + T - 1) / T, tiles_m = (M + T - 1) / T;
  const int64_t tiles = batches * tiles_m * tiles_n;
  for (int64_t t = int64_t(gl_WorkGroupID.x); t < tiles; t += int64_t(gl_NumWorkGroups.x)) {
    const int64_t b = t / (tiles_m * tiles_n);
    const int64_t m = ((t / tiles_n) % tiles_m) * T + ty;
    const int64_t n = (t % tiles_n) * T + tx;
    // The offsets of element (b, m, 0) of lhs and (b, 0, n) of rhs, through the output index.
    const int64_t mm = min(m, M - 1), nn = min(n, N - 1);
    const int64_t lhs_row = input_offset(p, 0, (b * M + mm) * N + nn);
    const int64_t rhs_col = input_offset(p, 1, (b * M + mm) * N + nn);
    CT acc = CT(0);
    for (int64_t k0 = 0; k0 < K; k0 += T) {
      const int64_t ka = k0 + tx, kb = k0 + ty;
      // Clamped addresses: a lane past the edge reads a valid element and discards it.
      const CT va = ld_in(p.in_addr[0], lhs_row + min(ka, K - 1) * p.extra[0]);
      const CT vb = ld_in(p.in_addr[1], rhs_col + min(kb, K - 1) * p.extra[1]);
      s_a[ty][tx] = (m < M && ka < K) ? va : CT(0);
      s_b[ty][tx] = (n < N && kb < K) ? vb : CT(0);
      barrier();
      for (uint k = 0; k < T; ++k) acc += s_a[ty][k] * s_b[k][tx];
      barrier();
    }
    if (m < M && n < N) st(p.out_addr, (b * M + m) * N + n, acc);
  }
}
"""


def gather_shader(size, index_dtype):
    ref = COPY_REF[size]
    ict, iref, isize = DTYPES[index_dtype][0], DTYPES[index_dtype][1], DTYPES[index_dtype][2]
    return preamble(False) + f"""
// out[a, j, b] = data[a, indices[j], b], zero out of range. Input 0 is data (its strides map
// the a and b dims of the output, 0 on the j dims), input 1 the indices (strides on the j dims);
// extra[0] is data's stride along axis, extra[1] its dim there.
layout(local_size_x = 256) in;
void main() {{
  Params p = Params(pc.params);
  for (int64_t i = int64_t(gl_GlobalInvocationID.x); i < p.count; i += total_invocations()) {{
    const {ict} k = {iref}(p.in_addr[1] + uint64_t(input_offset(p, 1, i)) * {isize}ul).v;
    const uint64_t dst = p.out_addr + uint64_t(i) * {size}ul;
    // The range check is in the index's own width (data.dim[axis] < 2^31 fits an int), and the
    // address is formed from a clamped index, so no lane ever reads outside data, even if the
    // compiler turns the branch into a select (the planner never runs this on empty data).
    const bool inside = k >= {ict}(0) && k < {ict}(p.extra[1]);
    const int64_t kk = inside ? int64_t(k) : 0;
    const {LOCAL_TYPE[size]} v = {LOCAL_TYPE[size]}({ref}(p.in_addr[0] + uint64_t(input_offset(p, 0, i) + kk * p.extra[0]) * {size}ul).v);
    {ref}(dst).v = {COPY_TYPE[size]}(inside ? v : {LOCAL_TYPE[size]}(0));
  }}
}}
"""


def scatter_shader(dtype, index_dtype):
    ict, iref, isize = DTYPES[index_dtype][0], DTYPES[index_dtype][1], DTYPES[index_dtype][2]
    if DTYPES[dtype][3] == "float":
        mx, mn = FLOAT_MAX, FLOAT_MIN
    else:
        mx, mn = "max(a, b)", "min(a, b)"
    ct, ref, size, _ = DTYPES[dtype]
    vtype = {"RefI8": "int8_t", "Ref8": "uint8_t", "RefI32": "int", "RefI64": "int64_t", "RefF32": "float"}[ref]
    return preamble(False) + header(dtype) + f"""
// Duplicate indices read back an element this invocation has just written: volatile keeps each
// of those reads and writes, in order (a safeguard: the plain references passed the CTS too).
layout(buffer_reference, std430, buffer_reference_align = {size}) volatile buffer VRef {{ {vtype} v; }};
CT ld_out(uint64_t base, int64_t i) {{ return CT(VRef(base + uint64_t(i) * {size}ul).v); }}
void st_out(uint64_t base, int64_t i, CT x) {{ VRef(base + uint64_t(i) * {size}ul).v = {vtype}(x); }}
CT combine(int mode, CT a, CT b) {{
  if (mode == 0) return b;
  if (mode == 1) return a + b;
  if (mode == 2) return {mx};
  if (mode == 3) return {mn};
  return a * b;
}}

// The output already holds a copy of data. One invocation per line (a..., b...) of the output
// along axis walks every update of that line in row-major order, so updates to one element are
// applied in the spec's order and no two invocations touch the same element. Input 0: updates
// (strided over the line dims; its j dims are the inner strides, slot 3, over the indices'
// shape2); input 1: the indices, dense from offsets[1]; slot 2: the output's line strides;
// extra[0]: the output's stride along axis, extra[1]: data.dim[axis]; op: the mode.
layout(local_size_x = 64) in;
void main() {{
  Params p = Params(pc.params);
  const int64_t step = total_invocations();
  for (int64_t o = int64_t(gl_GlobalInvocationID.x); o < p.count; o += step) {{
    const int64_t upd = input_offset(p, 0, o), out_base = input_offset(p, 2, o);
    for (int64_t j = 0; j < p.count2; ++j) {{
      const {ict} k = {iref}(p.in_addr[1] + uint64_t(p.offsets[1] + j) * {isize}ul).v;
      if (k < {ict}(0) || int64_t(k) >= p.extra[1]) continue;  // out of range: skipped
      const int64_t dst = out_base + int64_t(k) * p.extra[0];
      st_out(p.out_addr, dst, combine(p.op, ld_out(p.out_addr, dst), ld(p.in_addr[0], upd + inner_offset(p, j))));
    }}
  }}
}}
"""


def main():
    spec_path, out_dir = sys.argv[1], sys.argv[2]
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    load_classes(spec)
    os.makedirs(out_dir, exist_ok=True)
    shaders = {}  # name -> source
    table = []  # (op, dtype, family, needs_f64)
    for dtype in DTYPES:
        for group in ("unary", "binary"):
            shaders[f"{group}_{dtype}"] = elementwise_shader(spec, group, dtype, table)
        shaders[f"select_{dtype}"] = select_shader(dtype)
        for dst in DTYPES:
            shaders[f"cast_{dtype}_{dst}"] = cast_shader(dtype, dst)
        if DTYPES[dtype][3] != "bool":
            shaders[f"iota_{dtype}"] = iota_shader(dtype)
            shaders[f"reduce_{dtype}"] = reduce_shader(dtype)
            shaders[f"scan_{dtype}"] = scan_shader(dtype)
            for idx in ("i32", "i64"):
                shaders[f"scatter_{dtype}_{idx}"] = scatter_shader(dtype, idx)
            for acc in matmul_accumulators(dtype):
                shaders[f"matmul_{dtype}_{acc}"] = matmul_shader(dtype, acc)
    for size in COPY_REF:
        shaders[f"copy_{size}"] = copy_shader(size)
        for idx in ("i32", "i64"):
            shaders[f"gather_{size}_{idx}"] = gather_shader(size, idx)
    # The families implemented for every dtype the registry allows.
    whole_groups = {"creation", "movement"}
    for op in spec["ops"]:
        name = op["name"]
        for dtype in dtypes_of(op, spec):
            if op["group"] in whole_groups or name in ("cast", "bitcast", "select", "gather", "scatter", "matmul") or \
                    name in REDUCE_OPS:
                table.append((name, dtype, op["group"], False))
            elif name in SCAN_OPS:
                # f32 sums and products accumulate in double (shaderFloat64).
                table.append((name, dtype, "scan", dtype == "f32" and SCAN_OPS[name] < 2))
    for name, src in shaders.items():
        path = os.path.join(out_dir, name + ".comp")
        old = open(path).read() if os.path.exists(path) else None
        if old != src:
            with open(path, "w") as f:
                f.write(src)
    with open(os.path.join(out_dir, "shaders.cmake"), "w") as f:
        f.write("set(TISA_VK_SHADERS " + " ".join(sorted(shaders)) + ")\n")
    with open(os.path.join(out_dir, "kernel_table.inc"), "w") as f:
        f.write("// Generated by drivers/vulkan/shaders/gen_shaders.py from spec/tisa.yaml. Do not edit.\n")
        f.write("// TISA_VK_SUPPORTED(op name, dtype name, needs shaderFloat64)\n")
        for op, dtype, _, f64 in sorted(set(table)):
            f.write(f"TISA_VK_SUPPORTED({op.upper()}, {dtype.upper()}, {1 if f64 else 0})\n")
        f.write("// TISA_VK_SHADER(name)\n")
        for name in sorted(shaders):
            f.write(f"TISA_VK_SHADER({name})\n")


if __name__ == "__main__":
    main()
