"""Every sentence the program says — in the window, on the command line, in files it
writes — by key, in Chinese and in English. One language at a time: Chinese unless
``YINGLOU_LANG=en`` (or ``--lang en``) asks for English.

Code refers to a sentence by key and fills its ``{placeholders}``:
``catalogue.text("scan.duplicate", seconds=5)``; screens import it as ``t``.
The entries live in one module per area of the studio's work (``scanning``,
``staff``, ``desk``…); a key names its area first, so two areas never clash —
and if they did, importing the catalogue fails at once (:class:`CatalogueError`).

This package imports nothing else of the program, so every layer may use it.
"""

from __future__ import annotations

import os
from enum import Enum
from functools import cache
from importlib import import_module

from yinglou_desk.catalogue._langs import EN, ZH

__all__ = ["EN", "ZH", "CatalogueError", "current_language", "entries", "has", "name", "text"]

# One module per area; a new area is added here.
AREAS = (
    "scanning",
    "settings",
    "staff",
    "command_line",
    "input",
    "names",
    "desk",
    "reconciliation",
    "sheets",
    "labels",
    "orders",
    "notifications",
    "exports",
    "devices",
    "backup",
    "this_pc",
    "scanners",
    "workbooks",
    "statements",
    "settlements",
    "office",
    "counter",
    "payments",
    "uncollected",
    "shelf",
    "pickup_desk",
    "phone_web",
    "phone_trust",
    "phone_desk",
    "phone_page",
    "checkup",
)


class CatalogueError(RuntimeError):
    """The catalogue itself is wrong (a key in two areas, a language missing)."""


def current_language() -> str:
    lang = os.environ.get("YINGLOU_LANG", ZH).lower()
    return EN if lang.startswith("en") else ZH


@cache
def entries() -> dict[str, dict[str, str]]:
    """Every key with its Chinese and English, merged from the area modules."""
    merged: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for area in AREAS:
        module = import_module(f".{area}", __name__)
        for key, entry in module.ENTRIES.items():
            if key in merged:
                raise CatalogueError(f"{key} is in both {where[key]} and {area}")
            if set(entry) != {ZH, EN}:
                raise CatalogueError(f"{key} ({area}) must have exactly {ZH} and {EN}")
            merged[key] = entry
            where[key] = area
    return merged


def has(key: str) -> bool:
    return key in entries()


def text(key: str, lang: str | None = None, **params: object) -> str:
    """The sentence ``key`` in ``lang`` (default: the current one), placeholders filled.

    A placeholder with no value stays visible (``{slot}``) rather than failing:
    a message must never cost a scan.
    """
    template = entries()[key][lang or current_language()]
    return template.format_map(_Lenient(params))


def text_or(key: str, fallback: str, lang: str | None = None) -> str:
    """The sentence ``key`` if the catalogue has it, else ``fallback`` (a name from data)."""
    return text(key, lang) if has(key) else fallback


def name(kind: str, value: str | Enum, lang: str | None = None) -> str:
    """The name of a ``state``, ``progress``, ``station`` or ``role`` value; the value
    itself when the catalogue does not know it (a value from a newer program)."""
    raw = value.value if isinstance(value, Enum) else value
    key = f"{kind}.{raw}"
    return text(key, lang) if has(key) else str(raw)


class _Lenient(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
