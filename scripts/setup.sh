#!/usr/bin/env bash
# Installs every package TISA needs on Debian 12. Idempotent: does nothing when all are present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  clang-14 libclang-rt-14-dev          # libFuzzer and sanitizer runtimes
  catch2 libspdlog-dev libfmt-dev nlohmann-json3-dev
  python3 python3-yaml python3-numpy   # spec generator, example checks
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx  # ONNX importer and node tests
  libopenblas-dev libbenchmark-dev     # cpu driver (sgemm), its benchmark suite (bench/)
  python3-torch                        # examples/pytorch (CPU PyTorch, exports ONNX)
  libvulkan-dev glslc libshaderc-dev   # vulkan driver: loader, build-time GLSL, run-time fusion
  mesa-vulkan-drivers vulkan-validationlayers spirv-tools vulkan-tools  # lavapipe for tests
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
