"""Confirmed reconciliations: which statement settled which items, month after month."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {}
