"""确认对账: a checked statement confirmed and remembered, so next month knows what was paid.

A manager who has checked a vendor's statement for a period confirms it: the
program records a **settlement** (the vendor, the period, the statement file,
its stated and line totals, who confirmed it and when, a note) and one
**settled item** per line it pays (the item, the statement sheet and row, the
amount billed). Both tables are append-only: the database refuses UPDATE and
DELETE (and INSERT OR REPLACE, TRUNCATE), so a confirmation is evidence.

Which items a confirmation settles is :meth:`MatchResult.settles
<yinglou_desk.domain.statement_match.MatchResult.settles>`: every line naming a
known item of the vendor whose findings are all ``matched``,
``amount_mismatch`` or ``billed_not_received`` (the manager accepts the
amount billed by confirming). Duplicates, rework charges, credits, unknown
lines and lines already settled by an earlier statement settle nothing.

The memory next month's check reads (:func:`memory_for`):

- an ordinary line billing an item that an earlier confirmed statement of this
  vendor paid is ``already_settled`` ("已在 2026年11月 对账单结算");
- ``received_not_billed`` lists the items delivered in the period *plus* the
  items delivered earlier that no confirmed statement has paid, counted from
  the period start of the vendor's first confirmed settlement. Before any
  confirmation there is no memory, so nothing older floods the list; an item
  delivered and never billed stays on the list until some statement bills it.

A settlement of exactly the period being checked is left out of the memory, so
re-checking a confirmed statement shows what it showed when it was confirmed.

Confirming needs :attr:`Permission.RECONCILE`, which only managers (and
admins) hold; it is one transaction with its audit line, and the same vendor
and period can be confirmed once.

The vendor's statement layout (the code and amount columns a manager pointed
at) is remembered here too: :func:`remembered_columns`, :func:`remember_columns`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.statement_sheet import ColumnChoice, column_letter
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.services.reconciliation.vendor_history import History, Period, delivered_in
from yinglou_desk.services.staff import audit
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import settled_items, settlements, vendor_statement_layouts

_CHUNK = 500  # ids per IN list, well inside every database's limit


class SettlementRefused(WordedError):
    """A confirmation that cannot be recorded; ``key`` says why."""


@dataclass(frozen=True)
class Settlement:
    """A confirmation as recorded."""

    id: int
    vendor: str
    period: Period
    items: int
    amount: Decimal
    confirmed_by: str
    confirmed_at: datetime


@dataclass
class Memory:
    """What earlier confirmations say about one check.

    ``settled``: item id → first day of the period of the statement that paid it;
    ``carried``: items delivered before the period (from ``since`` on) that no
    confirmed statement paid, with their histories.
    """

    since: date | None = None
    settled: dict[int, date] | None = None
    carried: dict[int, History] | None = None


def _others(vendor_id: int, period: Period | None):  # type: ignore[no-untyped-def]
    """This vendor's settlements other than one of exactly ``period``."""
    where = [settlements.c.vendor_id == vendor_id]
    if period is not None:
        where.append(
            ~(
                (settlements.c.period_start == period.start)
                & (settlements.c.period_end == period.end)
            )
        )
    return where


def memory_for(
    conn: Connection, vendor_id: int, period: Period | None, item_ids: list[int]
) -> Memory:
    """The settlement memory for checking this vendor's statement for ``period``.

    ``item_ids``: the items the statement's lines name (whose earlier settlement
    matters). Without a confirmed settlement of this vendor there is no memory.
    """
    where = _others(vendor_id, period)
    since = conn.execute(
        select(settlements.c.period_start)
        .where(*where)
        .order_by(settlements.c.period_start)
        .limit(1)
    ).scalar_one_or_none()
    if since is None:
        return Memory()
    earlier: dict[int, History] = {}
    if period is not None and since < period.start:
        earlier = delivered_in(conn, vendor_id, Period(since, period.start - timedelta(days=1)))
    # Only the items that matter are looked up: the lines' and the earlier deliveries'.
    wanted = sorted(set(item_ids) | set(earlier))
    paid: dict[int, date] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = conn.execute(
            select(settled_items.c.item_id, settlements.c.period_start)
            .join(settlements, settlements.c.id == settled_items.c.settlement_id)
            .where(*where, settled_items.c.item_id.in_(wanted[start : start + _CHUNK]))
        )
        for row in rows:  # the earliest settlement wins
            known = paid.get(row.item_id)
            paid[row.item_id] = row.period_start if known is None else min(known, row.period_start)
    settled = {item_id: paid[item_id] for item_id in item_ids if item_id in paid}
    carried = {item_id: h for item_id, h in earlier.items() if item_id not in paid}
    return Memory(since, settled, carried)


