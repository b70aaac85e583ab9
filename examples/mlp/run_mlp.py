#!/usr/bin/python3
"""End-to-end check of the MLP example: build the module, run it with tisa-run on the
reference driver for batch 1 and batch 7, and compare with an independent numpy computation
(float64) of the same network from the weights mlp_build saved.

usage: run_mlp.py --mlp-build PATH --tisa-run PATH --work DIR [--driver NAME]
Exit status: 0 PASS, 1 FAIL, 77 skipped (numpy missing: apt-get install python3-numpy; or the
device does not support an op of the module).
"""
import argparse
import math
import subprocess
import sys
from pathlib import Path

try:
    import numpy as np
except ImportError:
    print("SKIP: numpy is not installed (apt-get install python3-numpy)")
    sys.exit(77)

RTOL = 1e-5


def reference(x, w):
    """The MLP in float64, written independently of the TISA module."""
    erf = np.vectorize(math.erf)
    h = x.astype(np.float64) @ w["W1"] + w["b1"]
    h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
    logits = h @ w["W2"] + w["b2"]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0 and "UNIMPLEMENTED" in result.stderr:
        # A device that lacks an op of the module (erf, say) refuses it when compiling.
        print(f"SKIP: the device does not support the module: {result.stderr.strip()}")
        sys.exit(77)
    if result.returncode != 0:
        print(f"FAIL: {' '.join(map(str, cmd))} exited {result.returncode}\n{result.stdout}{result.stderr}")
        sys.exit(1)
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mlp-build", required=True)
    parser.add_argument("--tisa-run", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--driver", default="reference")
    args = parser.parse_args()

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print(run([args.mlp_build, work]).strip())
    weights = {name: np.load(work / f"{name}.npy").astype(np.float64) for name in ("W1", "b1", "W2", "b2")}

    rng = np.random.default_rng(7)
    failures = 0
    # (batch, module file, optimization level): both forms of the module, with and without passes.
    for batch, module, opt in ((1, "mlp.tisa", "-O1"), (7, "mlp.tisa", "-O1"), (7, "mlp.tisa.txt", "-O0"),
                               (7, "mlp.tisa", "-O2")):
        x = rng.standard_normal((batch, 16)).astype(np.float32)
        x_path, out_path = work / f"x{batch}.npy", work / f"probs{batch}{opt}.npy"
        np.save(x_path, x)
        run([args.tisa_run, work / module, "--driver", args.driver, opt, "--input", x_path,
             "--output", out_path])
        out = np.load(out_path)
        ref = reference(x, weights)
        label = f"batch {batch} {module} {opt}"
        if out.dtype != np.float32 or out.shape != (batch, 10):
            print(f"FAIL {label}: got {out.dtype}{list(out.shape)}, expected float32[{batch}, 10]")
            failures += 1
            continue
        rel = np.abs(out - ref) / np.abs(ref)
        worst = float(rel.max())
        if worst <= RTOL:
            print(f"PASS {label}: max relative error {worst:.2e} (tolerance {RTOL:g})")
        else:
            i = np.unravel_index(int(rel.argmax()), rel.shape)
            print(f"FAIL {label}: relative error {worst:.2e} at {tuple(int(k) for k in i)}: "
                  f"got {out[i]!r}, numpy {ref[i]!r}")
            failures += 1
    print("PASS" if failures == 0 else f"FAIL ({failures} mismatches)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
