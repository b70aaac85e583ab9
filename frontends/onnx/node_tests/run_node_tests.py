#!/usr/bin/python3
"""Runs the ONNX backend node tests through tisa-onnx on one driver and compares the outputs
with the expected .pb tensors (rtol 1e-3, atol 1e-7, as onnx's backend runner).

Out of scope (not counted): tests whose graph has non-tensor values (sequences, optionals, maps),
string or complex tensors, element types TISA has no dtype for (uint16/32/64, int16), ops outside
the default domain (training / preview domains), or training mode (the tests named *training*). With --expected FILE, every test listed
there must pass (exit 1 otherwise) and newly passing tests are reported; --write-expected FILE
writes the passing tests."""
import argparse
import collections
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import numpy_helper

OUT_OF_SCOPE_TYPES = {onnx.TensorProto.STRING, onnx.TensorProto.COMPLEX64, onnx.TensorProto.COMPLEX128}
TP = onnx.TensorProto
TISA_TYPES = {TP.FLOAT, TP.DOUBLE, TP.FLOAT16, TP.BFLOAT16, TP.INT8, TP.UINT8, TP.INT32, TP.INT64, TP.BOOL}


def in_scope(name, model):
    g = model.graph
    if "training" in name:
        return False, "training mode"
    for v in list(g.input) + list(g.output):
        t = v.type
        if not t.HasField("tensor_type"):
            return False, "non-tensor value"
        if t.tensor_type.elem_type in OUT_OF_SCOPE_TYPES:
            return False, "string or complex tensor"
        if t.tensor_type.elem_type not in TISA_TYPES:
            return False, "dtype TISA does not have (%s)" % TP.DataType.Name(t.tensor_type.elem_type)
    for n in g.node:
        if n.domain not in ("", "ai.onnx"):
            return False, "domain " + n.domain
    return True, ""


def category(stderr):
    m = re.search(r"module needs TISA (\S+) but device", stderr)
    if m:
        return "driver implements an older ISA than " + m.group(1)
    m = re.search(r"needs extensions (\S+) that device", stderr)
    if m:
        return "driver lacks extension " + m.group(1)
    m = re.search(r"element type (\w+) has no TISA dtype", stderr)
    if m:
        return "no TISA dtype for " + m.group(1)
    m = re.search(r"operator (\w+) is not supported", stderr)
    if m:
        return "unsupported op " + m.group(1)
    m = re.search(r"\((\w+)\): attribute '(\w+)'", stderr)
    if m:
        return "unsupported attribute %s.%s" % (m.group(1), m.group(2))
    m = re.search(r"\((\w+)\): .*must be a constant", stderr)
    if m:
        return "data-dependent input of " + m.group(1)
    if "opset" in stderr and "supports" in stderr:
        return "opset outside 7-17"
    m = re.search(r"\((\w+)\):", stderr)
    if m:
        return "import error in " + m.group(1)
    if "dtype" in stderr:
        return "dtype"
    return "run error"


