"""The error bound of a whole TISA program's float output (spec section 5.8), read from the
module's text form and the op registry.

bound = program_ulps_per_op * u * W, relative to the output's largest reference magnitude, where
u = 2^-24 (f32) and W counts 1 for every instruction with a float result and a bounded numerics
mode, and n for one that sums or multiplies n terms (matmul: K; reductions: the elements folded
into each output element). The conformance suite judges its programs with the same rule.
"""
import re
from pathlib import Path

import yaml

REGISTRY = Path(__file__).resolve().parents[2] / "spec" / "tisa.yaml"
UNIT_ROUNDOFF_F32 = 2.0**-24
FLOAT_DTYPES = {"f16", "bf16", "f32", "f64"}

# The shape-expression operators of spec 3.2 (floor semantics; Python's // and % have them).
_EXPR_FUNCTIONS = {
    "floordiv": lambda a, b: a // b,
    "ceildiv": lambda a, b: -((-a) // b),
    "mod": lambda a, b: a % b,
    "max": max,
    "min": min,
}
_INSTRUCTION = re.compile(r"^(%[\w.]+) = (\w+)(.*) : (\w+)\[(.*)\]$")
_INPUT = re.compile(r"^input (%[\w.]+) : (\w+)\[(.*)\]$")
_SAFE_EXPR = re.compile(r"^[\w\s+\-*(),]*$")


def _split_dims(text):
    """'N * 3, ceildiv(N, 2), 4' -> ['N * 3', 'ceildiv(N, 2)', '4'] (commas inside calls kept)."""
    dims, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            dims.append(text[start:i].strip())
            start = i + 1
    if text.strip():
        dims.append(text[start:].strip())
    return dims


def _eval_dim(expr, symbols):
    if not _SAFE_EXPR.match(expr):
        raise ValueError(f"not a shape expression: {expr!r}")
    return int(eval(expr, {"__builtins__": {}}, {**_EXPR_FUNCTIONS, **symbols}))  # noqa: S307


def _element_count(shape):
    count = 1
    for d in shape:
        count *= d
    return count


def load_numerics():
    """{op name: (mode, shape rule)} and program_ulps_per_op from the registry."""
    registry = yaml.safe_load(REGISTRY.read_text())
    ops = {op["name"]: (op["numerics"]["mode"], op["shape"]) for op in registry["ops"]}
    return ops, registry["conformance"]["program_ulps_per_op"]


def program_weight(module_text, symbols, ops):
    """W of spec 5.8 for the module under the symbol binding (e.g. {'N': 3}); ops as
    load_numerics returns them."""
    shapes = {}
    weight = 0
    for line in module_text.splitlines():
        if m := _INPUT.match(line):
            shapes[m.group(1)] = [_eval_dim(d, symbols) for d in _split_dims(m.group(3))]
            continue
        m = _INSTRUCTION.match(line)
        if not m:
            continue
        name, op, rest, dtype, dims = m.groups()
        if op not in ops:
            raise ValueError(f"op '{op}' is not in {REGISTRY}")
        shape = [_eval_dim(d, symbols) for d in _split_dims(dims)]
        shapes[name] = shape
        mode, shape_rule = ops[op]
        if dtype not in FLOAT_DTYPES or mode in ("exact", "copy"):
            continue
        if mode in ("dot", "product"):
            first = shapes[re.findall(r"%[\w.]+", rest.split("{")[0])[0]]
            out = _element_count(shape)
            terms = first[-1] if shape_rule == "matmul" else (_element_count(first) // out if out else 0)
            weight += max(1, terms)
        else:
            weight += 1
    return max(weight, 1)


def program_bound(module_text, symbols):
    """(bound, W): the largest allowed max|out - ref| / max|ref| of a float output."""
    ops, ulps_per_op = load_numerics()
    weight = program_weight(module_text, symbols, ops)
    return ulps_per_op * UNIT_ROUNDOFF_F32 * weight, weight
