"""Backups and restores: what was copied, refused or kept."""

from __future__ import annotations

from ._langs import EN, ZH  # noqa: F401 - used by the entries as they are added

ENTRIES: dict[str, dict[str, str]] = {}
