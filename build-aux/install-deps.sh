#!/bin/sh
# Installs the Debian 12 packages Rendement needs to build, run and test.
# Run as root (or through sudo). Safe to run again.
set -eu

if [ "$(id -u)" -ne 0 ]; then
  exec sudo "$0" "$@"
fi

export DEBIAN_FRONTEND=noninteractive
apt_install() {
  apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "$@"
}

apt-get update -o DPkg::Lock::Timeout=600
# The warehouse route's tests start their own PostgreSQL server: the
# package must not create and start a cluster of its own.
mkdir -p /etc/postgresql-common/createcluster.d
echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/no-main-cluster.conf
# Build and run.
apt_install build-essential pkg-config meson ninja-build gettext \
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev libcjson-dev \
  libpango1.0-dev libcairo2-dev libgdk-pixbuf-2.0-dev \
  libplplot-dev plplot-driver-cairo libxlsxwriter-dev libnlopt-dev libpq-dev fonts-dejavu-core librsvg2-common \
  desktop-file-utils appstream sqlite3
# Tests: a virtual display with a session bus, the format checker, the
# locale sources the French and English number tests build their locales
# from (localedef), xmllint for the .ui and GResource checks of the build,
# pdfinfo and pdftotext for the exported PDFs, unzip to read the exported
# workbooks back, tools used by the benchmarks, the PostgreSQL server the
# warehouse tests run the path rules in.
apt_install xvfb xauth dbus dbus-bin dbus-daemon clang-format-14 locales libxml2-utils poppler-utils \
  unzip hyperfine time postgresql-15
