"""The GLSL op library of the Vulkan driver, generated from spec/tisa.yaml (used by gen_shaders.py).

One file per dtype, `ops_<dtype>.glsl`, holds a function per elementwise op of that dtype
(`f32_add`, `i8_shl`, `f32_eq`, ...), the casts from it (`f32_to_i32`) and its loads and stores
(`f32_ld`, `f32_st`). Ops computed in double go to `ops_<dtype>_f64.glsl`, so a shader that does
not use them never declares the Float64 capability. The build-time kernels (gen_shaders.py) and
the fused kernels written at run time (fused_glsl.cpp) call the same functions, so a fused chain
computes exactly what the separate kernels do.

Every result is normalised to its dtype (i8 sign-extended from 8 bits, u8 masked, ...): the
build-time kernels truncate on store anyway, but a fused chain keeps values in registers.
Float results are `precise`, so no compiler contracts a fused multiply and add into one rounding.
"""
import re

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
# The value of a dtype's raw bits (a fill's literal), in its compute type.
FROM_BITS = {"bool": "(uint(b) & 1u)", "i8": "bitfieldExtract(int(uint(b)), 0, 8)", "u8": "(uint(b) & 0xffu)",
             "i32": "int(uint(b))", "i64": "int64_t(b)", "f32": "uintBitsToFloat(uint(b))"}
# A value of the compute type brought back to the dtype's range (wrapping, as the spec says).
NORMALISE = {"i8": "bitfieldExtract({}, 0, 8)", "u8": "(({}) & 0xffu)", "bool": "(({}) & 1u)"}

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
    "rem": {"float": "f_rem(a, b)", "sint": "(b == CT(0) ? a : b == CT(-1) ? CT(0) : a - (a / b) * b)",
            "uint": "(b == 0u ? a : a % b)"},
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
# The hand-written helpers an op library file includes, by dtype class and f64 part.
INCLUDES = {("sint", False): ["int_math.glsl"], ("uint", False): ["int_math.glsl"],
            ("float", False): ["float_rem.glsl"], ("float", True): ["float_math.glsl", "float_math_binary.glsl"]}


def impl(op_name, dtype):
    """(GLSL expression, needs f64) of op on dtype, or (None, False) where none is written."""
    if op_name in COMPARES:
        return COMPARES[op_name], False
    entry = OPS.get(op_name, {}).get(DTYPES[dtype][3])
    if entry is None:
        return None, False
    if isinstance(entry, tuple):
        return entry[0], True
    return entry, False


def concrete(expr, dtype):
    """expr with the CT and W placeholders of dtype filled in."""
    expr = re.sub(r"\bCT\b", DTYPES[dtype][0], expr)
    return re.sub(r"\bW\b", str(BITS[dtype]), expr)


def normalised(expr, dtype):
    return NORMALISE[dtype].format(expr) if dtype in NORMALISE else expr


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


def op_function(name, dtype, expr, unary):
    ct = DTYPES[dtype][0]
    args = f"{ct} a" if unary else f"{ct} a, {ct} b"
    if name in COMPARES:
        return f"uint {dtype}_{name}({args}) {{ return {concrete(expr, dtype)} ? 1u : 0u; }}\n"
    body = concrete(expr, dtype)
    if DTYPES[dtype][3] == "float":
        return f"{ct} {dtype}_{name}({args}) {{\n  precise {ct} r = {body};\n  return r;\n}}\n"
    return f"{ct} {dtype}_{name}({args}) {{ return {normalised(body, dtype)}; }}\n"


def library_files(elementwise_ops):
    """{file name: GLSL} for every dtype; elementwise_ops: [(name, group, [dtypes])] from the
    registry."""
    files = {}
    for dtype, (ct, ref, size, cls) in DTYPES.items():
        for f64 in (False, True):
            guard = f"TISA_OPS_{dtype.upper()}{'_F64' if f64 else ''}_GLSL"
            text = ["// Generated by drivers/vulkan/shaders/gen_ops.py from spec/tisa.yaml. Do not edit.\n",
                    f"#ifndef {guard}\n#define {guard}\n"]
            text += [f'#include "{inc}"\n' for inc in INCLUDES.get((cls, f64), [])]
            if f64:
                text.append(f'#include "ops_{dtype}.glsl"\n')
            else:
                text.append(f"{ct} {dtype}_ld(uint64_t base, int64_t i) {{ return {ct}({ref}(base + uint64_t(i) * {size}ul).v); }}\n")
                text.append(f"void {dtype}_st(uint64_t base, int64_t i, {ct} x) {{ {ref}(base + uint64_t(i) * {size}ul).v = {STORE_TYPE[dtype]}(x); }}\n")
                text.append(f"{ct} {dtype}_from_bits(uint64_t b) {{ return {FROM_BITS[dtype]}; }}\n")
                for dst in DTYPES:
                    conv = concrete(convert_expr(dtype, dst), dtype)
                    conv = conv if dst == dtype else normalised(conv, dst)
                    text.append(f"{DTYPES[dst][0]} {dtype}_to_{dst}({ct} a) {{ return {conv}; }}\n")
            count = 0
            for name, group, dtypes in elementwise_ops:
                if dtype not in dtypes:
                    continue
                expr, needs_f64 = impl(name, dtype)
                if expr is None or needs_f64 != f64:
                    continue
                text.append(op_function(name, dtype, expr, group == "unary"))
                count += 1
            text.append(f"#endif  // {guard}\n")
            if f64 and count == 0:
                continue
            files[f"ops_{dtype}{'_f64' if f64 else ''}.glsl"] = "".join(text)
    return files
