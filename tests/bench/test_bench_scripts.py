#!/usr/bin/env python3
"""The scripts of the GPU run (scripts/gpu_kit.sh) that can be checked without a GPU:
bench/torch_anchor.py measures on PyTorch's CPU device and writes every shape it was asked for in
tisa_bench's spelling, and bench/run.py's PyTorch table pairs each vulkan row with its anchor."""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest

BENCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench")


def load_run_py():
    spec = importlib.util.spec_from_file_location("bench_run", os.path.join(BENCH, "run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TorchAnchor(unittest.TestCase):
    def test_small_shapes_on_the_cpu(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "torch.json")
            subprocess.run([sys.executable, os.path.join(BENCH, "torch_anchor.py"), "--device", "cpu",
                            "--max-macs", str(128 ** 3), "--max-elements", str(300000),
                            "--repetitions", "1", "--min-time", "0.002", "--json", out], check=True)
            with open(out) as f:
                report = json.load(f)
        keys = {(e["family"], e["shape"], e["subject"]) for e in report["entries"]}
        expected = {("matmul.square", "64x64x64", "torch"), ("matmul.square", "128x128x128", "torch"),
                    ("softmax", "64x4096", "torch"), ("softmax", "64x4096", "copy"),
                    ("layernorm", "64x4096", "torch"), ("layernorm", "64x4096", "copy")}
        expected |= {("elementwise", f"n=64K/ops={ops}", "copy") for ops in (1, 2, 4, 8)}
        self.assertEqual(keys, expected)  # the larger shapes were left out, as asked
        for e in report["entries"]:
            self.assertGreater(e["value"], 0)
            self.assertEqual(e["unit"], "GFLOP/s" if e["family"].startswith("matmul") else "GB/s")
        self.assertTrue(report["device"].startswith("cpu"))

    def test_refuses_bad_arguments(self):
        result = subprocess.run([sys.executable, os.path.join(BENCH, "torch_anchor.py"), "--repetitions", "0",
                                 "--json", os.devnull], capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--repetitions", result.stderr)


class TorchTable(unittest.TestCase):
    def test_pairs_each_vulkan_row_with_its_anchor(self):
        run = load_run_py()
        entries = {("matmul.square", "512x512x512", "vulkan"):
                       {"GFLOP/s": 500.0, "real_time": 0.5, "time_unit": "ms"},
                   ("softmax", "64x4096", "vulkan"): {"GB/s": 30.0, "real_time": 70.0, "time_unit": "us"},
                   ("softmax", "64x4096", "cpu"): {"GB/s": 10.0, "real_time": 1.0, "time_unit": "ms"}}
        torch_report = {"entries": [
            {"family": "matmul.square", "shape": "512x512x512", "subject": "torch", "value": 1000.0},
            {"family": "softmax", "shape": "64x4096", "subject": "copy", "value": 3000.0},
            {"family": "softmax", "shape": "64x4096", "subject": "torch", "value": 60.0}]}
        lines = run.torch_table(entries, torch_report).splitlines()
        self.assertEqual(len(lines), 4)  # header, rule, the two vulkan rows
        matmul = [c.strip() for c in lines[2].strip("|").split("|")]
        softmax = [c.strip() for c in lines[3].strip("|").split("|")]
        self.assertEqual(matmul[4:], ["1e+03 GFLOP/s", "0.50x", "-", "-"])
        self.assertEqual(softmax[4:], ["3e+03 GB/s", "1/100", "60 GB/s", "0.50x"])


if __name__ == "__main__":
    unittest.main()
