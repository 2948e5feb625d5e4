"""发件单: the send-out manifest that travels in the parcel with a batch.

One A4 sheet per send-out batch (continued on more sheets when the batch is
long): vendor, date, operator, item count, the batch's own barcode (so the
parcel can be scanned back as a whole) and a line per item. The manifest goes
to the vendor, so it never carries a customer's phone number; the customer's
name stays, because labs pack and mark products by it.

Rendered as 1-bit 300 dpi pages, like labels, and written with
:func:`.label_output.write_images` (``.pdf``: one page each; ``.png``: one file each).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from PIL import Image, ImageDraw
from sqlalchemy import Engine, func, select

from yinglou_desk import catalogue
from yinglou_desk.domain.wording import listing
from yinglou_desk.services.clock import local_date
from yinglou_desk.services.labels.barcode import BarcodeGeometry, draw_bars, plan_barcode
from yinglou_desk.services.labels.fonts import FontChoice, find_cjk_font, fit_line
from yinglou_desk.services.labels.selection import SelectionError
from yinglou_desk.storage.models import Customer, Item, Operator, Order, SendOutBatch, Stage, Vendor
from yinglou_desk.storage.tables import send_out_batches

A4_MM = (210.0, 297.0)
MANIFEST_DPI = 300
ROWS_PER_PAGE = 26

batches = SendOutBatch.__table__
items = Item.__table__
orders = Order.__table__
customers = Customer.__table__
stages = Stage.__table__
vendors = Vendor.__table__
operators = Operator.__table__


@dataclass(frozen=True)
class ManifestLine:
    code: str
    order_no: str
    customer: str
    product: str
    spec: str | None
    qty: int
    stage: str | None
    expected_return: date | None


@dataclass
class Manifest:
    batch_code: str
    vendor: str
    operator: str
    workstation: str
    created_at: datetime
    lines: list[ManifestLine] = field(default_factory=list)


def load_manifests(engine: Engine, batch_codes: Sequence[str]) -> list[Manifest]:
    """The manifests of these batches, in the order given; unknown codes are an error."""
    wanted = list(dict.fromkeys(c.strip() for c in batch_codes))
    with engine.connect() as conn:
        heads = conn.execute(
            select(
                batches.c.id,
                batches.c.code,
                batches.c.workstation,
                batches.c.created_at,
                vendors.c.name.label("vendor"),
                operators.c.name.label("operator"),
            )
            .join(vendors, vendors.c.id == batches.c.vendor_id)
            .join(operators, operators.c.id == batches.c.operator_id)
            .where(batches.c.code.in_(wanted))
        ).all()
        by_code = {h.code: h for h in heads}
        missing = [c for c in wanted if c not in by_code]
        if missing:
            raise SelectionError("labels.unknown_batches", batches=listing(missing))
        rows = conn.execute(
            select(
                items.c.batch_id,
                items.c.code,
                orders.c.order_no,
                customers.c.name.label("customer"),
                items.c.product,
                items.c.spec,
                func.coalesce(items.c.qty, 1).label("qty"),
                stages.c.name.label("stage"),
                items.c.expected_return,
            )
            .join(orders, orders.c.id == items.c.order_id)
            .join(customers, customers.c.id == orders.c.customer_id)
            .outerjoin(stages, stages.c.id == items.c.stage_id)
            .where(items.c.batch_id.in_([h.id for h in heads]))
            .order_by(orders.c.order_no, stages.c.seq, items.c.id)
        ).all()
    manifests = {
        h.id: Manifest(h.code, h.vendor, h.operator, h.workstation, h.created_at) for h in heads
    }
    for r in rows:
        manifests[r.batch_id].lines.append(
            ManifestLine(
                r.code, r.order_no, r.customer, r.product, r.spec, r.qty, r.stage, r.expected_return
            )
        )
    return [manifests[by_code[c].id] for c in wanted]


# Table columns: heading (a catalogue key) and share of the table's width.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("labels.manifest.col.seq", 0.05),
    ("labels.manifest.col.code", 0.16),
    ("labels.manifest.col.order_no", 0.15),
    ("labels.manifest.col.customer", 0.11),
    ("labels.manifest.col.product", 0.2),
    ("labels.manifest.col.spec", 0.1),
    ("labels.manifest.col.qty", 0.06),
    ("labels.manifest.col.stage", 0.07),
    ("labels.manifest.col.expected", 0.1),
)


@dataclass
class ManifestPage:
    image: Image.Image
    batch_code: str
    bar_geometry: BarcodeGeometry
    page_no: int
    page_count: int


class ManifestRenderer:
    """Draws manifests as A4 pages at :data:`MANIFEST_DPI`."""

    def __init__(self, font: FontChoice | str | None = None) -> None:
        self.font = font if isinstance(font, FontChoice) else find_cjk_font(font)
        self.dpi = MANIFEST_DPI

    def _dots(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def pages(self, manifest: Manifest) -> list[ManifestPage]:
        chunks = [
            manifest.lines[i : i + ROWS_PER_PAGE]
            for i in range(0, max(1, len(manifest.lines)), ROWS_PER_PAGE)
        ]
        return [
            self._page(manifest, chunk, number, len(chunks), start=(number - 1) * ROWS_PER_PAGE)
            for number, chunk in enumerate(chunks, start=1)
        ]

    def _text(
        self,
        draw: ImageDraw.ImageDraw,
        xy: tuple[int, int],
        text: str,
        width: int,
        size_mm: float,
        anchor: str = "ls",
    ) -> None:
        px = self._dots(size_mm)
        fitted = fit_line(self.font, text, width, px, max(1, int(px * 0.7)))
        draw.text(xy, fitted.text, font=fitted.font, fill=0, anchor=anchor)

    def _page(
        self, manifest: Manifest, lines: list[ManifestLine], number: int, count: int, start: int
    ) -> ManifestPage:
        width, height = (self._dots(mm) for mm in A4_MM)
        image = Image.new("1", (width, height), 1)
        draw = ImageDraw.Draw(image)
        left, right = self._dots(15), width - self._dots(15)

        # Header: title and facts on the left, the batch barcode on the right.
        top = self._dots(15)
        t = catalogue.text
        self._text(draw, (left, top + self._dots(9)), t("labels.manifest.title"), self._dots(95), 8)
        facts = [
            t("labels.manifest.vendor", vendor=manifest.vendor),
            t(
                "labels.manifest.date",
                date=local_date(manifest.created_at).isoformat(),
                time=manifest.created_at.astimezone().strftime("%H:%M"),
            ),
            t(
                "labels.manifest.operator",
                operator=manifest.operator,
                workstation=manifest.workstation,
            ),
            t("labels.manifest.count", items=len(manifest.lines), page=number, pages=count),
        ]
        for index, fact in enumerate(facts):
            y = top + self._dots(18 + 7 * index)
            self._text(draw, (left, y), fact, self._dots(100), 4.2)

        band_left, band_width = self._dots(120), right - self._dots(120)
        geometry = plan_barcode(
            manifest.batch_code, band_width, self.dpi, t("labels.manifest.where")
        )
        draw_bars(image, geometry, band_left, top, self._dots(18))
        self._text(
            draw,
            (band_left + band_width // 2, top + self._dots(23)),
            manifest.batch_code,
            band_width,
            3.5,
            anchor="ms",
        )

        # Table
        table_top = top + self._dots(50)
        row_h = self._dots(7.5)
        table_w = right - left
        xs = [left]
        for _, share in COLUMNS:
            xs.append(xs[-1] + round(share / sum(s for _, s in COLUMNS) * table_w))
        xs[-1] = right
        header = [t(key) for key, _ in COLUMNS]
        rows = [header] + [
            [
                str(start + i + 1),
                line.code,
                line.order_no,
                line.customer,
                line.product,
                line.spec or "",
                str(line.qty),
                line.stage or "",
                line.expected_return.strftime("%m-%d") if line.expected_return else "",
            ]
            for i, line in enumerate(lines)
        ]
        pad = self._dots(1.2)
        for r, cells in enumerate(rows):
            y0 = table_top + r * row_h
            draw.line((left, y0, right, y0), fill=0, width=3 if r <= 1 else 1)
            for c, cell in enumerate(cells):
                cell_w = xs[c + 1] - xs[c] - 2 * pad
                self._text(draw, (xs[c] + pad, y0 + row_h // 2), cell, cell_w, 3.2, anchor="lm")
        bottom = table_top + len(rows) * row_h
        draw.line((left, bottom, right, bottom), fill=0, width=3)

        # Footer: signatures, so the hand-over is on paper too.
        sign_y = height - self._dots(25)
        self._text(draw, (left, sign_y), t("labels.manifest.sent_by"), self._dots(85), 4)
        self._text(
            draw,
            (left + self._dots(95), sign_y),
            t("labels.manifest.received_by"),
            self._dots(85),
            4,
        )
        return ManifestPage(image, manifest.batch_code, geometry, number, count)


def batch_codes(engine: Engine, batch_ids: Sequence[int]) -> list[str]:
    """The printed codes of these batches, oldest first."""
    if not batch_ids:
        return []
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(send_out_batches.c.code)
                .where(send_out_batches.c.id.in_(list(batch_ids)))
                .order_by(send_out_batches.c.id)
            ).scalars()
        )
