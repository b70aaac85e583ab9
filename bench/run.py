#!/usr/bin/env python3
"""Runs tisa_bench and prints each subject's ratio to the anchor measured in the same run.

    bench/run.py [--build BUILD] [--filter REGEX] [--no-vulkan] [--repetitions N] [--min-time SECONDS]
                 [--json OUT] [--torch TORCH_JSON]

Ratios use the median of the repetitions. Throughput families compare rates (GFLOP/s, GB/s:
higher is better for the driver); launch shows the time of a launch of a 1-op module next to a
direct call doing the same work; mlp shows how many times faster the cpu driver is than the
reference driver. Only the drivers of the build are loaded (TISA_DRIVER_FILES).

With a Vulkan device, a second table puts the vulkan driver's matmul and elementwise figures next
to the cpu driver's and the anchor of the same run (--no-vulkan, or --filter 'cpu|openblas|memcpy',
leaves them out); without one it says why those rows are absent. --torch adds a third table: the
vulkan rows next to PyTorch's figures of the same shapes from bench/torch_anchor.py (cuBLAS matmul
and a device-to-device copy on a GPU).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def run_bench(build, bench_filter, repetitions, min_time, vulkan):
    exe = os.path.join(build, "bin", "tisa_bench")
    if not os.path.exists(exe):
        sys.exit(f"run.py: {exe} does not exist; build the tisa_bench target first")
    env = dict(os.environ, TISA_DRIVER_FILES=os.path.join(build, "share", "tisa", "drivers"))
    if not vulkan:
        env["TISA_BENCH_VULKAN"] = "0"
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = out.name
    cmd = [exe, f"--benchmark_filter={bench_filter}", f"--benchmark_min_time={min_time}",
           f"--benchmark_repetitions={repetitions}", "--benchmark_report_aggregates_only=true",
           f"--benchmark_out={path}", "--benchmark_out_format=json"]
    print("$ " + " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    with open(path) as f:
        report = json.load(f)
    os.unlink(path)
    return report


def medians(report):
    """{(family, shape, subject): entry} from the median aggregates (or the single runs)."""
    entries = {}
    for b in report["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        parts = b["run_name"].split("/")
        if parts[-1] == "real_time":
            parts = parts[:-1]
        family, subject = parts[0], parts[-1]
        shape = "/".join(parts[1:-1])
        if b.get("error_occurred"):
            print(f"run.py: {b['run_name']} failed: {b.get('error_message', '?')}", file=sys.stderr)
            continue
        entries[(family, shape, subject)] = b
    return entries


def usec(entry):
    scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[entry["time_unit"]]
    return entry["real_time"] * scale


def markdown(header, rows):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
    return "\n".join(lines)


def in_order(entries, subject):
    return [(family, shape, e) for (family, shape, s), e in entries.items() if s == subject]


def table(entries):
    rows = []
    for family, shape, e in in_order(entries, "cpu"):
        if family in ("matmul.square", "matmul.skinny", "conv3x3"):
            anchor = entries.get((family, shape, "openblas")) or entries.get((family, shape, "sgemm"))
            rows.append((family, shape, f"{e['GFLOP/s']:.1f} GFLOP/s",
                         f"{anchor['GFLOP/s']:.1f} GFLOP/s (sgemm)", f"{e['GFLOP/s'] / anchor['GFLOP/s']:.2f}x")
                        if anchor else (family, shape, f"{e['GFLOP/s']:.1f} GFLOP/s", "absent", "-"))
        elif family in ("elementwise", "softmax", "layernorm"):
            anchor = entries.get((family, shape, "memcpy"))
            rows.append((family, shape, f"{e['GB/s']:.1f} GB/s", f"{anchor['GB/s']:.1f} GB/s (memcpy)",
                         f"{e['GB/s'] / anchor['GB/s']:.2f}x")
                        if anchor else (family, shape, f"{e['GB/s']:.1f} GB/s", "absent", "-"))
        elif family == "launch" and (family, shape, "call") in entries:
            anchor = entries[(family, shape, "call")]
            rows.append((family, shape, f"{usec(e):.2f} us", f"{usec(anchor) * 1e3:.1f} ns (direct call)",
                         f"{usec(e) - usec(anchor):.2f} us overhead"))
        elif family == "mlp" and (family, shape, "reference") in entries:
            anchor = entries[(family, shape, "reference")]
            rows.append((family, shape, f"{usec(e):.1f} us", f"{usec(anchor):.1f} us (reference driver)",
                         f"{usec(anchor) / usec(e):.1f}x faster"))
    return markdown(("benchmark", "shape", "cpu driver", "anchor (same run)", "ratio"), rows)


def duration(us):
    return f"{us * 1e-3:.3g} ms" if us < 1e6 else f"{us * 1e-6:.3g} s"


def share(ratio):
    """A ratio readable at any size: 0.52x, or 1/470 where the driver is hundreds of times slower."""
    return f"{ratio:.2f}x" if ratio >= 0.1 else f"1/{1 / ratio:.0f}"


def vulkan_table(entries):
    """The vulkan rows next to the cpu driver's and the anchor's figures of the same run."""
    rows = []
    for family, shape, e in in_order(entries, "vulkan"):
        unit, anchor_name = ("GFLOP/s", "openblas") if family.startswith("matmul") else ("GB/s", "memcpy")
        cpu, anchor = entries.get((family, shape, "cpu")), entries.get((family, shape, anchor_name))
        fig = lambda entry: f"{entry[unit]:.3g} {unit}" if entry else "absent"
        ratio = lambda entry: share(e[unit] / entry[unit]) if entry else "-"
        rows.append((family, shape, fig(e), duration(usec(e)), fig(cpu),
                     fig(anchor) + f" ({anchor_name})" * bool(anchor), ratio(cpu), ratio(anchor)))
    header = ("benchmark", "shape", "vulkan driver", "per launch", "cpu driver", "anchor (same run)",
              "vulkan/cpu", "vulkan/anchor")
    return markdown(header, rows) if rows else None


def torch_table(entries, torch_report):
    """The vulkan rows next to PyTorch's anchor (its matmul, else a copy) and, for softmax and
    layernorm, PyTorch's own kernel of the same op."""
    figures = {(t["family"], t["shape"], t["subject"]): t for t in torch_report["entries"]}
    rows = []
    for family, shape, e in in_order(entries, "vulkan"):
        unit = "GFLOP/s" if family.startswith("matmul") else "GB/s"
        anchor = figures.get((family, shape, "torch" if unit == "GFLOP/s" else "copy"))
        op = figures.get((family, shape, "torch")) if unit == "GB/s" else None
        fig = lambda t: f"{t['value']:.3g} {unit}" if t else "-"
        ratio = lambda t: share(e[unit] / t["value"]) if t else "-"
        rows.append((family, shape, f"{e[unit]:.3g} {unit}", duration(usec(e)), fig(anchor), ratio(anchor),
                     fig(op), ratio(op)))
    header = ("benchmark", "shape", "vulkan driver", "per launch", "PyTorch anchor", "vulkan/anchor",
              "PyTorch op", "vulkan/op")
    return markdown(header, rows) if rows else None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(here, "..", "build"))
    parser.add_argument("--filter", default=".")
    parser.add_argument("--no-vulkan", action="store_true", help="leave out the vulkan driver's rows")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("--json", help="also write the raw Google Benchmark report here")
    parser.add_argument("--torch", help="bench/torch_anchor.py's JSON: adds the vulkan-vs-PyTorch table")
    args = parser.parse_args()
    torch_report = None
    if args.torch:
        with open(args.torch) as f:
            torch_report = json.load(f)
    report = run_bench(os.path.abspath(args.build), args.filter, args.repetitions, args.min_time,
                       not args.no_vulkan)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    ctx = report.get("context", {})
    print(f"{ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, "
          f"load average {ctx.get('load_avg', '?')}, {args.repetitions} repetitions (medians)")
    entries = medians(report)
    print(table(entries))
    vulkan = vulkan_table(entries)
    print()
    if vulkan:
        print(f"vulkan driver on {ctx.get('vulkan', '?')}:")
        print(vulkan)
    else:
        print(f"vulkan rows: {ctx.get('vulkan', 'absent (tisa_bench predates them)')}"
              + ("" if ctx.get("vulkan", "").startswith("absent") else "; none matched the filter"))
    if torch_report and vulkan:
        print()
        print(f"vulkan driver on {ctx.get('vulkan', '?')} against PyTorch {torch_report['torch']} "
              f"on {torch_report['device']} (anchor: matmul, else a copy of the same bytes):")
        print(torch_table(entries, torch_report))


if __name__ == "__main__":
    main()
