#!/usr/bin/env bash
# The smoke test of the frozen build (after `bash scripts/build.sh`): the programs in
# dist/yinglou-desk/, and nothing else, make a demo studio, upgrade databases, run the
# desk on a virtual screen (Xvfb + openbox, 1366x768) where a badge and a label are
# typed as a scanner types them, print labels to PDF, back up, and serve the phone page.
# Needs the test tools of `bash scripts/setup.sh --tests` (Xvfb, openbox, xdotool,
# zbarimg, pdftoppm). YINGLOU_FROZEN_DIST points at another built folder.
# Usage: bash scripts/smoke-test-build.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

export YINGLOU_FROZEN_DIST="${YINGLOU_FROZEN_DIST:-$PWD/dist/yinglou-desk}"
if [[ ! -x "$YINGLOU_FROZEN_DIST/yinglou-desk" ]]; then
  echo "No frozen build in $YINGLOU_FROZEN_DIST: run bash scripts/build.sh first" >&2
  exit 1
fi
exec .venv/bin/python -m pytest -p no:cacheprovider -p no:randomly -q packaging/smoke "$@"
