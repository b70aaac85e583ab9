#!/usr/bin/env bash
# The whole test suite: set-up, release build + every CTest test (the conformance suite on every
# in-tree driver included), the installed package with an out-of-tree driver, the same tests under
# AddressSanitizer + UndefinedBehaviorSanitizer, and a short libFuzzer run of the decoders.
#   TISA_FUZZ_SECONDS (default 30 per target) sets the fuzzing time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== release build and tests"
scripts/build.sh release
ctest --test-dir build --output-on-failure -j 2

echo "== installed package: headers, libtisa, drivers, tools, CMake config; out-of-tree vendor driver"
scripts/check_install.sh build

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
scripts/build.sh asan
asan_env=(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1)
lavapipe=$(ls /usr/lib/*/libvulkan_lvp.so 2>/dev/null | head -n 1 || true)
if [ -n "$lavapipe" ]; then
  # Every process that loads the vulkan driver loads lavapipe, which leaks 128 bytes when the
  # Vulkan loader unloads it (vkDestroyInstance); kept loaded from the start, it leaks nothing.
  asan_env=(ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 UBSAN_OPTIONS=print_stacktrace=1
            LD_PRELOAD="$lavapipe")
fi
env "${asan_env[@]}" ctest --test-dir build-asan --output-on-failure -j 2

echo "== libFuzzer: module decoder and text parser"
scripts/build.sh fuzz
seconds=${TISA_FUZZ_SECONDS:-30}
for target in fuzz_module fuzz_text; do
  corpus=$(mktemp -d)
  cp tests/fuzz/corpus/* "$corpus"/
  build-fuzz/bin/$target -max_total_time="$seconds" -print_final_stats=1 "$corpus" 2>&1 | tail -3
  rm -rf "$corpus"
done
echo "all test stages passed"
