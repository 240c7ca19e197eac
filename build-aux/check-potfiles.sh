#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
cd "$(dirname "$0")/.."

status=0
for file in $(grep -v '^#' po/POTFILES.in | sed '/^$/d'); do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in names a missing file: $file" >&2
    status=1
  fi
done
for file in $(git ls-files '*.c' '*.ui' '*.desktop.in' '*.metainfo.xml.in' '*.gschema.xml'); do
  case "$file" in tests/*) continue ;; esac
  if grep -qE '(\b_|\bN_|\bC_|\bg_dngettext|\bngettext)\s*\(|translatable="yes"|<summary>|<description>|^Name=' "$file"; then
    if ! grep -qxF "$file" po/POTFILES.in; then
      echo "translatable strings in $file, which po/POTFILES.in does not list" >&2
      status=1
    fi
  fi
done
exit $status
