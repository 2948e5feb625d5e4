"""Choosing items to label and stamping ``labelled_at``, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from yinglou_desk.services.labels.barcode import CodeTooLong
from yinglou_desk.services.labels.jobs import produce_labels
from yinglou_desk.services.labels.layout import LabelRenderer
from yinglou_desk.services.labels.selection import (
    SelectionError,
    labels_for_batch,
    labels_for_items,
    labels_for_orders,
    unlabelled,
)
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import Item, Order, SendOutBatch, Stage

from .helpers.label_decode import decode_pdf
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("A001", ["100000000011", "100000000012", "100000000013"], customer="张小梅")
    studio.add_order("A002", ["100000000021"], customer="欧阳娜娜", vendor="晶典水晶")
    return studio


def _labelled_at(engine):
    with engine.connect() as conn:
        return dict(conn.execute(select(Item.code, Item.labelled_at)).all())


def _set_state(engine, code, state):
    with write_transaction(engine) as conn:
        conn.execute(Item.__table__.update().where(Item.code == code).values(state=state))


@pytest.mark.usefixtures("studio")
def test_labels_per_order_follow_the_order_given_and_carry_what_staff_read(engine):
    labels = labels_for_orders(engine, ["A002", "A001"])

    assert [label.code for label in labels] == [
        "100000000021",
        "100000000011",
        "100000000012",
        "100000000013",
    ]
    first = labels[0]
    assert (first.customer, first.order_no, first.product, first.spec, first.vendor) == (
        "欧阳娜娜",
        "A002",
        "大相册",
        "12寸",
        "晶典水晶",
    )


@pytest.mark.usefixtures("studio")
def test_the_stage_of_a_growth_package_is_on_the_label(engine):
    with write_transaction(engine) as conn:
        order_id = conn.execute(select(Order.id).where(Order.order_no == "A001")).scalar_one()
        stage_id = conn.execute(
            Stage.__table__.insert().values(order_id=order_id, name="一周岁", seq=2)
        ).inserted_primary_key[0]
        conn.execute(
            Item.__table__.update().where(Item.code == "100000000012").values(stage_id=stage_id)
        )
    [label] = labels_for_items(engine, ["100000000012"])
    assert label.stage == "一周岁"
    assert "一周岁" in label.text_lines()[1].text


@pytest.mark.usefixtures("studio")
def test_unknown_order_numbers_are_all_named_and_nothing_is_selected(engine):
    with pytest.raises(SelectionError) as unknown:
        labels_for_orders(engine, ["A001", "NOPE-1", "NOPE-2"])
    assert "NOPE-1" in str(unknown.value)
    assert "NOPE-2" in str(unknown.value)
    assert "A001" not in str(unknown.value)


@pytest.mark.usefixtures("studio")
def test_cancelled_items_get_no_label(engine):
    _set_state(engine, "100000000012", "cancelled")
    codes = [label.code for label in labels_for_orders(engine, ["A001"])]
    assert codes == ["100000000011", "100000000013"]


@pytest.mark.usefixtures("studio")
def test_labels_per_item_and_unknown_codes(engine):
    codes = [label.code for label in labels_for_items(engine, ["100000000021", "100000000011"])]
    assert codes == ["100000000021", "100000000011"]
    with pytest.raises(SelectionError, match="999"):
        labels_for_items(engine, ["100000000011", "999"])


def test_labels_per_send_out_batch(studio, engine, clock):
    service = ScanService(engine, clock=clock, lang="zh")
    session = studio.session("send-out")
    for code in ("100000000011", "100000000021"):
        assert service.scan(session, code).outcome.value == "accepted"
    with engine.connect() as conn:
        batches = dict(conn.execute(select(SendOutBatch.code, SendOutBatch.vendor_id)).all())
    by_vendor = {vendor_id: code for code, vendor_id in batches.items()}

    album_batch = by_vendor[studio.vendor_ids["金彩相册厂"]]
    assert [label.code for label in labels_for_batch(engine, album_batch)] == ["100000000011"]
    with pytest.raises(SelectionError, match="SB-NOPE"):
        labels_for_batch(engine, "SB-NOPE")


@pytest.mark.usefixtures("studio")
def test_producing_labels_stamps_exactly_those_items_and_they_leave_the_unlabelled_list(
    engine, clock, tmp_path
):
    assert [label.code for label in unlabelled(engine)] == [
        "100000000011",
        "100000000012",
        "100000000013",
        "100000000021",
    ]
    labels = labels_for_orders(engine, ["A001"])
    path = tmp_path / "a001.pdf"

    produce_labels(engine, labels, path, LabelRenderer("50x30", 203), clock=clock)

    assert decode_pdf(path, 203) == [["100000000011"], ["100000000012"], ["100000000013"]]
    stamped = _labelled_at(engine)
    assert stamped["100000000011"] == clock() == stamped["100000000013"]
    assert stamped["100000000021"] is None
    assert [label.code for label in unlabelled(engine)] == ["100000000021"]


@pytest.mark.usefixtures("studio")
def test_picked_up_items_are_not_in_the_unlabelled_list(engine):
    _set_state(engine, "100000000021", "picked_up")
    _set_state(engine, "100000000013", "cancelled")
    assert [label.code for label in unlabelled(engine)] == ["100000000011", "100000000012"]
    assert [label.code for label in unlabelled(engine, limit=1)] == ["100000000011"]


@pytest.mark.usefixtures("studio")
def test_a_failed_render_writes_nothing_and_stamps_nothing(engine, clock, tmp_path):
    with write_transaction(engine) as conn:
        conn.execute(
            Item.__table__.update()
            .where(Item.code == "100000000013")
            .values(code="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCD")
        )
    labels = labels_for_orders(engine, ["A001"])
    out = tmp_path / "out"
    with pytest.raises(CodeTooLong):
        produce_labels(engine, labels, out / "x.pdf", LabelRenderer("40x30", 203), clock)
    assert not out.exists() or list(out.iterdir()) == []
    assert all(value is None for value in _labelled_at(engine).values())
