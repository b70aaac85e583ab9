#!/usr/bin/env python3
"""PyTorch's figures for the shapes of tisa_bench's vulkan rows, on one PyTorch device.

    bench/torch_anchor.py [--device cuda|cpu] [--max-elements N] [--max-macs N]
                          [--repetitions N] [--min-time SECONDS] --json OUT

The anchors the Vulkan driver is held against on a GPU:
  matmul       f32 torch.matmul (cuBLAS on CUDA), TF32 off so that it is the same arithmetic
  elementwise  a device-to-device copy of the same bytes (x.copy_(y): n floats read, n written)
  softmax      torch.softmax over the last axis, and the copy of the same bytes
  layernorm    torch.nn.functional.layer_norm over the last axis, and the copy of the same bytes
Each figure is the median of --repetitions timings, each of as many calls as fill --min-time,
timed with CUDA events on CUDA. The JSON lists {family, shape, subject, unit, value, ms}, with
family and shape spelled as tisa_bench spells them, for bench/run.py --torch.
"""
import argparse
import json
import statistics
import sys
import time

# The shapes of bench/bench_main.cpp's register_all, in its spelling.
SQUARE = (64, 128, 256, 512, 1024, 2048)
SKINNY = (512, 1024, 2048)
COUNTS = {"64K": 64 << 10, "1M": 1 << 20, "4M": 4 << 20, "16M": 16 << 20, "64M": 64 << 20}
ROWS = (64, 1024)
COLS = 4096


class Timer:
    def __init__(self, torch, device, repetitions, min_time):
        self.torch, self.device = torch, device
        self.repetitions, self.min_time = repetitions, min_time

    def sync(self):
        if self.device.type == "cuda":
            self.torch.cuda.synchronize()

    def _elapsed(self, fn, calls):
        """Seconds for calls calls of fn, on the device's clock where it has one."""
        if self.device.type == "cuda":
            start, stop = self.torch.cuda.Event(enable_timing=True), self.torch.cuda.Event(enable_timing=True)
            start.record()
            for _ in range(calls):
                fn()
            stop.record()
            stop.synchronize()
            return start.elapsed_time(stop) * 1e-3
        begin = time.perf_counter()
        for _ in range(calls):
            fn()
        return time.perf_counter() - begin

    def seconds_per_call(self, fn):
        for _ in range(3):
            fn()
        self.sync()
        calls = 1
        while (elapsed := self._elapsed(fn, calls)) < self.min_time / 4 and calls < 1 << 20:
            calls *= 4
        calls = max(1, int(calls * self.min_time / max(elapsed, 1e-9)))
        return statistics.median(self._elapsed(fn, calls) / calls for _ in range(self.repetitions))


def measure(torch, device, timer, max_macs, max_elements):
    entries = []

    def add(family, shape, subject, seconds, work, unit):
        entries.append({"family": family, "shape": shape, "subject": subject, "unit": unit,
                        "value": work / seconds / 1e9, "ms": seconds * 1e3})
        print(f"{family}/{shape}/{subject}: {work / seconds / 1e9:.4g} {unit}", file=sys.stderr)

    gen = torch.Generator(device=device).manual_seed(1)

    def rand(*shape):
        return torch.rand(*shape, generator=gen, device=device) * 2 - 1

    def matmul(family, m, k, n):
        if m * k * n > max_macs:
            return
        a, b = rand(m, k), rand(k, n)
        out = torch.empty(m, n, device=device)
        add(family, f"{m}x{k}x{n}", "torch", timer.seconds_per_call(lambda: torch.matmul(a, b, out=out)),
            2.0 * m * k * n, "GFLOP/s")

    for n in SQUARE:
        matmul("matmul.square", n, n, n)
    for n in SKINNY:
        matmul("matmul.skinny", 64, n, n)

    def copy(family, shapes, count):
        src, dst = rand(count), torch.empty(count, device=device)
        seconds = timer.seconds_per_call(lambda: dst.copy_(src))
        for shape in shapes:
            add(family, shape, "copy", seconds, 8.0 * count, "GB/s")

    for name, count in COUNTS.items():
        if count <= max_elements:
            copy("elementwise", [f"n={name}/ops={ops}" for ops in (1, 2, 4, 8)], count)
    for rows in ROWS:
        if rows * COLS > max_elements:
            continue
        shape, x = f"{rows}x{COLS}", rand(rows, COLS)
        gamma, beta = rand(COLS), rand(COLS)
        bytes_moved = 8.0 * rows * COLS
        copy("softmax", [shape], rows * COLS)
        add("softmax", shape, "torch", timer.seconds_per_call(lambda: torch.softmax(x, dim=-1)),
            bytes_moved, "GB/s")
        copy("layernorm", [shape], rows * COLS)
        layer_norm = torch.nn.functional.layer_norm
        add("layernorm", shape, "torch",
            timer.seconds_per_call(lambda: layer_norm(x, (COLS,), gamma, beta, 1e-5)), bytes_moved, "GB/s")
    return entries


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", help="a torch device; default cuda when PyTorch sees one, else cpu")
    parser.add_argument("--max-macs", type=float, default=float("inf"), help="skip larger matmuls")
    parser.add_argument("--max-elements", type=float, default=float("inf"), help="skip larger tensors")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("--json", required=True, help="where the figures go")
    args = parser.parse_args()
    if args.repetitions < 1 or args.min_time <= 0:
        parser.error("--repetitions must be at least 1 and --min-time positive")
    try:
        import torch
    except ImportError as e:
        sys.exit(f"torch_anchor.py: PyTorch is not importable by {sys.executable}: {e}")
    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    if device.type == "cuda" and not torch.cuda.is_available():
        sys.exit("torch_anchor.py: --device cuda, but PyTorch sees no CUDA device")
    # f32 on both sides: TF32 would round the operands to 10-bit mantissas.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"cpu ({torch.get_num_threads()} threads)"
    with torch.no_grad():
        entries = measure(torch, device, Timer(torch, device, args.repetitions, args.min_time),
                          args.max_macs, args.max_elements)
    report = {"device": name, "torch": torch.__version__, "entries": entries}
    with open(args.json, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