def confirm_reconciliation(
    engine: Engine,
    reconciliation: object,
    *,
    actor: Actor | None,
    note: str | None = None,
    clock: Clock = utc_now,
) -> Settlement:
    """Record a checked statement as confirmed (确认对账): one transaction, audit-logged.

    ``reconciliation`` is a :class:`~yinglou_desk.services.reconciliation.matching.Reconciliation`
    with a period. Refused (:class:`SettlementRefused`) without a period, or when
    this vendor's statement for this very period was confirmed before.
    """
    from yinglou_desk.services.reconciliation.matching import Reconciliation

    require(actor, Permission.RECONCILE)
    assert actor is not None
    assert isinstance(reconciliation, Reconciliation)
    period, vendor_id = reconciliation.period, reconciliation.vendor_id
    if period is None or vendor_id is None:
        raise SettlementRefused("settlements.need_period")
    lines = reconciliation.result.settles()
    amount = sum((f.billed or Decimal("0") for f in lines), Decimal("0.00"))
    statement = reconciliation.statement
    now = clock()
    try:
        with environment_errors(), write_transaction(engine) as conn:
            _refuse_twice(conn, vendor_id, reconciliation.vendor, period)
            new_id = conn.execute(
                settlements.insert()
                .values(
                    vendor_id=vendor_id,
                    period_start=period.start,
                    period_end=period.end,
                    statement_file=(statement.file if statement else "")[:255],
                    statement_total=statement.stated_total if statement else None,
                    line_total=reconciliation.result.billed_total,
                    lines=reconciliation.lines,
                    confirmed_at=now,
                    confirmed_by=actor.name[:64],
                    note=note or None,
                )
                .returning(settlements.c.id)
            ).scalar_one()
            rows = [
                {
                    "settlement_id": new_id,
                    "item_id": f.item.item_id,
                    "sheet": (f.sheet or "")[:100],
                    "row": f.row,
                    "amount": f.billed,
                }
                for f in lines
                if f.item is not None and f.item.item_id is not None
            ]
            if rows:
                conn.execute(settled_items.insert(), rows)
            audit.record(
                conn,
                now,
                actor.name,
                "reconcile.confirm",
                reconciliation.vendor,
                {
                    "period": str(period),
                    "statement": statement.file if statement else None,
                    "items": len(rows),
                    "amount": str(amount),
                    "line_total": str(reconciliation.result.billed_total),
                },
            )
    except IntegrityError:  # another PC confirmed the same period a moment earlier
        raise SettlementRefused(
            "settlements.already_confirmed_now", vendor=reconciliation.vendor, period=period
        ) from None
    return Settlement(new_id, reconciliation.vendor, period, len(rows), amount, actor.name, now)


def _refuse_twice(conn: Connection, vendor_id: int, vendor: str, period: Period) -> None:
    earlier = conn.execute(
        select(settlements.c.confirmed_at, settlements.c.confirmed_by).where(
            settlements.c.vendor_id == vendor_id,
            settlements.c.period_start == period.start,
            settlements.c.period_end == period.end,
        )
    ).first()
    if earlier is not None:
        raise SettlementRefused(
            "settlements.already_confirmed",
            vendor=vendor,
            period=period,
            by=earlier.confirmed_by,
            at=earlier.confirmed_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )


def settlements_of(engine: Engine, vendor_id: int) -> list[tuple[Period, int]]:
    """This vendor's confirmed periods, oldest first, with how many items each settled."""
    with environment_errors(), engine.connect() as conn:
        rows = conn.execute(
            select(settlements.c.id, settlements.c.period_start, settlements.c.period_end)
            .where(settlements.c.vendor_id == vendor_id)
            .order_by(settlements.c.period_start)
        ).all()
        counts: dict[int, int] = {}
        for settlement_id in conn.execute(
            select(settled_items.c.settlement_id).where(
                settled_items.c.settlement_id.in_([r.id for r in rows])
            )
        ).scalars():
            counts[settlement_id] = counts.get(settlement_id, 0) + 1
    return [(Period(r.period_start, r.period_end), counts.get(r.id, 0)) for r in rows]


# -- the vendor's statement layout ---------------------------------------------------------


def remembered_columns(conn: Connection, vendor_id: int) -> ColumnChoice | None:
    """The code and amount columns a manager chose for this vendor's statements, if any."""
    row = conn.execute(
        select(vendor_statement_layouts).where(vendor_statement_layouts.c.vendor_id == vendor_id)
    ).first()
    if row is None or (row.code_column is None and row.amount_column is None):
        return None
    return ColumnChoice(row.code_column, row.amount_column)


def remember_columns(
    engine: Engine,
    vendor_id: int,
    vendor: str,
    choice: ColumnChoice,
    *,
    actor: Actor | None,
    clock: Clock = utc_now,
) -> bool:
    """Keep ``choice`` as this vendor's layout (audit-logged); False when it was already."""
    require(actor, Permission.RECONCILE)
    assert actor is not None
    now = clock()
    with environment_errors(), write_transaction(engine) as conn:
        if remembered_columns(conn, vendor_id) == choice:
            return False
        values = {
            "code_column": choice.code,
            "amount_column": choice.amount,
            "chosen_by": actor.name[:64],
            "chosen_at": now,
        }
        table = vendor_statement_layouts
        done = conn.execute(table.update().where(table.c.vendor_id == vendor_id).values(values))
        if not done.rowcount:
            conn.execute(table.insert().values(vendor_id=vendor_id, **values))
        audit.record(
            conn,
            now,
            actor.name,
            "reconcile.columns",
            vendor,
            {"code": choice.code, "amount": choice.amount},
        )
    return True


# -- choosing columns by hand: what the manager is shown ------------------------------------


def column_options(preview: list[tuple[str, ...]], header_row: int | None) -> list[tuple[str, str]]:
    """(letter, header text) of every column the preview shows; the header text is the
    header row's cell, else the first non-empty cell of the column."""
    width = max((len(row) for row in preview), default=0)
    options: list[tuple[str, str]] = []
    for index in range(width):
        cells = [row[index] if index < len(row) else "" for row in preview]
        if header_row is not None and header_row < len(cells):
            header = cells[header_row]
        else:
            header = next((cell for cell in cells if cell), "")
        options.append((column_letter(index), header or ""))
    return options
