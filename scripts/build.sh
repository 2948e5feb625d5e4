#!/usr/bin/env bash
# The frozen one-folder build for studio PCs: dist/yinglou-desk/ holds the desk
# (yinglou-desk, .exe on Windows) and the command line (yinglou-desk-cli) with
# everything they need, Python and Qt included. The set-up (scripts/setup.sh) installs
# the exact, hash-checked versions of requirements.lock first, PyInstaller among them.
# Usage: bash scripts/build.sh        then: bash scripts/smoke-test-build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --build
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN packaging/yinglou-desk.spec \
  --distpath dist --workpath build/pyinstaller
.venv/bin/python packaging/check_bundle.py dist/yinglou-desk

size=$(du -sh dist/yinglou-desk | cut -f1)
files=$(find dist/yinglou-desk -type f | wc -l)
echo "dist/yinglou-desk: $size in $files files, built in $(($(date +%s) - started)) s" >&2
