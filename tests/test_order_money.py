"""An order as the desk shows it carries its price, what was paid and what is owed (fen).

The sums come from the payment rows in one grouped query for every order loaded, and
agree with the ledger's own :func:`balance_in` on both databases.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from yinglou_desk.domain.money import PaymentKind
from yinglou_desk.services.orders.query import find_orders
from yinglou_desk.services.payments.ledger import balance_in
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.tables import orders, payments

from .helpers.studio import make_studio


def _pay(engine, clock, order_id: int, kind: PaymentKind, fen: int) -> None:
    with write_transaction(engine) as conn:
        conn.execute(
            payments.insert().values(
                order_id=order_id,
                at=clock(),
                kind=kind.value,
                method="cash" if kind is PaymentKind.PAYMENT else None,
                amount_fen=fen,
                reason="test" if kind is not PaymentKind.PAYMENT else None,
                operator_name="test",
                approved_by="经理" if kind is PaymentKind.WAIVER else None,
                workstation="pc-1",
            )
        )


def _price(engine, order_id: int, fen: int | None) -> None:
    with write_transaction(engine) as conn:
        conn.execute(orders.update().where(orders.c.id == order_id).values(price_fen=fen))


def test_price_paid_and_due_of_every_order_loaded(engine, clock) -> None:
    studio = make_studio(engine, clock)
    owing = studio.add_order("M-1", ["MA1"], phone="13800138000")
    settled = studio.add_order("M-2", ["MB1"], phone="13800138000")
    studio.add_order("M-3", ["MC1"], phone="13800138000")  # no price: nothing owed
    waived = studio.add_order("M-4", ["MD1"], phone="13800138000")
    _price(engine, owing, 298000)
    _pay(engine, clock, owing, PaymentKind.IMPORTED, 100000)
    _pay(engine, clock, owing, PaymentKind.PAYMENT, 50050)
    _price(engine, settled, 100000)
    _pay(engine, clock, settled, PaymentKind.IMPORTED, 100000)
    _price(engine, waived, 100000)
    _pay(engine, clock, waived, PaymentKind.PAYMENT, 90000)
    _pay(engine, clock, waived, PaymentKind.WAIVER, 10000)

    found = {o.order_no: o for o in find_orders(engine, "8000")}

    assert (found["M-1"].price, found["M-1"].paid, found["M-1"].due) == (298000, 150050, 147950)
    assert (found["M-2"].price, found["M-2"].paid, found["M-2"].due) == (100000, 100000, 0)
    assert (found["M-3"].price, found["M-3"].paid, found["M-3"].due) == (None, 0, 0)
    assert (found["M-4"].price, found["M-4"].paid, found["M-4"].due) == (100000, 90000, 0)
    with engine.connect() as conn:
        ids = dict(conn.execute(select(orders.c.order_no, orders.c.id)).all())
        for order_no, view in found.items():
            assert balance_in(conn, ids[order_no]).due == view.due
    as_json = json.loads(json.dumps(found["M-1"].to_json()))
    assert (as_json["price"], as_json["paid"], as_json["due"]) == (298000, 150050, 147950)
    assert all(isinstance(as_json[k], int) for k in ("price", "paid", "due"))
