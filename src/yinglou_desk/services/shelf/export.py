"""A shelf audit as an Excel workbook: a summary sheet and one line per finding.

Values are ``Decimal`` yuan computed from fen, so the totals row is exact.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from yinglou_desk import catalogue
from yinglou_desk.services.reports.excel import Column, XlsxBook, in_language, local_naive
from yinglou_desk.services.shelf.audit import AuditReport

_COLUMNS = (
    Column("shelf_audit.col.kind"),
    Column("shelf_audit.col.code"),
    Column("shelf_audit.col.slot"),
    Column("shelf_audit.col.expected_slot"),
    Column("shelf_audit.col.order_no"),
    Column("shelf_audit.col.customer"),
    Column("shelf_audit.col.product"),
    Column("shelf_audit.col.value", "money", total=True),
)


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen) / 100


def write_audit_workbook(report: AuditReport, path: str | os.PathLike[str]) -> Path:
    t = catalogue.text
    s = report.summary
    book = XlsxBook()
    book.add_pairs(
        t("shelf_audit.sheet.summary"),
        [
            (t("shelf_audit.col.audit"), s.id),
            (t("shelf_audit.col.at"), local_naive(s.at)),
            (t("shelf_audit.col.operator"), s.operator_name),
            (t("shelf_audit.col.workstation"), s.workstation),
            (t("shelf_audit.col.scope"), s.scope),
            (t("shelf_audit.col.scanned"), s.scanned),
            (t("shelf_audit.kind.missing"), s.missing),
            (t("shelf_audit.kind.misplaced"), s.misplaced),
            (t("shelf_audit.kind.stale"), s.stale),
            (t("shelf_audit.kind.unknown"), s.unknown),
        ],
    )
    book.add_table(
        t("shelf_audit.sheet.findings"),
        in_language(_COLUMNS),
        (
            [
                t(f"shelf_audit.kind.{f.kind.value}"),
                f.code,
                f.slot,
                f.expected_slot,
                f.order_no,
                f.customer,
                f.product,
                _yuan(f.value_fen),
            ]
            for f in report.findings
        ),
    )
    target = Path(path)
    book.save(target)
    return target
