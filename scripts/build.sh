#!/usr/bin/env bash
# Configures and builds one flavour of the tree.
#   scripts/build.sh [release|asan|fuzz]   (default release), into build/, build-asan/, build-fuzz/
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
jobs=${TISA_JOBS:-2}
case "$flavour" in
  release)
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTISA_WERROR=ON
    cmake --build build -j "$jobs" ;;
  asan)
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTISA_WERROR=ON -DTISA_SANITIZE=ON
    cmake --build build-asan -j "$jobs" ;;
  fuzz)
    CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DTISA_FUZZ=ON -DTISA_BUILD_TESTS=OFF -DTISA_WERROR=ON
    cmake --build build-fuzz -j "$jobs" --target fuzz_module fuzz_text ;;
  *) echo "unknown flavour '$flavour' (release, asan, fuzz)" >&2; exit 2 ;;
esac
