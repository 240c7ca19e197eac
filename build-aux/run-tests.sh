#!/bin/sh
# Builds Rendement and runs every test: format, translation sources,
# layering and French catalog checks, the unit, CLI and GUI tests (under a
# virtual display) with warnings as errors, then every test again with AddressSanitizer and UBSan (the
# GUI tests without leak detection: GTK, Mesa and fontconfig keep caches
# until exit by design, so only memory errors and undefined behaviour fail
# them there; the unit tests keep leak detection).
#
# Build directories: build-test and build-asan under the source root.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
cd "$srcdir"
jobs=$(nproc 2>/dev/null || echo 2)

echo "== format check"
build-aux/check-format.sh
echo "== translation sources check"
build-aux/check-potfiles.sh
echo "== layering check"
build-aux/check-layers.sh

# Keep GTK, Mesa, dconf and the a11y bus out of the user's home.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME="$scratch/cache" XDG_CONFIG_HOME="$scratch/config" \
  XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

under_display() {
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" dbus-run-session -- "$@"
}

echo "== build (werror) and all tests"
if [ ! -d build-test ]; then
  meson setup build-test -Dwerror=true
fi
ninja -C build-test -j "$jobs"
echo "== French catalog check"
build-aux/check-catalog.sh build-test
under_display meson test -C build-test --print-errorlogs --num-processes "$jobs"

echo "== unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
# -O1, as AddressSanitizer's documentation advises: unoptimised, the
# media-mix fits the reviews make took the GUI tests near their timeout.
if [ ! -d build-asan ]; then
  meson setup build-asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug -Doptimization=1
fi
ninja -C build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$srcdir/build-aux/lsan.supp" \
  meson test -C build-asan --suite unit --print-errorlogs --num-processes "$jobs" \
  --timeout-multiplier 3

echo "== GUI tests under AddressSanitizer and UndefinedBehaviorSanitizer"
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  under_display meson test -C build-asan --suite gui --print-errorlogs --num-processes "$jobs" \
  --timeout-multiplier 3

echo "== all tests passed"
