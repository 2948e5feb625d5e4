"""Printing through Qt: what reaches the printer still decodes, page by page, at the label size.

A QPrinter writing a PDF stands in for the label printer; the preview dialog is
driven through ``run_dialog`` so no modal loop ever runs in a test.
"""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from yinglou_desk.services.labels.layout import LabelData, LabelRenderer
from yinglou_desk.ui.printing.printer import (
    PrintError,
    PrintJob,
    print_with_preview,
    print_without_dialog,
    printer_named,
)

from .helpers.label_decode import decode_pdf, pdf_page_sizes


def _job(size: str, dpi: int) -> PrintJob:
    renderer = LabelRenderer(size, dpi)
    return PrintJob.from_labels(
        [
            renderer.label(LabelData(f"30000000000{n}", "司马长风欧阳娜娜", f"B{n}", "水晶摆台"))
            for n in range(1, 4)
        ]
    )


def _pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize(("size", "dpi"), [("50x30", 203), ("62x29", 300), ("40x30", 203)])
@pytest.mark.usefixtures("qapp")
def test_printing_without_dialog_sends_every_label_readable_at_the_label_size(tmp_path, size, dpi):
    path = tmp_path / "printed.pdf"
    job = _job(size, dpi)

    print_without_dialog(job, printer=_pdf_printer(path))

    assert decode_pdf(path, 300) == [["300000000001"], ["300000000002"], ["300000000003"]]
    width_mm, height_mm = (float(v) for v in size.split("x"))
    for width_pt, height_pt in pdf_page_sizes(path):  # Qt rounds pages to whole points
        assert width_pt == pytest.approx(width_mm * 72 / 25.4, abs=1)
        assert height_pt == pytest.approx(height_mm * 72 / 25.4, abs=1)


@pytest.mark.usefixtures("qapp")
def test_the_preview_paints_the_labels_and_reports_whether_staff_printed(tmp_path):
    path = tmp_path / "previewed.pdf"
    printer = _pdf_printer(path)
    seen = []

    def staff_press_print(dialog):
        assert isinstance(dialog, QPrintPreviewDialog)
        seen.append(dialog)
        dialog.paintRequested.emit(printer)  # what the dialog does when Print is pressed
        return QDialog.DialogCode.Accepted

    assert print_with_preview(_job("50x30", 300), printer=printer, run_dialog=staff_press_print)
    assert len(seen) == 1
    assert decode_pdf(path, 300) == [["300000000001"], ["300000000002"], ["300000000003"]]


@pytest.mark.usefixtures("qapp")
def test_closing_the_preview_prints_nothing(tmp_path):
    printer = _pdf_printer(tmp_path / "never.pdf")
    closed = print_with_preview(
        _job("50x30", 300), printer=printer, run_dialog=lambda _dialog: QDialog.DialogCode.Rejected
    )
    assert closed is False
    assert not (tmp_path / "never.pdf").exists()


@pytest.mark.usefixtures("qapp")
def test_an_unknown_printer_name_is_a_clear_error():
    with pytest.raises(PrintError, match="找不到打印机：没有这台打印机-xyz"):
        printer_named("没有这台打印机-xyz")


def test_an_empty_job_is_refused():
    with pytest.raises(PrintError, match="没有要打印的标签"):
        PrintJob.from_labels([])
