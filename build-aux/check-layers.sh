#!/bin/sh
# Fails when a layer reaches past the one below it (SPEC.md, "Architecture"):
# SQL and the SQLite API live in data/ only, and analysis/ never includes
# GTK. Tests may look inside every layer.
set -eu
cd "$(dirname "$0")/.."

status=0
for file in $(git ls-files 'app/*.[ch]' 'widgets/*.[ch]' 'analysis/*.[ch]'); do
  if grep -nE '\bsqlite3|rdm-project-db\.h|rdm-project-private\.h' "$file"; then
    echo "$file: the SQLite API is data/'s alone; call a data/ function instead" >&2
    status=1
  fi
done
for file in $(git ls-files 'analysis/*.[ch]'); do
  if grep -nE '#include <(gtk|adwaita|gdk)' "$file"; then
    echo "$file: analysis/ must not depend on GTK" >&2
    status=1
  fi
done
exit $status
