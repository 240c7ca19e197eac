#!/bin/sh
# Builds Rendement, writes the demo project (once) and opens it in the app.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
cd "$srcdir"

if [ ! -d build ]; then
  meson setup build
fi
ninja -C build

demo_dir="${XDG_DATA_HOME:-$HOME/.local/share}/rendement"
demo="$demo_dir/Demo.rendement"
mkdir -p "$demo_dir"
if [ ! -f "$demo" ]; then
  ./build/app/rendement-cli demo "$demo"
fi
exec ./build/app/rendement "$demo"
