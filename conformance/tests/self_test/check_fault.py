#!/usr/bin/env python3
"""The conformance suite proves itself: runs tisa-cts on the fault-injected test driver (one
manifest per fault, conformance/tests/faulty_driver) and checks, from the JSON report, that the
fault is reported on the cases it affects, with the right status, and that every other case
still passes. The "none" manifest runs every filter below on the same driver without a fault,
so a case that fails there is a bug in the suite or the driver, not in this table.

usage: check_fault.py --cts PATH --manifests DIR --work DIR FAULT
"""
import argparse
import fnmatch
import json
import os
import resource
import subprocess
import sys

# For each fault: the cases to run (the affected ones plus unrelated controls), which case names
# the fault may change, the statuses it must produce there, and names (globs) each of which must
# have at least one case reported with that status. "every" means every affected case must
# carry the fault's status (a crash or a hang cannot go unnoticed on any case that reaches it).
FAULTS = {
    "slice_off_by_one": dict(
        filters=["op.slice.*", "op.add.f32.*", "op.reverse.i32.odd*"],
        affected=["op.slice.*", "*.sliced"],
        status="Fail",
        must=["op.slice.f32.*", "op.slice.i32.*", "op.slice.bool.*", "op.add.f32.sliced"]),
    "cast_rounding": dict(
        filters=["op.cast.f32.*", "op.cast.i32.*"],
        affected=["op.cast.f32.i8.*", "op.cast.f32.u8.*", "op.cast.f32.i32.*", "op.cast.f32.i64.*"],
        status="Fail",
        must=["op.cast.f32.i8.random", "op.cast.f32.i32.random", "op.cast.f32.i64.random"]),
    "max_drops_nan": dict(
        filters=["op.max.f32.*", "op.min.f32.*", "op.max.i32.*"],
        affected=["op.max.f32.*"],
        status="Fail",
        must=["op.max.f32.nan", "op.max.f32.special"]),
    "concat_oob_write": dict(
        filters=["op.concat.*", "op.pad.i8.*", "op.add.u8.odd"],
        affected=["op.concat.*"],
        status="Fail",
        every=True,
        message="guard",
        must=["op.concat.f32.*", "op.concat.i64.*", "op.concat.bool.*"]),
    "crash_in_op": dict(
        filters=["op.reverse.*", "op.add.i32.*"],
        affected=["op.reverse.*"],
        status="Crash",
        every=True,
        must=["op.reverse.f32.*"]),
    "hang_in_op": dict(
        filters=["op.pad.f32.*", "op.add.f32.odd", "op.neg.i8.*"],
        affected=["op.pad.f32.*"],
        status="Timeout",
        every=True,
        timeout=3,
        must=["op.pad.f32.*"]),
    "symbolic_only": dict(
        filters=["op.add.f32.*", "op.mul.i32.*", "op.eq.bool.*"],
        affected=["*.symbolic*"],
        status="Fail",
        every=True,
        must=["op.add.f32.symbolic", "op.mul.i32.symbolic", "op.eq.bool.symbolic"]),
    "bf16_truncates": dict(
        filters=["op.cast.f32.bf16.*", "op.cast.f32.f16.*", "op.cast.bf16.f32.*", "op.add.bf16.odd"],
        affected=["op.cast.f32.bf16.*"],
        status="Fail",
        must=["op.cast.f32.bf16.random", "op.cast.f32.bf16.special"]),
    "expm1_composed": dict(
        filters=["op.expm1.f32.*", "op.exp.f32.random", "op.log1p.f32.random"],
        affected=["op.expm1.f32.*"],
        status="Fail",
        must=["op.expm1.f32.random", "op.expm1.f32.large"]),
    "scan_ignores_exclusive": dict(
        filters=["op.cumsum.*", "op.cummax.i8.*", "op.cumprod.f32.axis0"],
        affected=["op.cum*exclusive*"],
        status="Fail",
        must=["op.cumsum.f32.exclusive", "op.cumsum.i32.exclusive.reverse", "op.cummax.i8.exclusive.axis0",
              "op.cumsum.u8.symbolic.exclusive.reverse", "op.cumsum.f32.nan.exclusive.reverse"]),
}
# The control run: every filter above on the driver without a fault; everything passes.
FAULTS["none"] = dict(
    filters=sorted({f for spec in FAULTS.values() for f in spec["filters"]}),
    affected=[], status=None, must=[])


def matches(name, globs):
    return any(fnmatch.fnmatchcase(name, g) for g in globs)


def run_cts(args, spec, report):
    command = [args.cts, "--driver", os.path.join(args.manifests, f"faulty-{args.fault}.json"),
               "--jobs", str(args.jobs), "--timeout", str(spec.get("timeout", 60)), "--report", report]
    for glob in spec["filters"]:
        command += ["--filter", glob]
    print("running:", " ".join(command), flush=True)
    no_core_dumps = lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          preexec_fn=no_core_dumps, timeout=900)
    print(done.stdout[-4000:], flush=True)
    return done.returncode


def check(args):
    spec = FAULTS[args.fault]
    os.makedirs(args.work, exist_ok=True)
    report_path = os.path.join(args.work, f"faulty-{args.fault}.json")
    if os.path.exists(report_path):
        os.remove(report_path)
    rc = run_cts(args, spec, report_path)
    problems = []
    if not os.path.exists(report_path):
        return [f"tisa-cts (exit {rc}) wrote no report"]
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    cases = report["cases"]
    if not cases:
        problems.append("no case ran")
    expected_rc = 0 if spec["status"] is None else 1
    if rc != expected_rc:
        problems.append(f"tisa-cts exited {rc}, expected {expected_rc}")

    for case in cases:
        name, status = case["name"], case["status"]
        if not matches(name, spec["filters"]):
            problems.append(f"{name}: ran although no --filter selects it")
        if matches(name, spec["affected"]):
            allowed = {spec["status"]} if spec.get("every") else {spec["status"], "Pass"}
        else:
            allowed = {"Pass"}  # unrelated to the fault: a failure here is a false alarm
        if status not in allowed:
            problems.append(f"{name}: {status} ({case.get('message', '')!r}), expected one of {sorted(allowed)}")
        elif status == spec["status"] and spec.get("message") and spec["message"] not in case.get("message", ""):
            problems.append(f"{name}: {status} for another reason than expected: {case.get('message', '')!r}")

    for glob in spec["must"]:
        hits = [c for c in cases if fnmatch.fnmatchcase(c["name"], glob) and c["status"] == spec["status"]]
        if not hits:
            problems.append(f"the fault was not reported as {spec['status']} on any case matching {glob}")

    caught = [c["name"] for c in cases if c["status"] == spec["status"]] if spec["status"] else []
    print(f"{args.fault}: {len(cases)} cases, {len(caught)} reported as {spec['status']}", flush=True)
    for name in caught[:20]:
        print("  caught:", name)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cts", required=True, help="the tisa-cts executable")
    parser.add_argument("--manifests", required=True, help="folder of the faulty-<fault>.json manifests")
    parser.add_argument("--work", required=True, help="folder for the reports")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("fault", choices=sorted(FAULTS))
    args = parser.parse_args()
    problems = check(args)
    for p in problems:
        print("FAIL:", p)
    if problems:
        return 1
    print(f"ok: fault {args.fault} is caught where it should be and nowhere else")
    return 0


if __name__ == "__main__":
    sys.exit(main())
