"""The badge sheet: every active staff member's badge on A4 pages, to print and cut out.

Each badge is the same 60×40 mm label ``yinglou-desk user badge`` writes
(:meth:`~yinglou_desk.services.labels.layout.LabelRenderer.badge`: name, role,
login barcode), rendered at 300 dpi so the bars keep their exact widths. The
sheet adds, under each badge's cut frame, one line of plain text (name, role,
badge code) so whoever cuts and hands them out can read whose is whose, and a
title with the studio's name and the page number.

Only the pixels and the places are decided here; painting the pages (print
preview, PDF) is the desk's :mod:`yinglou_desk.ui.printing.badges`. Reading the
list needs an admin, as the list does (:func:`~yinglou_desk.services.staff.roster.list_staff`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from yinglou_desk.domain.roles import Actor, Role
from yinglou_desk.services.labels.layout import BADGE_SIZE, LabelRenderer, RenderedLabel
from yinglou_desk.services.labels.selection import SelectionError
from yinglou_desk.services.settings.studio import current_settings
from yinglou_desk.services.staff.roster import list_staff

A4_MM = (210.0, 297.0)
SHEET_DPI = 300
MARGIN_MM = 12.0
TITLE_MM = 12.0  # the title band at the top of each page
COLUMNS, ROWS = 3, 5
CELL_GAP_MM = 4.0
CAPTION_MM = 6.0  # the text line under each badge


@dataclass(frozen=True)
class BadgeCard:
    name: str
    role: Role
    badge_code: str
    label: RenderedLabel


@dataclass(frozen=True)
class PlacedCard:
    """A badge and the top-left corner of its 60×40 mm frame on its page, in millimetres."""

    card: BadgeCard
    x_mm: float
    y_mm: float


@dataclass(frozen=True)
class BadgeSheet:
    studio: str
    cards: list[BadgeCard]

    @property
    def badge_mm(self) -> tuple[float, float]:
        size = self.cards[0].label.size
        return size.width_mm, size.height_mm

    def pages(self) -> list[list[PlacedCard]]:
        """The cards placed page by page: ``COLUMNS`` × ``ROWS`` per A4 page."""
        width, height = self.badge_mm
        per_page = COLUMNS * ROWS
        pages = []
        for start in range(0, len(self.cards), per_page):
            placed = []
            for n, card in enumerate(self.cards[start : start + per_page]):
                column, row = n % COLUMNS, n // COLUMNS
                x = MARGIN_MM + column * (width + CELL_GAP_MM)
                y = MARGIN_MM + TITLE_MM + row * (height + CAPTION_MM + CELL_GAP_MM)
                placed.append(PlacedCard(card, x, y))
            pages.append(placed)
        return pages


def badge_sheet(engine: Engine, *, actor: Actor | None, font: str | None = None) -> BadgeSheet:
    """Every active staff member's badge, rendered (a worker's job: fonts and pixels)."""
    staff = list_staff(engine, actor=actor, active_only=True)
    if not staff.members:
        raise SelectionError("badges.nobody")
    renderer = LabelRenderer(BADGE_SIZE, SHEET_DPI, font)
    cards = [
        BadgeCard(
            member.name,
            member.role,
            member.badge_code,
            renderer.badge(member.badge_code, member.name, member.role.value),
        )
        for member in staff.members
    ]
    return BadgeSheet(current_settings(engine).studio, cards)
