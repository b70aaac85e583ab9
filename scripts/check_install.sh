#!/usr/bin/env bash
# Proves the installed package usable: installs a build into a temporary prefix, checks what the
# package holds, runs the installed tools, then configures and builds examples/vendor-driver
# against the installed package alone, runs its conformance test (cts.vendor-example) with the
# installed tisa-cts, and checks the report (scripts/check_vendor_report.py).
#   scripts/check_install.sh [BUILD_DIR]   (default: build; TISA_KEEP_INSTALL=1 keeps the temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build}
python=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/tisa-install.XXXXXX")
trap '[ -n "${TISA_KEEP_INSTALL:-}" ] || rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "check_install: $*" >&2; exit 1; }

echo "== install $build into $prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log"

echo "== package contents"
for f in include/tisa/tisa.h include/tisa/tisa.hpp include/tisa/driver.h include/tisa/types.h \
         include/tisa/isa.h include/tisa/isa_ops.h \
         lib/cmake/tisa/tisaConfig.cmake lib/cmake/tisa/tisaConfigVersion.cmake \
         lib/cmake/tisa/tisaTargets.cmake lib/cmake/tisa/TisaDriver.cmake \
         lib/cmake/tisa/TisaConformance.cmake share/tisa/drivers/reference.json \
         bin/tisa-info bin/tisa-as bin/tisa-dis bin/tisa-run bin/tisa-cts; do
  [ -e "$prefix/$f" ] || fail "the package lacks $f"
done
ls "$prefix"/lib/libtisa.so* > /dev/null 2>&1 || fail "the package lacks lib/libtisa.so"
static=$(find "$prefix" -name '*.a')
[ -z "$static" ] || fail "the package holds internal static libraries: $static"
# Tools find the installed libtisa through their RPATH, not the build tree.
ldd "$prefix/bin/tisa-info" | grep -q "$prefix/bin/../lib/libtisa.so" ||
  fail "installed tisa-info does not load the installed libtisa: $(ldd "$prefix/bin/tisa-info" | grep libtisa)"

echo "== installed tools and drivers"
"$prefix/bin/tisa-info" --json --driver-files "$prefix/share/tisa/drivers" > "$work/info-reference.json"
$python - "$work/info-reference.json" "$prefix" <<'PY'
import json, os, sys
info, prefix = json.load(open(sys.argv[1])), os.path.realpath(sys.argv[2])
ref = [d for d in info["drivers"] if d["name"] == "reference"]
assert ref and ref[0]["loaded"], f"installed reference driver did not load: {info['drivers']}"
assert os.path.realpath(ref[0]["library_path"]).startswith(prefix), ref[0]["library_path"]
print("reference driver loads from", ref[0]["library_path"])
PY

generator=()
command -v ninja > /dev/null && generator=(-G Ninja)

echo "== a framework program against tisa::tisa"
mkdir -p "$work/app"
cat > "$work/app/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(tisa_package_user LANGUAGES C)
find_package(tisa 1.0 REQUIRED)
add_executable(count_devices count_devices.c)
target_link_libraries(count_devices PRIVATE tisa::tisa)
CMAKE
cat > "$work/app/count_devices.c" <<'C'
#include <stdio.h>
#include <tisa/tisa.h>
int main(int argc, char** argv) {
  tisa_instance_options_t options = {sizeof(options), 0, argv[1]};
  tisa_instance_t instance = NULL;
  tisa_status_t status = tisa_instance_create(&options, &instance);
  if (status) {
    printf("%s\n", tisa_status_message(status));
    return 1;
  }
  printf("devices: %u\n", tisa_instance_device_count(instance));
  tisa_instance_release(instance);
  return argc == 2 ? 0 : 1;
}
C
cmake -S "$work/app" -B "$work/app/build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" > "$work/app.log" &&
  cmake --build "$work/app/build" >> "$work/app.log" || { cat "$work/app.log"; fail "a program cannot build against tisa::tisa"; }
# Each installed driver (reference, cpu when built) has one device.
drivers_installed=$(ls "$prefix/share/tisa/drivers"/*.json | wc -l)
"$work/app/build/count_devices" "$prefix/share/tisa/drivers" | grep -q "devices: $drivers_installed" ||
  fail "a program linked to the installed libtisa does not see the $drivers_installed installed devices"

echo "== vendor driver built against the package"
cmake -S examples/vendor-driver -B "$work/vendor" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON > "$work/vendor-configure.log" || { cat "$work/vendor-configure.log"; fail "configure failed"; }
cmake --build "$work/vendor" || fail "the vendor driver does not build against the package"
# Headers only: nothing from the source tree is on the vendor's include path.
if grep -q -e "-I$root" -e "-isystem $root" "$work/vendor/compile_commands.json"; then
  fail "the vendor build reaches into the source tree"
fi
manifest=$work/vendor/share/tisa/drivers/vendor-example.json
"$prefix/bin/tisa-info" --json --driver-files "$manifest" > "$work/info-vendor.json"

echo "== conformance run of the vendor driver (cts.vendor-example)"
ctest --test-dir "$work/vendor" -R '^cts\.vendor-example$' --output-on-failure ||
  fail "cts.vendor-example failed"
report=$work/vendor/cts-reports/vendor-example.json
[ -f "$report" ] || fail "the conformance test wrote no report at $report"
[ -f "$work/vendor/cts-reports/vendor-example.xml" ] || fail "the conformance test wrote no JUnit XML"
$python scripts/check_vendor_report.py spec/tisa.yaml "$work/info-vendor.json" "$report"

echo "== the vendor driver installed next to the package's drivers"
cmake --install "$work/vendor" --prefix "$prefix" > /dev/null
"$prefix/bin/tisa-info" --json --driver-files "$prefix/share/tisa/drivers" > "$work/info-installed.json"
$python - "$work/info-installed.json" <<'PY'
import json, sys
drivers = {d["name"]: d for d in json.load(open(sys.argv[1]))["drivers"]}
for name in ("reference", "vendor-example"):
    assert name in drivers and drivers[name]["loaded"], f"installed driver {name} did not load: {drivers.get(name)}"
print("installed drivers load:", ", ".join(sorted(drivers)))
PY
echo "== a relocated install finds its own drivers without being told where"
env -u TISA_DRIVER_FILES -u TISA_ADD_DRIVER_FILES "$prefix/bin/tisa-info" --json > "$work/info-default.json"
$python - "$work/info-default.json" "$prefix" <<'PY'
import json, sys
prefix = sys.argv[2]
found = [d for d in json.load(open(sys.argv[1]))["drivers"] if d["manifest_path"].startswith(prefix)]
assert any(d["name"] == "vendor-example" and d["loaded"] for d in found), f"relocated drivers not found: {found}"
print("relocated install searched:", ", ".join(d["manifest_path"] for d in found))
PY
echo "check_install: the installed package builds and certifies an out-of-tree driver"
