"""货架位标签: slot names and ranges, the barcode a scan tells from items, read back by zbar."""

from __future__ import annotations

import pytest

from yinglou_desk.domain.shelf_slots import (
    SlotError,
    label_code,
    parse_scope,
    parse_slots,
    slot_name,
    slot_of_label,
)
from yinglou_desk.services.labels.layout import LabelRenderer
from yinglou_desk.services.shelf.labels import produce_slot_labels, slot_label

from .helpers.cli import run_cli
from .helpers.label_decode import decode, decode_pdf


def test_ranges_lists_and_racks_are_read_in_shelf_order():
    assert parse_slots("A-01..A-03") == ["A-01", "A-02", "A-03"]
    assert parse_slots("A-39..B-02") == ["A-39", "A-40", "B-01", "B-02"]
    assert parse_slots("a-5, A-01，b-1") == ["A-01", "A-05", "B-01"]
    assert parse_slots("A-01..A-02,A-02") == ["A-01", "A-02"]
    assert len(parse_slots("A-01..H-40")) == 320


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "shelf_labels.no_slots"),
        ("A-05..A-01", "shelf_labels.reversed"),
        ("A-00", "shelf_labels.bad_slot"),
        ("A-41", "shelf_labels.bad_slot"),
        ("Z-01", "shelf_labels.bad_slot"),
        ("A-01..", "shelf_labels.bad_slot"),
        ("H-41+", "shelf_labels.bad_slot"),
    ],
)
def test_bad_slots_and_ranges_are_refused_with_their_message(text, key):
    with pytest.raises(SlotError) as refused:
        parse_slots(text)
    assert refused.value.key == key


def test_a_slot_label_is_told_apart_from_every_other_code():
    assert label_code("a-5") == "SL-A-05"
    assert slot_of_label("SL-A-05") == "A-05"
    for other in ("A-05", "200000000001", "OP-ABCDEFGHJKMN", "SB-XYZ", "SL-A-5", "SL-Z-01"):
        assert slot_of_label(other) is None
    assert slot_name("c-7") == "C-07"
    assert slot_name("C-41") is None
    assert parse_scope("*").whole
    assert parse_scope(" a ").rack == "A"
    assert not parse_scope("").rack
    with pytest.raises(SlotError) as refused:
        parse_scope("AB")
    assert refused.value.key == "shelf_audit.bad_scope"


@pytest.mark.parametrize(("size", "dpi"), [("40x30", 203), ("50x30", 300), ("62x29", 203)])
def test_slot_labels_read_back_as_their_slot(size, dpi):
    rendered = slot_label(LabelRenderer(size, dpi), "D-20")
    assert decode(rendered.image) == ["SL-D-20"]
    assert not rendered.shortened
    assert slot_of_label(decode(rendered.image)[0]) == "D-20"


def test_a_range_of_slot_labels_as_a_pdf_one_per_page(tmp_path):
    out = tmp_path / "slots.pdf"
    produce_slot_labels(parse_slots("A-39..B-01"), out, LabelRenderer("50x30", 300))
    assert decode_pdf(out, 300) == [["SL-A-39"], ["SL-A-40"], ["SL-B-01"]]


def test_the_command_line_prints_slot_labels_and_refuses_bad_ranges(tmp_path):
    out = tmp_path / "slots.pdf"
    done = run_cli("labels", "--slots", "A-01..A-03,C-05", "-o", str(out), "--size", "40x30")
    assert done.code == 0, done.err
    assert done.out.split() == [str(out)]
    assert [slot_of_label(page[0]) for page in decode_pdf(out, 300)] == [
        "A-01",
        "A-02",
        "A-03",
        "C-05",
    ]
    bad = run_cli("labels", "--slots", "A-20..A-01", "-o", str(tmp_path / "bad.pdf"))
    assert bad.code == 2
    assert "A-01..A-20" in bad.err
    assert not (tmp_path / "bad.pdf").exists()
    mixed = run_cli("labels", "S001", "--slots", "A-01", "-o", str(tmp_path / "m.pdf"))
    assert mixed.code == 2
    assert "--slots" in mixed.err
