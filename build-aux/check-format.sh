#!/bin/sh
# Fails when a C file differs from what clang-format 14 makes of it
# (.clang-format at the root holds the style).
set -eu
cd "$(dirname "$0")/.."

formatter=$(command -v clang-format-14 || command -v clang-format)
status=0
for file in $(git ls-files '*.c' '*.h'); do
  if ! "$formatter" --style=file "$file" | cmp -s - "$file"; then
    echo "not formatted: $file (run: $formatter -i $file)" >&2
    status=1
  fi
done
exit $status
