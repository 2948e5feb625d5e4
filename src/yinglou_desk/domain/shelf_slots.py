"""The ready shelf's slot names (货架位) and the barcodes of slot labels, as pure rules.

Slots are ``A-01`` … ``H-40``: a rack letter and a two-digit place. A slot's
label carries the Code 128 barcode ``SL-A-01`` — the ``SL-`` prefix is what lets
a scan be told from an item's code: item codes are the studio's own (imported
codes may be any printable ASCII, so a bare ``A-01`` could one day be an item),
and no code the program makes starts with ``SL-`` (badges are ``OP-``, batches
``SB-``). The slot name is printed big beside the bars for the eye.

People type slots and ranges loosely (``a-1``, ``A-01..A-20``, ``A-01..B-10``,
``A-01,A-05``); :func:`parse_slots` reads all of that or refuses it with a
catalogue key, and never returns an empty or reversed range.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from yinglou_desk.domain.wording import WordedError

RACKS = "ABCDEFGH"
SLOTS_PER_RACK = 40
SLOT_LABEL_PREFIX = "SL-"
WHOLE_SHELF = "*"
_SLOT = re.compile(r"\s*([A-Za-z])\s*-?\s*(\d{1,2})\s*")


class SlotError(WordedError, ValueError):
    """A slot, range or scope that names no place on the shelf; ``key`` says why."""


def slot_names(racks: str = RACKS, per_rack: int = SLOTS_PER_RACK) -> Iterator[str]:
    """Every slot in the order staff walk the shelf: ``A-01`` … ``A-40``, ``B-01`` …"""
    for rack in racks:
        for n in range(1, per_rack + 1):
            yield f"{rack}-{n:02d}"


def slot_name(text: str) -> str | None:
    """``text`` as a slot of the shelf (``a-1`` → ``A-01``), or None if it names none."""
    found = _SLOT.fullmatch(text or "")
    if found is None:
        return None
    rack, number = found.group(1).upper(), int(found.group(2))
    if rack not in RACKS or not 1 <= number <= SLOTS_PER_RACK:
        return None
    return f"{rack}-{number:02d}"


def parse_slot(text: str) -> str:
    """A slot typed by a person, or :class:`SlotError` naming what was wrong."""
    slot = slot_name(text)
    if slot is None:
        raise SlotError(
            "shelf_labels.bad_slot",
            text=text.strip(),
            first=f"{RACKS[0]}-01",
            last=f"{RACKS[-1]}-{SLOTS_PER_RACK:02d}",
        )
    return slot


def label_code(slot: str) -> str:
    """What the barcode of ``slot``'s label says: ``SL-A-01``."""
    return SLOT_LABEL_PREFIX + parse_slot(slot)


def slot_of_label(code: str) -> str | None:
    """The slot a scanned code names if it is a slot label (``SL-A-05`` → ``A-05``).

    ``code`` as :func:`~yinglou_desk.domain.codes.normalize_code` gives it (upper
    case). Anything else — item codes, badges, a bare ``A-05`` — is None.
    """
    if not code.startswith(SLOT_LABEL_PREFIX):
        return None
    rest = code[len(SLOT_LABEL_PREFIX) :]
    slot = slot_name(rest)
    return slot if slot == rest else None


def parse_slots(text: str) -> list[str]:
    """``A-01..A-20``, ``A-01..B-10`` (across racks), ``A-01,A-05`` or a mix, in
    shelf order without repeats; :class:`SlotError` for anything else."""
    parts = [part.strip() for part in re.split(r"[,，;；\s]+", text or "") if part.strip()]
    if not parts:
        raise SlotError("shelf_labels.no_slots")
    order = list(slot_names())
    chosen: set[str] = set()
    for part in parts:
        if ".." in part:
            start_text, _, end_text = part.partition("..")
            start, end = parse_slot(start_text), parse_slot(end_text)
            first, last = order.index(start), order.index(end)
            if first > last:
                raise SlotError("shelf_labels.reversed", start=start, end=end)
            chosen.update(order[first : last + 1])
        else:
            chosen.add(parse_slot(part))
    return [slot for slot in order if slot in chosen]


@dataclass(frozen=True)
class Scope:
    """Which slots an audit answers for beyond the ones scanned: a rack, the whole
    shelf, or (``rack`` and ``whole`` both unset) just the slots scanned."""

    rack: str | None = None
    whole: bool = False

    def covers(self, slot: str) -> bool:
        if self.whole:
            return True
        return self.rack is not None and slot.startswith(f"{self.rack}-")

    def label(self, scanned_slots: list[str], limit: int = 64) -> str:
        """How the audit's ``scope`` column says it (``*``, ``A``, or the slots)."""
        if self.whole:
            return WHOLE_SHELF
        if self.rack is not None:
            return self.rack
        said = ",".join(scanned_slots)
        return said if len(said) <= limit else said[: limit - 1] + "…"


def parse_scope(text: str | None) -> Scope:
    """``*`` (the whole shelf), a rack letter, or nothing (the slots scanned)."""
    cleaned = (text or "").strip().upper()
    if not cleaned:
        return Scope()
    if cleaned == WHOLE_SHELF:
        return Scope(whole=True)
    if len(cleaned) == 1 and cleaned in RACKS:
        return Scope(rack=cleaned)
    raise SlotError("shelf_audit.bad_scope", text=cleaned, racks=RACKS)
