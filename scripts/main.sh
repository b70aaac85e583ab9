#!/usr/bin/env bash
# The main job: set up, build, list the drivers and devices (tisa-info), then run the MLP example
# (built with the builder API, saved as binary and text, run through tisa-run with batch 1 and 7
# and checked against numpy) on every driver that loaded, then the PyTorch example (an MLP and a
# CNN exported to ONNX, imported by tisa-onnx) and the transformer-block example (tisa::ops), which
# run on every driver themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release

# Only the drivers built in this tree, whatever is installed on the machine.
export TISA_DRIVER_FILES="$PWD/build/share/tisa/drivers"
build/bin/tisa-info

drivers=$(build/bin/tisa-info --json | /usr/bin/python3 -c \
  'import json, sys; print(" ".join(d["name"] for d in json.load(sys.stdin)["drivers"] if d["loaded"]))')
[ -n "$drivers" ] || { echo "no driver loaded" >&2; exit 1; }
for driver in $drivers; do
  echo "== MLP example on driver '$driver'"
  status=0
  /usr/bin/python3 examples/mlp/run_mlp.py --mlp-build build/bin/mlp_build --tisa-run build/bin/tisa-run \
    --work "build/examples/mlp/main-$driver" --driver "$driver" || status=$?
  [ "$status" -eq 0 ] || [ "$status" -eq 77 ] || exit "$status"  # 77: skipped, the reason printed
done

echo "== PyTorch example (MLP and CNN through ONNX) on every driver"
status=0
/usr/bin/python3 examples/pytorch/export_and_run.py --tisa-onnx build/bin/tisa-onnx \
  --tisa-info build/bin/tisa-info --work build/examples/pytorch/main || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 77 ] || exit "$status"  # 77: torch or onnx missing, skipped

echo "== Transformer block example on every driver"
build/bin/transformer_block
