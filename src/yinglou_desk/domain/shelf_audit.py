"""A shelf audit (盘点) as the sorter scans it: a slot label, then everything on it.

:class:`AuditScans` is the pure part — which code was seen in which slot —
shared by the desk's 盘点 page and ``yinglou-desk shelf audit``. What the
database says about those codes (missing, misplaced, stale…) is the service's
work (:mod:`yinglou_desk.services.shelf.audit`).

Rules: a slot label switches the slot; an item code belongs to the slot
scanned last; an item before any slot label is refused (nothing is guessed);
the same item scanned again in the same slot is a repeat and counts once; the
same item scanned later in another slot is where it was seen last (it moved).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from yinglou_desk.domain.codes import InvalidCode, normalize_code, visible
from yinglou_desk.domain.shelf_slots import label_code, slot_of_label


class FindingKind(StrEnum):
    FOUND = "found"  # where the database says it is
    MISSING = "missing"  # the database says it is in an audited slot; not scanned
    MISPLACED = "misplaced"  # scanned in one slot, belongs in another
    STALE = "stale"  # on the shelf although picked up, cancelled or not back
    UNKNOWN = "unknown"  # no item has the code


# the order a list of findings is read in: what needs doing first
KIND_ORDER = (
    FindingKind.MISSING,
    FindingKind.MISPLACED,
    FindingKind.STALE,
    FindingKind.UNKNOWN,
    FindingKind.FOUND,
)


class StepKind(StrEnum):
    SLOT = "slot"  # a slot label: the items that follow are in it
    ITEM = "item"  # an item code, counted in the current slot
    REPEAT = "repeat"  # the same code again in the same slot
    NO_SLOT = "no_slot"  # an item before any slot label: refused
    INVALID = "invalid"  # not a code at all


@dataclass(frozen=True)
class Step:
    """What one scan did, for the screen: ``message key`` is ``shelf_audit.step.<kind>``."""

    kind: StepKind
    code: str
    slot: str | None

    @property
    def key(self) -> str:
        return f"shelf_audit.step.{self.kind.value}"


@dataclass
class AuditScans:
    """The scans of one audit so far: ``slots`` in the order they were scanned, with
    their codes in the order seen."""

    slot: str | None = None
    slots: dict[str, list[str]] = field(default_factory=dict)

    def scan(self, raw: str) -> Step:
        try:
            code = normalize_code(raw)
        except InvalidCode:
            return Step(StepKind.INVALID, visible(raw, 60), self.slot)
        slot = slot_of_label(code)
        if slot is not None:
            self.slot = slot
            self.slots.setdefault(slot, [])
            return Step(StepKind.SLOT, code, slot)
        if self.slot is None:
            return Step(StepKind.NO_SLOT, code, None)
        here = self.slots[self.slot]
        if code in here:
            return Step(StepKind.REPEAT, code, self.slot)
        for codes in self.slots.values():  # seen elsewhere before: it is here now
            if code in codes:
                codes.remove(code)
        here.append(code)
        return Step(StepKind.ITEM, code, self.slot)

    def add(self, slot: str, codes: list[str]) -> list[Step]:
        """A slot and its codes at once (the command line): the same as scanning them."""
        return [self.scan(label_code(slot))] + [self.scan(code) for code in codes]

    def where_seen(self) -> dict[str, str]:
        """Each scanned item code → the slot it was seen in."""
        return {code: slot for slot, codes in self.slots.items() for code in codes}

    @property
    def item_count(self) -> int:
        return sum(len(codes) for codes in self.slots.values())

    def clear(self) -> None:
        self.slot = None
        self.slots.clear()
