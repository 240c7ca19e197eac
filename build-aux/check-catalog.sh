#!/bin/sh
# Fails when the French catalog lacks a translation: every string of the
# sources (the template that "ninja rendement-pot" extracts) must have a
# French translation that is neither missing nor fuzzy.
#
# Usage: build-aux/check-catalog.sh BUILD_DIR
set -eu
cd "$(dirname "$0")/.."
build=${1:?usage: check-catalog.sh BUILD_DIR}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch" po/rendement.pot' EXIT
ninja -C "$build" rendement-pot > /dev/null
msgmerge --quiet --no-fuzzy-matching -o "$scratch/fr.po" po/fr.po po/rendement.pot
missing=$(msgattrib --untranslated --no-obsolete "$scratch/fr.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$scratch/fr.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry with any other entry
[ "$missing" -gt 0 ] && missing=$((missing - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$missing" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "po/fr.po: $missing untranslated and $fuzzy fuzzy strings; update it with msgmerge" >&2
  msgattrib --untranslated --no-obsolete "$scratch/fr.po" | grep -A1 '^msgid ' | tail -n +3 >&2
  exit 1
fi
echo "po/fr.po translates every string"
