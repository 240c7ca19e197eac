#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every chart kind and the quarterly review of the demo project under
# valgrind's memcheck: no invalid read or write, and no memory lost other
# than the font caches of fontconfig and pango, which live as long as the
# process (build-aux/valgrind.supp says which). Exits non-zero on the first
# finding and prints valgrind's report for it.
#
# Usage: tests/bench/valgrind-chart.sh [BUILD_DIR]
set -eu

build=${1:-build}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
cli=$build/app/cli/rendement-cli

if [ ! -x "$cli" ]; then
  echo "valgrind-chart: $cli not found; run ninja -C $build first" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rendement-valgrind-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
"$cli" demo "$work/demo.rendement" >/dev/null

check() {
  name=$1
  shift
  if ! valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible \
    --suppressions="$srcdir/build-aux/valgrind.supp" --error-exitcode=3 \
    --log-file="$work/$name.log" "$cli" "$@" >/dev/null; then
    cat "$work/$name.log"
    echo "valgrind-chart: $name: memcheck found the errors above" >&2
    exit 1
  fi
  echo "valgrind-chart: $name: clean"
}

for kind in roi cost-value models window paths; do
  check "chart-$kind-png" chart "$work/demo.rendement" --kind "$kind" --out "$work/$kind.png"
  check "chart-$kind-svg" chart "$work/demo.rendement" --kind "$kind" --out "$work/$kind.svg"
done
check report report "$work/demo.rendement" --out "$work/review.pdf"