def run_test(tool, driver, test_dir):
    name = os.path.basename(test_dir)
    model = onnx.load(os.path.join(test_dir, "model.onnx"))
    ok, why = in_scope(name, model)
    if not ok:
        return name, "skip", why
    for data_set in sorted(glob.glob(os.path.join(test_dir, "test_data_set_*"))):
        inputs = sorted(glob.glob(os.path.join(data_set, "input_*.pb")), key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0]))
        outputs = sorted(glob.glob(os.path.join(data_set, "output_*.pb")), key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0]))
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [tool, os.path.join(test_dir, "model.onnx"), "--run", "--output-dir", tmp]
            # "evaluate": tisa-onnx's in-process reference evaluator (every dtype, no driver).
            cmd += ["--evaluate"] if driver == "evaluate" else ["--driver", driver]
            if inputs:
                # Node tests pass shapes, axes and scales as graph inputs: specialize on them.
                cmd += ["--specialize", "--input"] + inputs
            try:
                r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
            except subprocess.TimeoutExpired:
                return name, "fail", "timeout"
            if r.returncode != 0:
                return name, "fail", category(r.stderr) + "\t" + r.stderr.strip().replace("\n", " ")[:300]
            for i, out in enumerate(outputs):
                want = numpy_helper.to_array(onnx.load_tensor(out))
                path = os.path.join(tmp, "out%d.npy" % i)
                if not os.path.exists(path):
                    return name, "fail", "missing output %d" % i
                got = np.load(path)
                if got.shape != want.shape:
                    return name, "fail", "shape mismatch\t%s vs %s" % (got.shape, want.shape)
                if got.dtype != want.dtype:
                    return name, "fail", "dtype mismatch\t%s vs %s" % (got.dtype, want.dtype)
                try:
                    if want.dtype.kind == "f":
                        np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-7)
                    else:
                        np.testing.assert_array_equal(got, want)
                except AssertionError as e:
                    return name, "fail", "numeric mismatch\t" + str(e).strip().replace("\n", " ")[:300]
    return name, "pass", ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tisa-onnx", required=True)
    ap.add_argument("--data", required=True, help="folder of the generated node tests (generate.py)")
    ap.add_argument("--generate", action="store_true",
                    help="generate the tests first (generate.py) when --data does not exist")
    ap.add_argument("--driver", default="reference",
                    help="a driver name, or 'evaluate' for the in-process reference evaluator")
    ap.add_argument("--filter", default="", help="regular expression on the test names")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--expected", help="file of the tests that must pass")
    ap.add_argument("--write-expected", help="write the passing tests here")
    ap.add_argument("--report", help="write one line per test: name, result, reason")
    a = ap.parse_args()

    if a.generate and not os.path.isdir(a.data):
        # generate.py writes OUT/node, OUT/real, ...: --data is OUT/node.
        subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate.py"),
                        os.path.dirname(os.path.abspath(a.data))], check=True, capture_output=True)
    tests = sorted(d for d in glob.glob(os.path.join(a.data, "test_*")) if re.search(a.filter, os.path.basename(d)))
    if not tests:
        sys.exit("no tests under %s" % a.data)
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        results = list(pool.map(lambda d: run_test(a.tisa_onnx, a.driver, d), tests))

    passed = sorted(n for n, r, _ in results if r == "pass")
    failed = [(n, why) for n, r, why in results if r == "fail"]
    skipped = [(n, why) for n, r, why in results if r == "skip"]
    in_scope_count = len(passed) + len(failed)
    print("driver %s: %d of %d in-scope node tests pass (%.1f%%); %d out of scope" %
          (a.driver, len(passed), in_scope_count, 100.0 * len(passed) / max(in_scope_count, 1), len(skipped)))
    by_category = collections.Counter(why.split("\t")[0] for _, why in failed)
    for cat, n in by_category.most_common():
        print("  %4d  %s" % (n, cat))
    print("out of scope:")
    for cat, n in collections.Counter(why for _, why in skipped).most_common():
        print("  %4d  %s" % (n, cat))
    if a.report:
        with open(a.report, "w") as f:
            for n, r, why in results:
                f.write("%s\t%s\t%s\n" % (n, r, why))
    if a.write_expected:
        with open(a.write_expected, "w") as f:
            f.write("".join(n + "\n" for n in passed))
    if a.expected:
        with open(a.expected) as f:
            expected = {l.strip() for l in f if l.strip() and not l.startswith("#")}
        selected = {os.path.basename(t) for t in tests}
        regressions = sorted((expected & selected) - set(passed))
        new = sorted(set(passed) - expected)
        for n in new:
            print("newly passing (add it to %s): %s" % (a.expected, n))
        for n in regressions:
            print("REGRESSION: %s no longer passes: %s" % (n, dict(failed).get(n, "not run")))
        if regressions:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
