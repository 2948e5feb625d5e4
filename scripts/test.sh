#!/usr/bin/env bash
# Run the whole test suite on SQLite and on the local PostgreSQL server
# (127.0.0.1:5432, user postgres; each run creates its own database and drops it).
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests

export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m ruff check src tests scripts migrations packaging
.venv/bin/python -m ruff format --check src tests scripts migrations packaging
.venv/bin/python -m mypy
exec .venv/bin/python -m pytest "$@"
