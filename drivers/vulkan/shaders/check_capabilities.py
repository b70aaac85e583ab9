#!/usr/bin/env python3
"""Checks the compiled kernels' capabilities: only shaders named *_f64 may declare Float64 (so a
device without shaderFloat64 can create every other pipeline), and each of those does; likewise
the subgroup capabilities and the *_sg shaders (the matmul kernels sharing rows in subgroups).

usage: check_capabilities.py <build dir of the shaders (holding <name>.spv.inc)> <name>...
"""
import re
import sys

OP_CAPABILITY, FLOAT64 = 17, 10
SUBGROUP = {61, 64, 65}  # GroupNonUniform, GroupNonUniformBallot, GroupNonUniformShuffle


def capabilities(path):
    words = [int(w, 16) for w in re.findall(r"0x[0-9a-fA-F]+", open(path).read())]
    if len(words) < 5 or words[0] != 0x07230203:
        raise SystemExit(f"{path}: not SPIR-V")
    caps, at = set(), 5
    while at < len(words):
        count, opcode = words[at] >> 16, words[at] & 0xFFFF
        if count == 0:
            raise SystemExit(f"{path}: malformed instruction at word {at}")
        if opcode == OP_CAPABILITY:
            caps.add(words[at + 1])
        at += count
    return caps


def main():
    folder, names = sys.argv[1], sys.argv[2:]
    bad = []
    for name in names:
        caps = capabilities(f"{folder}/{name}.spv.inc")
        has = FLOAT64 in caps
        if has != name.endswith("_f64"):
            bad.append(f"{name}: {'declares' if has else 'lacks'} the Float64 capability")
        has = bool(SUBGROUP & caps)
        if has != name.endswith("_sg"):
            bad.append(f"{name}: {'declares' if has else 'lacks'} subgroup capabilities")
    print(f"{len(names)} shaders checked")
    if bad:
        raise SystemExit("\n".join(bad))


if __name__ == "__main__":
    main()
