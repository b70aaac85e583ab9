#!/usr/bin/env python3
"""Generates the Vulkan driver's GLSL kernels, its op library and its support table from
spec/tisa.yaml.

One shader per (kernel family, dtype); the op, which inputs are dense, the index width and the
ranks are specialization constants (common.glsl), so a pipeline is compiled per op and variant
on first use and the compiler keeps only that op's code. Ops computed in double live in shaders
of their own (`unary_f32_f64`), so a device without shaderFloat64 still runs the rest. The
(op, dtype) pairs come from the registry's type classes; an op is listed as supported only where
gen_ops.py has an implementation for the dtype's class, so a registry addition shows up as
NotSupported until someone writes its GLSL. Output in <out>: <name>.comp per shader, the op
library ops_<dtype>[_f64].glsl (gen_ops.py), shaders.cmake (the lists), kernel_table.inc (X-macros
read by drivers/vulkan/kernel_table.cpp) and glsl_sources.inc (every GLSL file a fused kernel may
include, for the run-time compiler).

usage: gen_shaders.py <spec/tisa.yaml> <shader source dir> <output dir>
"""
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_ops import (BITS, COMPARES, DTYPES, FLOAT_MAX, FLOAT_MIN, INT_MAX, INT_MIN,  # noqa: E402
                     impl, library_files)
from gen_matmul import matmul_shaders  # noqa: E402

CLASSES_OF = {}  # type class name -> set of dtype names (filled from the registry)
# The hand-written GLSL files (shaders/) a kernel may include.
HAND_WRITTEN = ["common.glsl", "float_math.glsl", "float_math_binary.glsl", "float_rem.glsl", "int_math.glsl",
                "matmul.glsl", "matmul_tile.glsl"]


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
    store = {"bool": "uint8_t", "i8": "int8_t", "u8": "uint8_t", "i32": "int", "i64": "int64_t", "f32": "float"}[dtype]
    return (f"#define CT {ct}\n#define W {BITS[dtype]}\n"
            f"CT ld(uint64_t base, int64_t i) {{ return CT({ref}(base + uint64_t(i) * {size}ul).v); }}\n"
            f"void st(uint64_t base, int64_t i, CT x) {{ {ref}(base + uint64_t(i) * {size}ul).v = {store}(x); }}\n")


def preamble(*includes):
    return "#version 460\n#include \"common.glsl\"\n" + "".join(f'#include "{i}"\n' for i in includes)


def strided_loop(body, inputs):
    """main()'s grid-stride loop over the output elements. `body` uses OFF0.. for the element
    offsets of the inputs (slot 1 of the copy kernel is its strided destination); the DENSE
    constant makes a dense one a plain `offset + i`."""
    for k in inputs:
        body = body.replace(f"OFF{k}", f"offset_of(ix, {k}, i)")
    return f"""  Params p = Params(pc.params);
  const Strided ix = load_strided(p);
  const int64_t n = p.count, step = total_invocations();
  const uint64_t out_addr = p.out_addr;
  for (int64_t i = int64_t(gl_GlobalInvocationID.x); i < n; i += step) {{
{body}  }}
"""


def elementwise_shader(spec, group, dtype, f64, table):
    """unary_<dtype> or binary_<dtype> (the ops computed in double: <name>_f64), or None when no
    op of the group has an implementation of that kind."""
    name = f"{group}_{dtype}" + ("_f64" if f64 else "")
    cases = []
    for op in spec["ops"]:
        if op["group"] != group or dtype not in dtypes_of(op, spec):
            continue
        expr, needs_f64 = impl(op["name"], dtype)
        if expr is None or needs_f64 != f64:
            continue
        out = "bool" if op["name"] in COMPARES else dtype
        args = "a" if group == "unary" else "a, b"
        cases.append(f"      case {op['opcode']}: {out}_st(out_addr, i, {dtype}_{op['name']}({args})); break;")
        table.append((op["name"], dtype, f64, name))
    if not cases:
        return name, None
    ct = DTYPES[dtype][0]
    operands = f"    const {ct} a = {dtype}_ld(in0, OFF0);\n"
    inputs = [0]
    if group == "binary":
        operands += f"    const {ct} b = {dtype}_ld(in1, OFF1);\n"
        inputs = [0, 1]
    body = operands + "    switch (OP) {\n" + "\n".join(cases) + "\n      default: break;\n    }\n"
    includes = [f"ops_{dtype}{'_f64' if f64 else ''}.glsl"] + (["ops_bool.glsl"] if group == "binary" else [])
    return name, preamble(*includes) + f"""
layout(local_size_x = 256) in;
void main() {{
  const uint64_t in0 = Params(pc.params).in_addr[0], in1 = Params(pc.params).in_addr[1];
{strided_loop(body, inputs)}}}
"""


