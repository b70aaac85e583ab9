#!/usr/bin/env bash
# The Vulkan driver's GPU run (CTS pass counts, benchmarks against PyTorch) as one prepared step,
# for a machine with a GPU and PyTorch but none of this project's build dependencies.
#
#   scripts/gpu_kit.sh pack [BUILD]   here: bundle BUILD's (default build/) tools, drivers and the
#                                     shared libraries they need into .gpu-kit/tisa-kit.tar.gz
#   scripts/gpu_kit.sh run [OUT]      there, from the repository root with .gpu-kit beside it:
#                                     unpack, then run tisa-info, the TISA-B CTS on the vulkan
#                                     driver's GPU device, bench/torch_anchor.py and bench/run.py
#                                     --torch; every output lands in OUT (default $OUT, else out/)
#
# The C and C++ runtimes (libc, libstdc++, libgcc_s) are the machine's own: they must be as new as
# this build's (Debian 12: glibc 2.36, GCC 12). The Vulkan loader travels and is used where the
# machine has none. Each step of `run` has a time limit and a failing step does not stop the
# others; the exit status is the first failure's.
set -uo pipefail
cd "$(dirname "$0")/.."
readonly KIT=.gpu-kit/tisa-kit.tar.gz

# Libraries that stay the machine's: the C/C++ runtimes and the dynamic linker.
readonly SYSTEM_LIBS='^(libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|ld-linux-x86-64|linux-vdso)\.'

pack() {
  set -e
  local build=${1:-build}
  for f in bin/tisa-info bin/tisa-cts bin/tisa-run bin/tisa_bench lib/libtisa.so.1 \
           lib/libtisa_driver_vulkan.so lib/libtisa_driver_cpu.so; do
    [ -e "$build/$f" ] || { echo "gpu_kit.sh: $build/$f is missing; build the release tree first" \
                                 "(scripts/build.sh release)" >&2; exit 1; }
  done
  stage=$(mktemp -d)  # global: the EXIT trap runs after pack returns
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/bin" "$stage/lib/vulkan-loader" "$stage/share/tisa/drivers"
  cp "$build"/bin/{tisa-info,tisa-cts,tisa-run,tisa_bench} "$stage/bin/"
  cp -L "$build"/lib/{libtisa.so.1,libtisa_driver_vulkan.so,libtisa_driver_cpu.so} "$stage/lib/"
  # Manifests with paths relative to themselves, so the kit runs wherever it is unpacked.
  for driver in vulkan cpu; do
    printf '{"file_format_version": "1.0.0", "driver": {"name": "%s", "library_path": "../../../lib/libtisa_driver_%s.so", "abi_major": 1, "library_arch": "x86_64", "config": ""}}\n' \
      "$driver" "$driver" >"$stage/share/tisa/drivers/$driver.json"
  done
  # The shared libraries the tools and drivers need beyond the runtimes.
  ldd "$stage"/bin/* "$stage"/lib/*.so* | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' | sort -u |
    while read -r name path; do
      [[ $name =~ $SYSTEM_LIBS || $name == libtisa* ]] && continue
      if [[ $name == libvulkan.so.1 ]]; then cp -L "$path" "$stage/lib/vulkan-loader/"
      else cp -L "$path" "$stage/lib/"; fi
    done
  strip --strip-unneeded "$stage"/bin/* "$stage"/lib/*.so* "$stage"/lib/vulkan-loader/*
  mkdir -p .gpu-kit
  tar -C "$stage" -czf "$KIT" .
  echo "gpu_kit.sh: $KIT, $(du -h "$KIT" | cut -f1); carry .gpu-kit and run scripts/gpu_kit.sh run"
}

# Runs "$@" under a time limit, its output into OUT/<name>.txt; records the first failure.
failed=0
step() {
  local name=$1 limit=$2 status=0
  shift 2
  echo "== $name: $*"
  timeout "$limit" "$@" >"$out/$name.txt" 2>&1 || status=$?
  tail -n 30 "$out/$name.txt"
  if [ "$status" -ne 0 ]; then
    echo "== $name failed with status $status (124 means it ran past its ${limit} s limit)"
    [ "$failed" -ne 0 ] || failed=$status
  fi
}

run() {
  out=${1:-${OUT:-out}}
  [ -f "$KIT" ] || { echo "gpu_kit.sh: $KIT is missing: run 'scripts/gpu_kit.sh pack' here and carry .gpu-kit" >&2; exit 1; }
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  local kit=/tmp/tisa-kit
  rm -rf "$kit" && mkdir -p "$kit" && tar -C "$kit" -xzf "$KIT" || exit 1
  export LD_LIBRARY_PATH="$kit/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  ldconfig -p | grep -q 'libvulkan\.so\.1 ' || LD_LIBRARY_PATH="$LD_LIBRARY_PATH:$kit/lib/vulkan-loader"
  # NVIDIA's container images keep the ICD outside the loader's search path.
  local icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$icd" ] && ! ls /etc/vulkan/icd.d/nvidia* /usr/share/vulkan/icd.d/nvidia* >/dev/null 2>&1; then
    export VK_DRIVER_FILES=$icd
  fi
  export TISA_DRIVER_FILES="$kit/share/tisa/drivers"
  export TISA_VULKAN_DEVICE=${TISA_VULKAN_DEVICE:-type:gpu}
  export TISA_VULKAN_CACHE_DIR=/tmp/tisa-vulkan-cache
  export PYTHONUNBUFFERED=1
  local python=${PYTHON:-python3}
  # The limits add up to 540 s, inside the device tool's 600 s a command.
  step gpu 20 nvidia-smi
  step info 30 "$kit/bin/tisa-info"
  step cts 200 "$kit/bin/tisa-cts" --driver "$TISA_DRIVER_FILES/vulkan.json" --profile TISA-B \
    --jobs "$(nproc)" --report "$out/cts.json"
  step torch 90 "$python" bench/torch_anchor.py --json "$out/torch.json"
  local torch=()
  [ -s "$out/torch.json" ] && torch=(--torch "$out/torch.json")
  step bench 200 "$python" bench/run.py --build "$kit" --filter 'matmul|elementwise|softmax|layernorm' \
    --repetitions 3 --min-time 0.1 --json "$out/bench.json" "${torch[@]}"
  echo "gpu_kit.sh: outputs in $out"
  return "$failed"
}

case "${1:-}" in
  pack) shift; pack "$@" ;;
  run) shift; run "$@" ;;
  *) echo "usage: scripts/gpu_kit.sh pack [BUILD] | run [OUT]" >&2; exit 2 ;;
esac
