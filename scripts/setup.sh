#!/usr/bin/env bash
# Set up everything yinglou-desk needs on a fresh Debian machine: system libraries
# (Qt, fonts, barcode tools, LibreOffice for the spreadsheet tests), a virtualenv
# in .venv with the program and its test tools, and with --tests a PostgreSQL
# server for the tests; with --build (and --tests, whose CI run builds the frozen
# folder too) what PyInstaller needs on Linux. Safe to run again: it only installs
# what is missing.
# Usage: bash scripts/setup.sh [--tests|--build]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNTIME_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libpulse0 libzbar0
  fonts-wqy-microhei)
TEST_PACKAGES=(xvfb xdotool openbox x11-utils x11-apps imagemagick socat zbar-tools poppler-utils
  chromium chromium-driver
  libreoffice-calc-nogui)
# PyInstaller reads libraries with objdump and writes the program with objcopy
BUILD_PACKAGES=(binutils)

packages=("${RUNTIME_PACKAGES[@]}")
if [[ "${1:-}" == "--tests" ]]; then
  packages+=("${TEST_PACKAGES[@]}" "${BUILD_PACKAGES[@]}")
elif [[ "${1:-}" == "--build" ]]; then
  packages+=("${BUILD_PACKAGES[@]}")
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    echo "Please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed (found $("$PYTHON" --version))" >&2
  exit 1
fi
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
# Every Python package, the test tools included, at the version and with the hashes of
# requirements.lock (regenerate it with the command at its top after changing pyproject.toml).
stamp=.venv/.installed-$(cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
if [[ ! -f "$stamp" ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q --require-hashes -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi

if [[ "${1:-}" == "--tests" ]]; then
  bash scripts/test-database.sh
fi
