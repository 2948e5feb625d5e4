#!/usr/bin/env bash
# Open yinglou-desk with a demo studio (created on first start in demo.db).
# Usage: bash scripts/run.sh [yinglou-desk arguments]   (YINGLOU_DB=... for your own database)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export YINGLOU_DB="${YINGLOU_DB:-$PWD/demo.db}"
if [[ ! -f "$YINGLOU_DB" && "$YINGLOU_DB" != *"://"* ]]; then
  .venv/bin/yinglou-desk demo --orders 2000
fi
exec .venv/bin/yinglou-desk "$@"
