#!/usr/bin/python3
"""PyTorch -> ONNX -> TISA, end to end: exports an MLP and a small CNN (symbolic batch N) with
torch.onnx.export, imports each with tisa-onnx, runs it on every device of every driver that
libtisa loads (listed by `tisa-info --json`) at two batch sizes, and compares the outputs with
PyTorch's: the float64 model (the spec's reference) and the float32 model.

Pass rule (spec section 5.8, the bound of a whole program): max|out - ref64| / max|ref64| <=
64 * 2^-24 * W, W computed from the imported module (program_bound.py); against torch's float32
outputs, twice that (both sides may be off by the bound).

usage: export_and_run.py --tisa-onnx PATH --tisa-info PATH --work DIR
Exit status: 0 PASS, 1 FAIL, 77 skipped (python3-torch, -onnx, -numpy or -yaml missing).
"""
import argparse
import copy
import json
import subprocess
import sys
from pathlib import Path

try:
    import numpy as np
    import onnx  # noqa: F401  (torch.onnx.export needs it)
    import torch
    import yaml  # noqa: F401  (program_bound.py reads the registry)
except ImportError as e:
    print(f"SKIP: {e.name} is not installed "
          "(apt-get install python3-torch python3-onnx python3-numpy python3-yaml)")
    sys.exit(77)

from models import make_models, export
from program_bound import program_bound

SEED = 20240611
# (batch, optimization level) per model: two batch sizes through one module with a symbolic N.
RUNS = {"mlp": ((1, "-O1"), (7, "-O1"), (7, "-O2")), "cnn": ((1, "-O1"), (3, "-O1"), (3, "-O2"))}

# One import or run takes well under a second here; a command still running after this hangs.
COMMAND_TIMEOUT_S = 120


class Failed(Exception):
    pass


def run(cmd):
    try:
        result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
    except OSError as e:
        raise Failed(f"cannot run {cmd[0]}: {e.strerror}") from e
    except subprocess.TimeoutExpired as e:
        raise Failed(f"{' '.join(map(str, cmd))} did not finish in {COMMAND_TIMEOUT_S} s (hang?)") from e
    if result.returncode != 0:
        raise Failed(f"{' '.join(map(str, cmd))} exited {result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout


def list_devices(tisa_info):
    """[(selector, label)] for every device of every loaded driver, e.g. ('reference:0', ...)."""
    info = json.loads(run([tisa_info, "--json"]))
    for d in info["drivers"]:
        if not d["loaded"]:
            print(f"note: driver '{d['name']}' not loaded: {d['reason']}")
    devices, seen = [], {}
    for dev in info["devices"]:
        k = seen.get(dev["driver"], 0)
        seen[dev["driver"]] = k + 1
        devices.append((f"{dev['driver']}:{k}", f"{dev['driver']}:{k} ({dev['name']})"))
    return devices


def errors(out, ref):
    """(max abs error, max abs error / max |ref|, max elementwise relative error)."""
    diff = np.abs(out.astype(np.float64) - ref)
    scale = max(float(np.abs(ref).max()), 2.0**-126)
    rel = diff / np.maximum(np.abs(ref), 2.0**-126)
    return float(diff.max()), float(diff.max()) / scale, float(rel.max())


def check_model(name, model, args, devices, rng):
    work = Path(args.work) / name
    work.mkdir(parents=True, exist_ok=True)
    onnx_path, text_path = work / f"{name}.onnx", work / f"{name}.tisa.txt"
    export(model, onnx_path)
    run([args.tisa_onnx, onnx_path, "--text", "-o", text_path])
    module_text = text_path.read_text()
    model64 = copy.deepcopy(model).double()
    ran = failures = 0
    for batch, opt in RUNS[name]:
        x = rng.standard_normal(model.input_shape(batch)).astype(np.float32)
        x_path = work / f"x{batch}.npy"
        np.save(x_path, x)
        with torch.no_grad():
            ref32 = model(torch.from_numpy(x)).numpy()
            ref64 = model64(torch.from_numpy(x).double()).numpy()
        bound, weight = program_bound(module_text, {"N": batch})
        for selector, label in devices:
            out_dir = work / f"out-{selector.replace(':', '-')}-b{batch}{opt}"
            what = f"{name} batch {batch} {opt} on {label}"
            try:
                run([args.tisa_onnx, onnx_path, "--run", "--device", selector, opt, "--input", x_path,
                     "--output-dir", out_dir])
            except Failed as e:
                if "UNIMPLEMENTED" in str(e):  # the driver said "not supported" up front
                    print(f"NOT SUPPORTED {what}: {str(e).strip().splitlines()[-1]}")
                    continue
                raise
            ran += 1
            out = np.load(out_dir / "out0.npy")
            if out.dtype != np.float32 or out.shape != ref64.shape:
                print(f"FAIL {what}: got {out.dtype}{list(out.shape)}, expected float32{list(ref64.shape)}")
                failures += 1
                continue
            abs64, norm64, rel64 = errors(out, ref64)
            abs32, norm32, rel32 = errors(out, ref32.astype(np.float64))
            ok = norm64 <= bound and norm32 <= 2 * bound
            failures += not ok
            print(f"{'PASS' if ok else 'FAIL'} {what}: vs torch f64 max abs {abs64:.2e}, /max|ref| "
                  f"{norm64:.2e} (bound {bound:.2e}, W={weight}), max rel {rel64:.2e}; vs torch f32 "
                  f"max abs {abs32:.2e}, /max|ref| {norm32:.2e}, max rel {rel32:.2e}")
    return ran, failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tisa-onnx", required=True)
    parser.add_argument("--tisa-info", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()

    torch.set_num_threads(1)  # the CI machine has 2 cores; the models are tiny
    rng = np.random.default_rng(SEED)
    try:
        devices = list_devices(args.tisa_info)
        if not devices:
            print("FAIL: libtisa lists no device (see tisa-info; TISA_LOADER_DEBUG=1 says why)")
            return 1
        ran = failures = 0
        for name, model in make_models(SEED).items():
            r, f = check_model(name, model, args, devices, rng)
            ran, failures = ran + r, failures + f
    except Failed as e:
        print(f"FAIL: {e}")
        return 1
    if ran == 0:
        print("FAIL: no run: every device refused the models")
        return 1
    print("PASS" if failures == 0 else f"FAIL ({failures} of {ran} runs)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
