"""Reading a lab's statement: headers, skipped rows, totals, columns chosen by hand."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {}
