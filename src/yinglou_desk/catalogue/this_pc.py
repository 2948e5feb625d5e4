"""This PC's own settings: printers, scanners, station."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH  # noqa: F401 - used by the entries as they are added

ENTRIES: dict[str, dict[str, str]] = {}
