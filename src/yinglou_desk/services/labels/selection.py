"""Which items get a label: per order, per item, per send-out batch, or every item
not labelled yet; and recording that a label was produced (``items.labelled_at``).

Cancelled items get no label: a label for something that will never be made
only ends up scanned by mistake. Every selection is one query; unknown order
numbers, codes or batches are reported together, before anything is printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Select, func, select, update
from sqlalchemy.orm import aliased

from yinglou_desk.domain.states import ItemState
from yinglou_desk.domain.wording import WordedError, listing
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.labels.layout import LabelData
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import Customer, Item, Order, SendOutBatch, Stage, Vendor

items = Item.__table__
orders = Order.__table__
customers = Customer.__table__
stages = Stage.__table__
vendors = Vendor.__table__
batches = SendOutBatch.__table__

# Items that need no label any more.
_NO_LABEL_STATES = (ItemState.CANCELLED.value,)
_NO_LABEL_WHEN_UNLABELLED = (ItemState.CANCELLED.value, ItemState.PICKED_UP.value)


class SelectionError(WordedError, LookupError):
    """Something named for labelling does not exist; the text lists what."""


def _label_query() -> Select[Any]:
    current_vendor = aliased(vendors)
    planned_vendor = aliased(vendors)
    return (
        select(
            items.c.code,
            customers.c.name.label("customer"),
            orders.c.order_no,
            items.c.product,
            items.c.spec,
            items.c.qty,
            stages.c.name.label("stage"),
            func.coalesce(current_vendor.c.name, planned_vendor.c.name).label("vendor"),
        )
        .join(orders, orders.c.id == items.c.order_id)
        .join(customers, customers.c.id == orders.c.customer_id)
        .outerjoin(stages, stages.c.id == items.c.stage_id)
        .outerjoin(current_vendor, current_vendor.c.id == items.c.vendor_id)
        .outerjoin(planned_vendor, planned_vendor.c.id == items.c.planned_vendor_id)
        .order_by(orders.c.id, stages.c.seq, items.c.id)
    )


def _to_labels(rows: Iterable[Any]) -> list[LabelData]:
    return [
        LabelData(
            code=r.code,
            customer=r.customer,
            order_no=r.order_no,
            product=r.product,
            spec=r.spec,
            qty=r.qty or 1,
            stage=r.stage,
            vendor=r.vendor,
        )
        for r in rows
    ]


def labels_for_orders(engine: Engine, order_nos: Sequence[str]) -> list[LabelData]:
    """Every item of the orders, in the order the numbers were given."""
    wanted = list(dict.fromkeys(no.strip() for no in order_nos if no.strip()))
    with engine.connect() as conn:
        known = set(
            conn.execute(select(orders.c.order_no).where(orders.c.order_no.in_(wanted))).scalars()
        )
        missing = [no for no in wanted if no not in known]
        if missing:
            raise SelectionError("labels.unknown_orders", numbers=listing(missing))
        rows = conn.execute(
            _label_query().where(
                orders.c.order_no.in_(wanted), items.c.state.not_in(_NO_LABEL_STATES)
            )
        ).all()
    position = {no: index for index, no in enumerate(wanted)}
    return _to_labels(sorted(rows, key=lambda r: position[r.order_no]))


def labels_for_items(engine: Engine, codes: Sequence[str]) -> list[LabelData]:
    """The named items, in the order given (a reprint of one damaged label, say)."""
    wanted = list(dict.fromkeys(codes))
    with engine.connect() as conn:
        rows = conn.execute(_label_query().where(items.c.code.in_(wanted))).all()
    by_code = {r.code: r for r in rows}
    missing = [code for code in wanted if code not in by_code]
    if missing:
        raise SelectionError("labels.unknown_codes", codes=listing(missing))
    return _to_labels(by_code[code] for code in wanted)


def labels_for_batch(engine: Engine, batch_code: str) -> list[LabelData]:
    """The items a send-out batch holds now (an item re-sent after rework moves on)."""
    with engine.connect() as conn:
        batch_id = conn.execute(
            select(batches.c.id).where(batches.c.code == batch_code.strip())
        ).scalar()
        if batch_id is None:
            raise SelectionError("labels.unknown_batch", batch=batch_code)
        rows = conn.execute(_label_query().where(items.c.batch_id == batch_id)).all()
    return _to_labels(rows)


def unlabelled(engine: Engine, limit: int | None = None) -> list[LabelData]:
    """Items never labelled that still need one, oldest order first."""
    query = _label_query().where(
        items.c.labelled_at.is_(None), items.c.state.not_in(_NO_LABEL_WHEN_UNLABELLED)
    )
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        return _to_labels(conn.execute(query).all())


def mark_labelled(engine: Engine, codes: Iterable[str], clock: Clock = utc_now) -> datetime:
    """Records that these items' labels were produced now; returns the time stamped.

    Called only after the file was written, so a failed print leaves the item
    in the "not labelled yet" list.
    """
    now = clock()
    code_list = list(dict.fromkeys(codes))
    with write_transaction(engine) as conn:
        for start in range(0, len(code_list), 500):  # stay under SQL parameter limits
            chunk = code_list[start : start + 500]
            conn.execute(update(Item).where(Item.code.in_(chunk)).values(labelled_at=now))
    return now