def select_shader(dtype):
    body = f"""    const bool c = uint(Ref8(in0 + uint64_t(OFF0)).v) != 0u;
    {dtype}_st(out_addr, i, c ? {dtype}_ld(in1, OFF1) : {dtype}_ld(in2, OFF2));
"""
    return preamble(f"ops_{dtype}.glsl") + f"""
layout(local_size_x = 256) in;
void main() {{
  const uint64_t in0 = Params(pc.params).in_addr[0], in1 = Params(pc.params).in_addr[1];
  const uint64_t in2 = Params(pc.params).in_addr[2];
{strided_loop(body, [0, 1, 2])}}}
"""


def cast_shader(src, dst):
    body = f"    {dst}_st(out_addr, i, {src}_to_{dst}({src}_ld(in0, OFF0)));\n"
    return preamble(*sorted({f"ops_{src}.glsl", f"ops_{dst}.glsl"})) + f"""
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
    copy_body = f"    {ref}(out_addr + uint64_t(OFF1) * {size}ul).v = {ref}(in0 + uint64_t(OFF0) * {size}ul).v;\n"
    fill_body = f"    {ref}(out_addr + uint64_t(OFF1) * {size}ul).v = {COPY_TYPE[size]}(bits);\n"
    return preamble() + f"""
// A strided copy (every view op, output copies, concat and pad interiors; the destination is
// strided too, slot 1) or, when OP == 1, a fill with the raw bits in extra[0].
layout(local_size_x = 256) in;
void copy_elements() {{
  const uint64_t in0 = Params(pc.params).in_addr[0];
{strided_loop(copy_body, [0, 1])}}}
void fill_elements() {{
  const {LOCAL_TYPE[size]} bits = {LOCAL_TYPE[size]}(uint64_t(Params(pc.params).extra[0]));
{strided_loop(fill_body, [1])}}}
void main() {{
  if (OP == 1) fill_elements();
  else copy_elements();
}}
"""


def iota_shader(dtype):
    return preamble() + header(dtype) + f"""
