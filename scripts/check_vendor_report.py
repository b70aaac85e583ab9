#!/usr/bin/env python3
"""Checks the conformance report of examples/vendor-driver (called by scripts/check_install.sh).

The example driver runs the elementwise ops on f32 (every unary and binary op of the registry
whose type class admits f32) and nothing else, and claims no profile. So its run must show:
device_supports exactly those (op, f32) pairs; passes on them only; NotSupported for every
other op case; no failure of any kind; and no TISA-B conformance verdict.

usage: check_vendor_report.py REGISTRY.yaml TISA_INFO.json REPORT.json
"""
import json
import sys

import yaml


def expected_pairs(registry):
    """The (op, 'f32') pairs of the unary and binary ops whose T admits f32."""
    classes = registry["type_classes"]
    pairs = set()
    for op in registry["ops"]:
        if op["group"] not in ("unary", "binary") or op.get("extension", "base") != "base":
            continue
        t_class = op.get("types", {}).get("T")
        if t_class and "float" in classes.get(t_class, []):
            pairs.add((op["name"], "f32"))
    return pairs


def main(registry_path, info_path, report_path):
    with open(registry_path, encoding="utf-8") as f:
        expected = expected_pairs(yaml.safe_load(f))
    with open(info_path, encoding="utf-8") as f:
        info = json.load(f)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    problems = []

    # What the driver says it supports (tisa-info asks device_supports for every pair).
    devices = info.get("devices", [])
    if len(devices) != 1:
        problems.append(f"tisa-info shows {len(devices)} devices for the vendor manifest, expected 1")
    else:
        claimed = {(op, dtype) for op, cells in devices[0]["coverage"].items()
                   for dtype, supported in cells.items() if supported}
        if claimed != expected:
            problems.append(f"device_supports: claims {sorted(claimed - expected)} beyond and misses "
                            f"{sorted(expected - claimed)} of the elementwise f32 ops")

    cases = report.get("cases", [])
    counts = {}
    passed_pairs = set()
    for case in cases:
        name, status = case["name"], case["status"]
        counts[status] = counts.get(status, 0) + 1
        if status not in ("Pass", "NotSupported"):
            problems.append(f"{name}: {status}: {case.get('message', '')}")
        parts = name.split(".")
        if name.startswith("op.") and status == "Pass":
            pair = (parts[1], parts[2])
            if pair not in expected:
                problems.append(f"{name} passed, but the driver does not run {pair[0]} on {pair[1]}")
            passed_pairs.add(pair)
    for pair in sorted(expected - passed_pairs):
        problems.append(f"no op.{pair[0]}.{pair[1]}.* case passed")
    if not counts.get("NotSupported"):
        problems.append("no case is NotSupported: the driver's gaps are not reported")

    for row in report.get("coverage", []):
        pair = (row["op"], row["dtype"])
        if row.get("fail", 0):
            problems.append(f"coverage {pair}: {row['fail']} failures")
        if row.get("pass", 0) and pair not in expected:
            problems.append(f"coverage {pair}: passes on a pair the driver does not run")

    verdicts = {v["profile_or_extension"]: v for v in report.get("verdicts", [])}
    base = verdicts.get("TISA-B")
    if base is None:
        problems.append("the report has no TISA-B verdict")
    elif "claim" not in base["verdict"].lower():
        problems.append(f"TISA-B verdict is {base['verdict']!r}: a driver with gaps does not claim the profile")

    print(f"vendor-example: {len(cases)} cases, {counts}; passes on {len(passed_pairs & expected)} of "
          f"{len(expected)} elementwise f32 ops; TISA-B verdict: "
          f"{base['verdict'] + ' (' + base['reason'] + ')' if base else 'none'}")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
