"""One language at a time in what the core says: refusals, reasons, printed words, file headers.

Each test makes the same things happen once in English and once in Chinese
(the suite pins ``YINGLOU_LANG=zh``; a test switches it with ``monkeypatch``)
and checks that the English has no Chinese in it and the Chinese no
" / English" tail. The data is ASCII, so any Chinese in the English is ours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from yinglou_desk.domain.order_sheet import SheetError, find_header, parse_sheet
from yinglou_desk.domain.records import OperatorInfo
from yinglou_desk.domain.roles import Role
from yinglou_desk.domain.statement_match import CATEGORY_NAMES, ItemFacts, match_statement
from yinglou_desk.domain.statement_sheet import (
    StatementError,
    find_statement_header,
    parse_statement,
)
from yinglou_desk.domain.states import Station
from yinglou_desk.services.labels import fonts as label_fonts
from yinglou_desk.services.labels import layout as labels
from yinglou_desk.services.labels import manifests
from yinglou_desk.services.labels.barcode import BarcodeNotPrintable, CodeTooLong
from yinglou_desk.services.labels.layout import LabelData, LabelRenderer, LabelSizeError
from yinglou_desk.services.labels.output import OutputError, output_kind, write_images
from yinglou_desk.services.notifications.outbox import OutgoingMessage, SendFailed, export_queued
from yinglou_desk.services.notifications.sms import HttpSmsChannel
from yinglou_desk.services.orders.details import OrderEditRefused, correct_order, order_details
from yinglou_desk.services.orders.importing import import_orders
from yinglou_desk.services.orders.privacy import PrivacyError, export_customer
from yinglou_desk.services.reconciliation.export import EXPORT_COLUMNS, ExportRow, ExportSummary
from yinglou_desk.services.reconciliation.matching import (
    Reconciliation,
    ReconciliationError,
    vendor_named,
)
from yinglou_desk.services.reconciliation.report import write_report
from yinglou_desk.services.reconciliation.statement import StatementRefused, read_statement
from yinglou_desk.services.reconciliation.vendor_history import Period
from yinglou_desk.services.reports.excel import Column, ExportError, XlsxBook, in_language
from yinglou_desk.services.reports.figures import last_days
from yinglou_desk.services.scanning.journal import JournalBusy, ScanJournal
from yinglou_desk.services.scanning.service import ScanSession
from yinglou_desk.services.scanning.undo import undo_last_scan
from yinglou_desk.services.settings.studio import StudioSettings
from yinglou_desk.services.settings.this_pc import (
    PcSettings,
    PcSettingsInvalid,
    load_pc_settings,
    with_environment,
)
from yinglou_desk.services.settings.vendors import (
    VendorError,
    add_or_update_vendor,
    set_product_turnaround,
)
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.operators import OperatorError, add_operator

HAN = re.compile(r"[\u4e00-\u9fff]")
FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
CLI = command_line_actor()

Said = Callable[[], Iterable[str]]


def _in_both(monkeypatch: pytest.MonkeyPatch, say: Said) -> tuple[list[str], list[str]]:
    """What ``say`` produces in English, then in Chinese."""
    said = {}
    for lang in ("en", "zh"):
        monkeypatch.setenv("YINGLOU_LANG", lang)
        said[lang] = [str(text) for text in say()]
    return said["en"], said["zh"]


def _assert_one_language(monkeypatch: pytest.MonkeyPatch, say: Said) -> list[str]:
    en, zh = _in_both(monkeypatch, say)
    assert en
    assert len(en) == len(zh)
    for text in en:
        assert not HAN.search(text), text
        assert not FULL_WIDTH.search(text), text
    for text in zh:
        assert " / " not in text, text
    assert HAN.search("".join(zh))
    return en


def _refusal(call: Callable[[], object], error: type[BaseException] = Exception) -> str:
    with pytest.raises(error) as refused:
        call()
    return str(refused.value)


def test_order_sheet_and_statement_errors(monkeypatch, tmp_path) -> None:
    header = ("订单号", "客户", "电话", "拍摄日期", "数量", "单价", "条码", "产品")
    rows = [
        ("A1", "Lin", "abc", "2026-13-40", "x", "-5", "C-1", "Album"),
        ("A2", "Lin", "123", True, 0, True, None, "Album"),
        ("A3", "", None, None, None, None, None, "Album"),
        ("A4", "Lin", None, None, None, None, "C-9", "Album"),
        ("A4", "Lin", None, None, None, None, "C-9", "Frame"),
        ("A4", "Wang", None, None, None, None, None, "Frame"),
        ("A5", "Lin", "13800138000", None, None, None, None, "Album"),
        ("A5", "Lin", "13900139000", None, None, None, None, "Frame"),
    ]
    statement = tmp_path / "statement.xlsx"
    book = Workbook()
    for row in (("条码", "金额"), ("C-1", "abc"), (1.5, 10), ("C-2", None), (None, 10)):
        book.active.append(row)
    book.save(statement)

    def say() -> list[str]:
        _, columns = find_header([header])
        _, errors = parse_sheet(rows, columns, 2)
        _, statement_errors = parse_statement([("条码", "金额"), ("C-1", "abc"), (None, 10)])
        return [
            *errors,
            *statement_errors,
            _refusal(lambda: find_header([("x",)]), SheetError),
            _refusal(lambda: find_statement_header([("x",)]), StatementError),
            _refusal(lambda: read_statement(statement), StatementRefused),
            _refusal(lambda: read_statement(tmp_path / "missing.xlsx"), StatementRefused),
        ]

    said = _assert_one_language(monkeypatch, say)
    assert len(said) >= 14
    assert "Row 2, column “Phone”: Not a phone number: abc" in said


def _facts(code: str, **changes: object) -> ItemFacts:
    values: dict[str, object] = {
        "code": code,
        "order_no": "A1",
        "product": "Album",
        "spec": None,
        "qty": 1,
        "unit_cost": Decimal("100"),
        "received_on": date(2026, 3, 9),
        "reworked": False,
    }
    values.update(changes)
    return ItemFacts(**values)  # type: ignore[arg-type]


def test_reconciliation_findings_and_the_report(monkeypatch, tmp_path) -> None:
    rows = [
        ("条码", "订单号", "产品", "金额", "类型"),
        ("OK", None, None, 100, None),
        ("TWICE", None, None, 100, None),
        ("TWICE", None, None, 100, None),
        ("OUT", None, None, 100, None),
        ("NOCOST", None, None, 100, None),
        ("PRICE", None, None, 120, None),
        ("RW", None, None, 100, "rework"),
        ("RW", None, None, 100, None),
        ("RW", None, None, 100, None),
        ("FAKE-RW", None, None, 100, "redo"),
        ("GHOST", None, None, 100, None),
        (None, "A9", "Frame", 100, None),
    ]
    items = {
        f.code: f
        for f in (
            _facts("OK"),
            _facts("TWICE"),
            _facts("OUT", received_on=None),
            _facts("NOCOST", unit_cost=None),
            _facts("PRICE"),
            _facts("RW", reworked=True),
            _facts("FAKE-RW"),
            _facts("LATE"),
        )
    }
    report = tmp_path / "report.xlsx"

    def say() -> list[str]:
        lines, errors = parse_statement(rows)
        assert errors == []
        resolved = {ln.row: (ln.code if ln.code in items else None) for ln in lines}
        result = match_statement(lines, resolved, items, [items["LATE"]])
        checked = Reconciliation(
            "Lab", Period(date(2026, 3, 1), date(2026, 3, 31)), "given", result
        )
        write_report(checked, report)
        book = load_workbook(report)
        cells = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row]
        return [
            *CATEGORY_NAMES.values(),
            *(f.reason for f in result.findings),
            *(finding["reason"] for finding in checked.to_json()["findings"]),
            *book.sheetnames,
            *cells,
        ]

    said = _assert_one_language(monkeypatch, say)
    assert "Billed twice" in said
    assert "Expected 100.00 (unit cost 100 × 1), a difference of 20.00" in said


def test_the_vendor_export_columns_and_summary(monkeypatch) -> None:
    sent = datetime(2026, 3, 2, tzinfo=UTC)
    row = ExportRow(
        "C-1", "A1", "L*", "Album", None, 1, sent, "Li", None, None, "sent_out", 0, "", Decimal("1")
    )
    summary = ExportSummary("Lab", Period(date(2026, 3, 1), date(2026, 3, 31)), [row])

    def say() -> list[str]:
        pairs = summary.pairs()
        return [c.title for c in in_language(EXPORT_COLUMNS)] + [label for label, _ in pairs]

    said = _assert_one_language(monkeypatch, say)
    assert "Days at vendor" in said
    assert "Still out" in said


def test_workbooks_and_their_refusals(monkeypatch, tmp_path) -> None:
    def say() -> list[str]:
        book = XlsxBook()
        columns = [Column("exports.col.product"), Column("exports.col.amount", "money", total=True)]
        book.add_table("Items", in_language(columns), [["Album", Decimal("1.00")]])
        book.add_pairs("Summary", [("Lab", 1)])
        path = tmp_path / "book.xlsx"
        book.save(path)
        saved = load_workbook(path)
        cells = [
            str(v) for sheet in saved for row in sheet.iter_rows(values_only=True) for v in row
        ]
        return [
            *cells,
            _refusal(lambda: book.save(path), ExportError),
            _refusal(lambda: XlsxBook().save(tmp_path / "no" / "such.xlsx"), ExportError),
        ]

    said = _assert_one_language(monkeypatch, say)
    assert {"Total", "Item", "Value"} <= set(said)


def test_labels_badges_and_manifests(monkeypatch, tmp_path) -> None:
    drawn: list[str] = []
    real_fit = label_fonts.fit_line

    def recording_fit(font, text, *args):  # type: ignore[no-untyped-def]
        drawn.append(text)
        return real_fit(font, text, *args)

    monkeypatch.setattr(labels, "fit_line", recording_fit)
    monkeypatch.setattr(manifests, "fit_line", recording_fit)
    line = manifests.ManifestLine(
        "C-1", "A1", "Lin", "Album", "12in", 1, "1 year", date(2026, 3, 9)
    )
    when = datetime(2026, 3, 2, 10, tzinfo=UTC)
    manifest = manifests.Manifest("SB-ABC234XYZ789", "Lab", "Li", "pc-1", when, [line])
    too_long = LabelData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCD", "Lin", "A1", "Album")
    not_code128 = LabelData("ABCé", "Lin", "A1", "Album")
    no_font = tmp_path / "none.ttf"

    def say() -> list[str]:
        drawn.clear()
        renderer = LabelRenderer("50x30", 300)
        renderer.label(LabelData("C-1", "Lin", "A1", "Album", stage="1 year", vendor="Lab"))
        renderer.badge("OP-ABCDEFGHJKMN", "Li", "sorter")
        manifests.ManifestRenderer().pages(manifest)
        return [
            *drawn,
            _refusal(lambda: labels.parse_size("9x9"), LabelSizeError),
            _refusal(lambda: labels.check_dpi(600), LabelSizeError),
            _refusal(lambda: output_kind("labels.txt"), OutputError),
            _refusal(lambda: write_images([], tmp_path / "x.pdf", 300), OutputError),
            _refusal(lambda: LabelRenderer("40x30", 203).label(too_long), CodeTooLong),
            _refusal(lambda: renderer.label(not_code128), BarcodeNotPrintable),
            _refusal(lambda: label_fonts.find_cjk_font(no_font), label_fonts.FontNotFound),
        ]

    said = _assert_one_language(monkeypatch, say)
    assert {"Order A1  1 year", "Vendor Lab", "sorter · staff badge"} <= set(said)
    assert {"Send-out manifest", "Vendor: Lab", "Due back", "Sent by: ________________"} <= set(
        said
    )


def test_this_pcs_settings(monkeypatch, tmp_path) -> None:
    contents = ("[]", '{"silent": "yes"}', '{"serial_scanners": "COM1"}', '{"label_dpi": 1.5}')
    damaged = [tmp_path / f"pc-{n}.json" for n in range(len(contents))]
    for path, content in zip(damaged, contents, strict=True):
        path.write_text(content, encoding="utf-8")

    def say() -> list[str]:
        warnings = [load_pc_settings(path, {})[1] or "" for path in damaged]
        return [
            *warnings,
            _refusal(lambda: PcSettings(label_size="9x9").check(), PcSettingsInvalid),
            _refusal(lambda: PcSettings(label_dpi=600).check(), PcSettingsInvalid),
            _refusal(
                lambda: with_environment(PcSettings(), {"YINGLOU_LABEL_DPI": "x"}),
                PcSettingsInvalid,
            ),
        ]

    said = _assert_one_language(monkeypatch, say)
    assert all("the defaults were used" in warning for warning in said[:4])


def test_staff_vendors_periods_journal_and_the_sms_gateway(monkeypatch, tmp_path) -> None:
    session = ScanSession(Station.CHECK_IN, OperatorInfo(1, "Li", Role.SORTER, "OP-X"), "pc-1")
    journal = ScanJournal(tmp_path / "journal.jsonl")
    gateway = HttpSmsChannel(StudioSettings(sms_url="http://127.0.0.1:1/send"))
    message = OutgoingMessage(1, "ready:1:0", "13800138000", "ready")
    assert session.workstation == "pc-1"

    def say() -> list[str]:
        return [
            _refusal(lambda: add_operator(None, " ", "sorter", "1234", actor=CLI), OperatorError),
            _refusal(lambda: add_operator(None, "x" * 300, "sorter", "1234", actor=CLI)),
            _refusal(lambda: add_operator(None, "Li", "boss", "1234", actor=CLI), OperatorError),
            _refusal(lambda: add_operator(None, "Li", "sorter", "1", actor=CLI), OperatorError),
            _refusal(lambda: add_or_update_vendor(None, " ", actor=CLI), VendorError),
            _refusal(lambda: add_or_update_vendor(None, "Lab", 400, actor=CLI), VendorError),
            _refusal(lambda: set_product_turnaround(None, "Lab", " ", 3, actor=CLI), VendorError),
            _refusal(lambda: Period(date(2026, 3, 2), date(2026, 3, 1)), ValueError),
            _refusal(lambda: last_days(date(2026, 3, 2), 0), ValueError),
            _refusal(lambda: ScanJournal(tmp_path / "journal.jsonl"), JournalBusy),
            _refusal(lambda: HttpSmsChannel(StudioSettings()), ValueError),
            _refusal(lambda: gateway(message), SendFailed),
        ]

    try:
        said = _assert_one_language(monkeypatch, say)
    finally:
        journal.close()
    assert "Unknown role 'boss'; choose sorter, desk, manager or admin" in said


def test_what_the_database_refuses(monkeypatch, engine, clock, tmp_path) -> None:
    sheet = tmp_path / "orders.xlsx"
    book = Workbook()
    book.active.append(("order_no", "customer", "product", "barcode", "vendor"))
    book.active.append(("A1", "Lin", "Album", "C-1", "Lab"))
    book.save(sheet)
    assert import_orders(engine, sheet, actor=CLI, clock=clock).ok
    book.active["A2"] = "A2"  # another order with the same barcode
    book.save(sheet)
    not_xlsx = tmp_path / "plain.xlsx"
    not_xlsx.write_text("order_no,customer\n", encoding="utf-8")
    session = ScanSession(Station.CHECK_IN, OperatorInfo(1, "Li", Role.SORTER, "OP-X"), "pc-1")
    outbox = tmp_path / "outbox.csv"

    def correct(**changes: object) -> object:
        values = {"customer": "Lin", "phone": None, "promised_date": None, "notes": None}
        values.update(changes)
        return correct_order(engine, "A1", **values, actor=CLI, operator_name="Li", clock=clock)

    def say() -> list[str]:
        again = import_orders(engine, sheet, actor=CLI, clock=clock, dry_run=True)
        export_queued(engine, outbox, clock)
        return [
            *(str(error) for error in again.errors),
            outbox.read_text(encoding="utf-8-sig").splitlines()[0],
            undo_last_scan(engine, session, clock=clock).message,
            _refusal(lambda: import_orders(engine, tmp_path / "none.xlsx", actor=CLI)),
            _refusal(lambda: import_orders(engine, not_xlsx, actor=CLI)),
            _refusal(lambda: order_details(engine, "NOPE"), OrderEditRefused),
            _refusal(lambda: correct(customer=" "), OrderEditRefused),
            _refusal(lambda: correct(phone="abc"), OrderEditRefused),
            _refusal(lambda: correct(notes="x" * 3000), OrderEditRefused),
            _refusal(lambda: export_customer(engine, "NOPE", CLI, clock), PrivacyError),
            _refusal(lambda: vendor_named(engine, "Nobody"), ReconciliationError),
            _refusal(lambda: set_product_turnaround(engine, "Nobody", "Album", 3, actor=CLI)),
        ]

    said = _assert_one_language(monkeypatch, say)
    assert "Row 2, column “Barcode”: The barcode C-1 is already in use" in said
    assert "Nothing to undo" in said