layout(local_size_x = 256) in;
void main() {{
  Params p = Params(pc.params);
  const Strided ix = load_strided(p);
  const int axis = int(p.extra[0]);
  for (int64_t i = int64_t(gl_GlobalInvocationID.x); i < p.count; i += total_invocations()) {{
    int64_t rest = i, a = 0;
    for (int d = RANK - 1; d >= 0; --d) {{
      const int64_t c = rest % ix.shape[d];
      rest /= ix.shape[d];
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
    else:
        lo, hi = f"CT({INT_MIN[dtype]})", f"CT({INT_MAX[dtype]})"
        mx, mn, nan = "max(a, b)", "min(a, b)", "false"
    return preamble() + header(dtype) + f"""
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

// OP: the mode (bits 0-2: 0 sum, 1 product, 2 max, 3 min, 4 argmax, 5 argmin) and the layout:
// bit 3, one invocation per row, sequential (short rows, or many rows), else one workgroup per
// row, a strided loop per invocation, then a tree in shared memory; bit 4, chunked: output o
// covers elements [c L, (c + 1) L) of row o / chunks, c = o % chunks (extra[2] = L,
// extra[3] = chunks; the planner then reduces the partials in a second dispatch).
const int MODE = OP & 7;
const bool PER_INVOCATION = (OP & 8) != 0;
const bool CHUNKED = (OP & 16) != 0;
const uint kGroup = 128;
layout(local_size_x = kGroup) in;
shared CT s_val[kGroup];
shared int64_t s_idx[kGroup];

// Folds element j (value v) into (acc, idx).
void fold(inout CT acc, inout int64_t idx, CT v, int64_t j) {{
  if (MODE >= 4) {{
    if (idx < 0 || arg_wins(MODE, v, j, acc, idx)) {{ acc = v; idx = j; }}
  }} else {{
    acc = combine(MODE, acc, v);
  }}
}}

void store(Params p, int64_t o, CT acc, int64_t idx) {{
  if (MODE >= 4) RefI64(p.out_addr + uint64_t(o) * 8ul).v = idx;
  else st(p.out_addr, o, acc);
}}

void main() {{
  Params p = Params(pc.params);
  const Strided ix = load_strided(p);
  const CT start = MODE >= 4 ? CT(0) : identity(MODE);
  const int64_t chunks = CHUNKED ? p.extra[3] : 1;
  if (PER_INVOCATION) {{
    for (int64_t o = int64_t(gl_GlobalInvocationID.x); o < p.count; o += total_invocations()) {{
      const int64_t first = CHUNKED ? (o % chunks) * p.extra[2] : 0;
      const int64_t end = CHUNKED ? min(first + p.extra[2], p.count2) : p.count2;
      const int64_t base = offset_of(ix, 0, CHUNKED ? o / chunks : o);
      CT acc = start;
      int64_t idx = -1;
      for (int64_t j = first; j < end; ++j) fold(acc, idx, ld(p.in_addr[0], base + inner_offset(ix, j)), j);
      store(p, o, acc, idx);
    }}
    return;
  }}
  const uint lid = gl_LocalInvocationID.x;
  for (int64_t o = int64_t(gl_WorkGroupID.x); o < p.count; o += int64_t(gl_NumWorkGroups.x)) {{
    const int64_t first = CHUNKED ? (o % chunks) * p.extra[2] : 0;
    const int64_t end = CHUNKED ? min(first + p.extra[2], p.count2) : p.count2;
    const int64_t base = offset_of(ix, 0, CHUNKED ? o / chunks : o);
    CT acc = start;
    int64_t idx = -1;
    for (int64_t j = first + int64_t(lid); j < end; j += int64_t(kGroup)) {{
      fold(acc, idx, ld(p.in_addr[0], base + inner_offset(ix, j)), j);
    }}
    s_val[lid] = acc;
    s_idx[lid] = idx;
    barrier();
    for (uint half_ = kGroup / 2; half_ > 0; half_ /= 2) {{
      if (lid < half_) {{
        const CT b = s_val[lid + half_];
        const int64_t ib = s_idx[lid + half_];
        if (MODE >= 4) {{
          if (ib >= 0 && (s_idx[lid] < 0 || arg_wins(MODE, b, ib, s_val[lid], s_idx[lid]))) {{
            s_val[lid] = b;
            s_idx[lid] = ib;
          }}
        }} else {{
          s_val[lid] = combine(MODE, s_val[lid], b);
        }}
      }}
      barrier();
    }}
    if (lid == 0) store(p, o, s_val[0], s_idx[0]);
    barrier();
  }}
}}
"""


SCAN_OPS = {"cumsum": 0, "cumprod": 1, "cummax": 2, "cummin": 3}


def scan_needs_f64(dtype, mode):
    """f32 sums and products accumulate in double (shaderFloat64); max and min do not."""
    return DTYPES[dtype][3] == "float" and mode < 2


def scan_name(dtype, f64):
    return f"scan_{dtype}" + ("_f64" if f64 else "")


def scan_shader(dtype, f64):
    """One invocation per line, sequential along the axis. f32 sums and products accumulate in
    double in line order (as the reference does) and round once per element: the dot/product
    bounds then hold for any line length; integers wrap in their own width (the store truncates)."""
    cls = DTYPES[dtype][3]
    if cls == "float":
        acc, lo, hi = ("double" if f64 else "CT"), "uintBitsToFloat(0xff800000u)", "uintBitsToFloat(0x7f800000u)"
        mx, mn = FLOAT_MAX, FLOAT_MIN
    else:
        acc, lo, hi = "CT", f"CT({INT_MIN[dtype]})", f"CT({INT_MAX[dtype]})"
        mx, mn = "max(a, b)", "min(a, b)"
    return preamble() + header(dtype) + f"""#define ACC {acc}
CT fold_max(CT a, CT b) {{ return {mx}; }}
CT fold_min(CT a, CT b) {{ return {mn}; }}

// Line o: input 0 and the output (slot 1) are strided over the line shape (the shape without
// axis); count2 is the line length, extra[0] / extra[1] the input / output strides along axis,
// extra[2] bit 0 exclusive, bit 1 reverse; OP: 0 sum, 1 product, 2 max, 3 min.
layout(local_size_x = 64) in;
void main() {{
  Params p = Params(pc.params);
  const Strided ix = load_strided(p);
  const bool exclusive = (p.extra[2] & 1l) != 0l, reverse = (p.extra[2] & 2l) != 0l;
  const int64_t len = p.count2;
  const int64_t step = total_invocations();
  for (int64_t o = int64_t(gl_GlobalInvocationID.x); o < p.count; o += step) {{
    const int64_t in_base = offset_of(ix, 0, o), out_base = offset_of(ix, 1, o);
    ACC s = OP == 1 ? ACC(1) : ACC(0);
    CT m = OP == 2 ? {lo} : {hi};
    for (int64_t t = 0; t < len; ++t) {{
      const int64_t j = reverse ? len - 1 - t : t;
      const CT v = ld(p.in_addr[0], in_base + j * p.extra[0]);
      const int64_t dst = out_base + j * p.extra[1];
      if (exclusive) st(p.out_addr, dst, OP < 2 ? CT(s) : m);
      switch (OP) {{
        case 0: s += ACC(v); break;
        case 1: s *= ACC(v); break;
        case 2: m = fold_max(m, v); break;
        default: m = fold_min(m, v); break;
      }}
      if (!exclusive) st(p.out_addr, dst, OP < 2 ? CT(s) : m);
    }}
  }}
}}
"""


def gather_shader(size, index_dtype):
    ref = COPY_REF[size]
    ict, iref, isize = DTYPES[index_dtype][0], DTYPES[index_dtype][1], DTYPES[index_dtype][2]
    return preamble() + f"""
// out[a, j, b] = data[a, indices[j], b], zero out of range. Input 0 is data (its strides map
// the a and b dims of the output, 0 on the j dims), input 1 the indices (strides on the j dims);
// extra[0] is data's stride along axis, extra[1] its dim there.
layout(local_size_x = 256) in;
void main() {{
  Params p = Params(pc.params);
  const Strided ix = load_strided(p);
  for (int64_t i = int64_t(gl_GlobalInvocationID.x); i < p.count; i += total_invocations()) {{
    const {ict} k = {iref}(p.in_addr[1] + uint64_t(offset_of(ix, 1, i)) * {isize}ul).v;
    const uint64_t dst = p.out_addr + uint64_t(i) * {size}ul;
    // The range check is in the index's own width (data.dim[axis] < 2^31 fits an int), and the
    // address is formed from a clamped index, so no lane ever reads outside data, even if the
    // compiler turns the branch into a select (the planner never runs this on empty data).
    const bool inside = k >= {ict}(0) && k < {ict}(p.extra[1]);
    const int64_t kk = inside ? int64_t(k) : 0;
    const {LOCAL_TYPE[size]} v = {LOCAL_TYPE[size]}({ref}(p.in_addr[0] + uint64_t(offset_of(ix, 0, i) + kk * p.extra[0]) * {size}ul).v);
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
    return preamble() + header(dtype) + f"""
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
// extra[0]: the output's stride along axis, extra[1]: data.dim[axis]; OP: the mode.
layout(local_size_x = 64) in;
void main() {{
  Params p = Params(pc.params);
  const Strided ix = load_strided(p);
  const int64_t step = total_invocations();
  for (int64_t o = int64_t(gl_GlobalInvocationID.x); o < p.count; o += step) {{
    const int64_t upd = offset_of(ix, 0, o), out_base = offset_of(ix, 2, o);
    for (int64_t j = 0; j < p.count2; ++j) {{
      const {ict} k = {iref}(p.in_addr[1] + uint64_t(p.offsets[1] + j) * {isize}ul).v;
      if (k < {ict}(0) || int64_t(k) >= p.extra[1]) continue;  // out of range: skipped
      const int64_t dst = out_base + int64_t(k) * p.extra[0];
      st_out(p.out_addr, dst, combine(OP, ld_out(p.out_addr, dst), ld(p.in_addr[0], upd + inner_offset(ix, j))));
    }}
  }}
}}
"""


def main():
    spec_path, src_dir, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    load_classes(spec)
    os.makedirs(out_dir, exist_ok=True)
    elementwise = [(op["name"], op["group"], dtypes_of(op, spec)) for op in spec["ops"]
                   if op["group"] in ("unary", "binary")]
    library = library_files(elementwise)
    shaders = {}  # name -> source
    table = []  # (op, dtype, needs_f64, shader or "" where the planner names the family)
    for dtype in DTYPES:
        for group in ("unary", "binary"):
            for f64 in (False, True):
                name, source = elementwise_shader(spec, group, dtype, f64, table)
                if source:
                    shaders[name] = source
        shaders[f"select_{dtype}"] = select_shader(dtype)
        for dst in DTYPES:
            shaders[f"cast_{dtype}_{dst}"] = cast_shader(dtype, dst)
        if DTYPES[dtype][3] != "bool":
            shaders[f"iota_{dtype}"] = iota_shader(dtype)
            shaders[f"reduce_{dtype}"] = reduce_shader(dtype)
            for f64 in (False, True) if DTYPES[dtype][3] == "float" else (False,):
                shaders[scan_name(dtype, f64)] = scan_shader(dtype, f64)
            for idx in ("i32", "i64"):
                shaders[f"scatter_{dtype}_{idx}"] = scatter_shader(dtype, idx)
            shaders.update(matmul_shaders(dtype))
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
                table.append((name, dtype, False, ""))
            elif name in SCAN_OPS:
                f64 = scan_needs_f64(dtype, SCAN_OPS[name])
                table.append((name, dtype, f64, scan_name(dtype, f64)))
    write_if_changed = lambda path, text: _write_if_changed(os.path.join(out_dir, path), text)
    for name, src in shaders.items():
        write_if_changed(name + ".comp", src)
    for name, src in library.items():
        write_if_changed(name, src)
    write_if_changed("shaders.cmake", "set(TISA_VK_SHADERS " + " ".join(sorted(shaders)) + ")\n" +
                     "set(TISA_VK_LIBRARY " + " ".join(sorted(library)) + ")\n")
    lines = ["// Generated by drivers/vulkan/shaders/gen_shaders.py from spec/tisa.yaml. Do not edit.\n",
             "// TISA_VK_SUPPORTED(op name, dtype name, needs shaderFloat64, shader or \"\" for the planner's family)\n"]
    for op, dtype, f64, shader in sorted(set(table)):
        lines.append(f'TISA_VK_SUPPORTED({op.upper()}, {dtype.upper()}, {1 if f64 else 0}, "{shader}")\n')
    lines.append("// TISA_VK_COMPUTE_TYPE(dtype name, the GLSL type its values are computed in)\n")
    for dtype, (ct, _, _, _) in DTYPES.items():
        lines.append(f'TISA_VK_COMPUTE_TYPE({dtype.upper()}, "{ct}")\n')
    write_if_changed("kernel_table.inc", "".join(lines))
    # Every file a fused kernel may include, for shaderc's include callback (fusion.cpp).
    sources = dict(library)
    for name in HAND_WRITTEN:
        with open(os.path.join(src_dir, name)) as f:
            sources[name] = f.read()
    lines = ["// Generated by drivers/vulkan/shaders/gen_shaders.py. Do not edit.\n",
             "// TISA_VK_GLSL(file name, contents)\n"]
    for name in sorted(sources):
        lines.append(f'TISA_VK_GLSL("{name}", R"tisa_glsl({sources[name]})tisa_glsl")\n')
    write_if_changed("glsl_sources.inc", "".join(lines))


def _write_if_changed(path, text):
    old = open(path).read() if os.path.exists(path) else None
    if old != text:
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
