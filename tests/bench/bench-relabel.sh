#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a change of the channel rules costs on a large project: an event log
# whose touches name a source and medium (generate-events.sh ROWS labels)
# is imported once, then each measured run restores that project and adds
# a rule ahead of GA4's default set that moves a twelfth of the touches
# (every facebook.com touch) to a new channel, which re-labels the rows in
# place. Also prints the time and peak memory of the import itself.
#
# Usage: [RUNS=N] tests/bench/bench-relabel.sh [BUILD_DIR] [ROWS]
#   BUILD_DIR  a configured build directory (default: build)
#   ROWS       rows of the generated event log (default: 3000000)
#
# Needs hyperfine and GNU time (/usr/bin/time).
set -eu

build=${1:-build}
rows=${2:-3000000}
runs=${RUNS:-5}
cli=$build/app/cli/rendement-cli

if [ ! -x "$cli" ]; then
  echo "bench-relabel: $cli not found; run ninja -C $build first" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rendement-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

"$(dirname "$0")/generate-events.sh" "$rows" labels > "$work/events.csv"
"$cli" new "$work/base.rendement" > /dev/null
echo "bench-relabel: $rows rows; import (the channel rules label every touch):"
/usr/bin/time -f "  %e s, peak %M KiB" "$cli" import "$work/base.rendement" "$work/events.csv" > /dev/null

hyperfine --runs "$runs" \
  --prepare "cp $work/base.rendement $work/p.rendement" \
  --command-name "channel-rule add (re-labels $rows rows' project)" \
  "$cli channel-rule add $work/p.rendement --source facebook.com --channel Meta --group paid_social --position 1"
echo "bench-relabel: peak memory of one re-labelling:"
cp "$work/base.rendement" "$work/p.rendement"
/usr/bin/time -f "  %e s, peak %M KiB" "$cli" channel-rule add "$work/p.rendement" \
  --source facebook.com --channel Meta --group paid_social --position 1
