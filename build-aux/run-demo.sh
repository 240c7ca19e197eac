#!/bin/sh
# Builds and installs Rendement (under /usr/local: the app needs its
# GSettings schema, icons and translations where GLib looks for them),
# writes the demo project once, and opens it in the app.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
cd "$srcdir"

if [ ! -d build ]; then
  meson setup build --prefix=/usr/local
fi
ninja -C build
if [ "$(id -u)" -ne 0 ]; then
  sudo meson install -C build --quiet
else
  meson install -C build --quiet
fi

demo_dir="${XDG_DATA_HOME:-$HOME/.local/share}/rendement"
demo="$demo_dir/Demo.rendement"
mkdir -p "$demo_dir"
if [ ! -f "$demo" ]; then
  /usr/local/bin/rendement-cli demo "$demo"
fi
exec /usr/local/bin/rendement "$demo"
