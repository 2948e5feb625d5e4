"""A shelf audit's findings against the database, saved as one append-only record.

The sorter's scans (:class:`~yinglou_desk.domain.shelf_audit.AuditScans`) say
what is physically in each slot. :func:`findings_of` compares them with the
items the database has on the shelf (state ``ready``, ``items.shelf_slot``):

- scanned and in the slot the database says → ``found``;
- scanned, ready, but the database has it in another slot → ``misplaced``
  (``expected_slot`` is where it belongs);
- scanned although its item is picked up, cancelled or not back → ``stale``;
- a code no item has → ``unknown``;
- ready in an audited slot and never scanned → ``missing``.

The audited slots are the ones scanned, plus with a rack scope (``A``) every
slot of the rack and with the whole shelf (``*``) every slot holding ready
items: a slot nobody scanned then reports all its items missing.

:func:`finish` checks the operator's right (sorters and managers:
:data:`Permission.CHECK_IN`) and saves the audit and its findings in one
transaction, with who, where and when. Both tables are append-only: a wrong
audit is followed by a new one, never edited.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, and_, or_, select

from yinglou_desk import catalogue
from yinglou_desk.domain.money import fen_of
from yinglou_desk.domain.roles import Actor, Permission, require
from yinglou_desk.domain.shelf_audit import KIND_ORDER, AuditScans, FindingKind
from yinglou_desk.domain.shelf_slots import Scope
from yinglou_desk.domain.states import ItemState
from yinglou_desk.domain.wording import WordedError
from yinglou_desk.services.clock import Clock, utc_now
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.errors import environment_errors
from yinglou_desk.storage.tables import (
    customers,
    items,
    orders,
    shelf_audit_findings,
    shelf_audits,
)

_READY = ItemState.READY.value
_CHUNK = 500  # codes per IN (...) list: well under every database's limit


class AuditError(WordedError, ValueError):
    """An audit that cannot be saved or read; ``key`` says why."""


@dataclass(frozen=True)
class Finding:
    """One line of an audit, with what staff need to act on it."""

    kind: FindingKind
    code: str
    slot: str | None  # where it was scanned (None: missing)
    expected_slot: str | None  # where the database has it
    item_id: int | None = None
    order_id: int | None = None
    order_no: str | None = None
    customer: str | None = None
    product: str | None = None
    state: str | None = None
    value_fen: int | None = None  # unit cost × quantity

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "code": self.code,
            "slot": self.slot,
            "expected_slot": self.expected_slot,
            "order_no": self.order_no,
            "customer": self.customer,
            "product": self.product,
            "state": self.state,
            "value_fen": self.value_fen,
        }


@dataclass(frozen=True)
class AuditSummary:
    id: int
    at: datetime
    operator_name: str
    workstation: str
    scope: str
    scanned: int
    missing: int
    misplaced: int
    stale: int
    unknown: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "operator": self.operator_name,
            "workstation": self.workstation,
            "scope": self.scope,
            "scanned": self.scanned,
            "missing": self.missing,
            "misplaced": self.misplaced,
            "stale": self.stale,
            "unknown": self.unknown,
        }


@dataclass(frozen=True)
class AuditReport:
    summary: AuditSummary
    findings: list[Finding]


def describe(finding: Finding) -> str:
    """One finding in words: where it was, where it belongs, why it should not be there."""
    kind = finding.kind.value
    if finding.kind is FindingKind.MISPLACED and not finding.expected_slot:
        return catalogue.text("shelf_audit.what.misplaced_nowhere", slot=finding.slot)
    state = catalogue.name("state", finding.state) if finding.state else ""
    return catalogue.text(
        f"shelf_audit.what.{kind}",
        slot=finding.slot or "",
        expected=finding.expected_slot or "",
        state=state,
    )


def _item_query() -> Any:
    return select(
        items.c.id,
        items.c.code,
        items.c.order_id,
        items.c.state,
        items.c.shelf_slot,
        items.c.product,
        items.c.spec,
        items.c.qty,
        items.c.unit_cost,
        orders.c.order_no,
        customers.c.name.label("customer"),
    ).select_from(
        items.join(orders, orders.c.id == items.c.order_id).join(
            customers, customers.c.id == orders.c.customer_id
        )
    )


def _value_fen(row: Any) -> int | None:
    if row.unit_cost is None:
        return None
    return fen_of(Decimal(row.unit_cost) * int(row.qty or 1))


def _finding(kind: FindingKind, row: Any, slot: str | None, code: str | None = None) -> Finding:
    product = " ".join(p for p in (row.product, row.spec) if p)
    return Finding(
        kind=kind,
        code=code or row.code,
        slot=slot,
        expected_slot=row.shelf_slot if row.state == _READY else None,
        item_id=row.id,
        order_id=row.order_id,
        order_no=row.order_no,
        customer=row.customer,
        product=product,
        state=row.state,
        value_fen=_value_fen(row),
    )


def _rows_by_code(conn: Connection, codes: Sequence[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(codes), _CHUNK):
        chunk = list(codes[start : start + _CHUNK])
        for row in conn.execute(_item_query().where(items.c.code.in_(chunk))):
            found[row.code] = row
    return found


def _shelf_rows(conn: Connection, slots: Iterable[str], scope: Scope) -> list[Any]:
    """Ready items in the audited slots (the scanned ones and the scope's)."""
    where = [items.c.shelf_slot.in_(list(slots))]
    if scope.whole:
        where.append(items.c.shelf_slot.is_not(None))
    elif scope.rack is not None:
        where.append(items.c.shelf_slot.like(f"{scope.rack}-%"))
    query = _item_query().where(and_(items.c.state == _READY, or_(*where)))
    return list(conn.execute(query.order_by(items.c.shelf_slot, orders.c.order_no, items.c.id)))


def findings_of(conn: Connection, scans: AuditScans, scope: Scope) -> list[Finding]:
    """Every finding of the audit, what needs doing first (missing, misplaced…)."""
    seen = scans.where_seen()
    rows = _rows_by_code(conn, list(seen))
    out: list[Finding] = []
    for code, slot in seen.items():
        row = rows.get(code)
        if row is None:
            out.append(Finding(FindingKind.UNKNOWN, code, slot, None))
        elif row.state != _READY:
            out.append(_finding(FindingKind.STALE, row, slot))
        elif row.shelf_slot == slot:
            out.append(_finding(FindingKind.FOUND, row, slot))
        else:
            out.append(_finding(FindingKind.MISPLACED, row, slot))
    for row in _shelf_rows(conn, scans.slots, scope):
        if row.code not in seen:
            out.append(_finding(FindingKind.MISSING, row, None))
    rank = {kind: index for index, kind in enumerate(KIND_ORDER)}
    return sorted(out, key=lambda f: (rank[f.kind], f.expected_slot or f.slot or "", f.code))


def finish(
    engine: Engine,
    scans: AuditScans,
    scope: Scope,
    *,
    actor: Actor | None,
    workstation: str,
    clock: Clock = utc_now,
) -> AuditReport:
    """Compute the findings and save the audit with them, in one transaction."""
    require(actor, Permission.CHECK_IN)
    assert actor is not None
    if not scans.slots and not (scope.whole or scope.rack):
        raise AuditError("shelf_audit.nothing_scanned")
    now = clock()
    with environment_errors(), write_transaction(engine) as conn:
        findings = findings_of(conn, scans, scope)
        counts = {kind: sum(1 for f in findings if f.kind is kind) for kind in FindingKind}
        values: dict[str, Any] = {
            "at": now,
            "operator_name": actor.name,
            "workstation": workstation,
            "scope": scope.label(list(scans.slots)),
            "scanned": scans.item_count,
            "missing": counts[FindingKind.MISSING],
            "misplaced": counts[FindingKind.MISPLACED],
            "stale": counts[FindingKind.STALE],
            "unknown": counts[FindingKind.UNKNOWN],
        }
        audit_id = conn.execute(
            shelf_audits.insert().values(**values).returning(shelf_audits.c.id)
        ).scalar_one()
        if findings:
            conn.execute(
                shelf_audit_findings.insert(),
                [
                    {
                        "audit_id": audit_id,
                        "kind": f.kind.value,
                        "code": f.code,
                        "item_id": f.item_id,
                        "order_id": f.order_id,
                        "slot": f.slot,
                        "expected_slot": f.expected_slot,
                    }
                    for f in findings
                ],
            )
    return AuditReport(AuditSummary(id=audit_id, **values), findings)


def audits(engine: Engine, limit: int = 50) -> list[AuditSummary]:
    """The latest audits first."""
    with environment_errors(), engine.connect() as conn:
        rows = conn.execute(
            select(shelf_audits)
            .order_by(shelf_audits.c.at.desc(), shelf_audits.c.id.desc())
            .limit(limit)
        )
        return [_summary(row) for row in rows]


def _summary(row: Any) -> AuditSummary:
    return AuditSummary(
        id=row.id,
        at=row.at,
        operator_name=row.operator_name,
        workstation=row.workstation,
        scope=row.scope,
        scanned=row.scanned,
        missing=row.missing,
        misplaced=row.misplaced,
        stale=row.stale,
        unknown=row.unknown,
    )


def audit(engine: Engine, audit_id: int) -> AuditReport:
    """One saved audit with its findings (customer, product and value as they are now)."""
    with environment_errors(), engine.connect() as conn:
        row = conn.execute(select(shelf_audits).where(shelf_audits.c.id == audit_id)).first()
        if row is None:
            raise AuditError("shelf_audit.no_such", audit_id=audit_id)
        return AuditReport(_summary(row), _saved_findings(conn, audit_id))


def audit_findings(engine: Engine, audit_id: int) -> list[Finding]:
    return audit(engine, audit_id).findings


def _saved_findings(conn: Connection, audit_id: int) -> list[Finding]:
    lines = list(
        conn.execute(
            select(shelf_audit_findings)
            .where(shelf_audit_findings.c.audit_id == audit_id)
            .order_by(shelf_audit_findings.c.id)
        )
    )
    ids = [line.item_id for line in lines if line.item_id is not None]
    details: dict[int, Any] = {}
    for start in range(0, len(ids), _CHUNK):
        query = _item_query().where(items.c.id.in_(ids[start : start + _CHUNK]))
        details.update({row.id: row for row in conn.execute(query)})
    out = []
    for line in lines:
        row = details.get(line.item_id) if line.item_id is not None else None
        product = " ".join(p for p in (row.product, row.spec) if p) if row is not None else None
        out.append(
            Finding(
                kind=FindingKind(line.kind),
                code=line.code,
                slot=line.slot,
                expected_slot=line.expected_slot,
                item_id=line.item_id,
                order_id=line.order_id,
                order_no=row.order_no if row is not None else None,
                customer=row.customer if row is not None else None,
                product=product,
                state=row.state if row is not None else None,
                value_fen=_value_fen(row) if row is not None else None,
            )
        )
    return out
