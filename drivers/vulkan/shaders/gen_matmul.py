"""The Vulkan driver's matmul kernels (used by gen_shaders.py).

The kernel is hand-written GLSL, shaders/matmul.glsl (and matmul_tile.glsl, one tile
configuration); each generated shader only defines its dtype macros. `matmul_<in>_<acc>` exists
for every input dtype and accumulator the spec allows; `matmul_<in>_<acc>_sg` is the same kernel
with the lhs rows shared through subgroup operations, in shaders of their own so that a device
without them never creates a module declaring their capabilities.
"""
from gen_ops import BITS, DTYPES

ACC_VECTOR = {"f32": "vec4", "i32": "ivec4", "i64": "i64vec4"}
SUBGROUP_EXTENSIONS = "".join(f"#extension GL_KHR_shader_subgroup_{e} : require\n"
                              for e in ("basic", "ballot", "shuffle"))


def matmul_accumulators(dtype):
    """The spec's C5: f32 accumulates in f32; integers in i32 or i64 of at least their width."""
    if DTYPES[dtype][3] == "float":
        return [dtype]
    return [a for a in ("i32", "i64") if BITS[a] >= BITS[dtype]]


def matmul_shader(dtype, acc, subgroup):
    ict, iref, isize, _ = DTYPES[dtype]
    act, aref, asize, _ = DTYPES[acc]
    # Inputs are read as their own type and widened exactly to the accumulator's.
    return f"""#version 460
#extension GL_EXT_control_flow_attributes : require
{SUBGROUP_EXTENSIONS if subgroup else ""}#include "common.glsl"
// matmul of {dtype} accumulated in {acc}{", lhs rows shared in subgroups" if subgroup else ""}
#define ACC {act}
#define ACC4 {ACC_VECTOR[acc]}
#define ACC_BITS {BITS[acc]}
#define IN_BYTES {isize}l
#define ACC_BYTES {asize}l
#define LD(address) {act}({ict}({iref}(address).v))
#define ST(address, value) {aref}(address).v = (value)
#define MAD(a, b, c) ((a) * (b) + (c))
#define SUBGROUP_ROWS {1 if subgroup else 0}
#include "matmul.glsl"
"""


def matmul_shaders(dtype):
    """name -> source of dtype's matmul shaders."""
    shaders = {}
    for acc in matmul_accumulators(dtype):
        shaders[f"matmul_{dtype}_{acc}"] = matmul_shader(dtype, acc, False)
        shaders[f"matmul_{dtype}_{acc}_sg"] = matmul_shader(dtype, acc, True)
    return shaders
