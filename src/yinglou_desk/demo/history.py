"""What happened to each order of a demo studio over three years, as table rows.

Item histories are simulated — sent out, back (late sometimes), reworked now and
then, collected on the customer's visit — and written as the scan-log rows and
"ready" messages the real program would have produced.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from yinglou_desk.demo import names
from yinglou_desk.domain.codes import phone_tail
from yinglou_desk.domain.progress import derive_progress
from yinglou_desk.domain.search import name_initials
from yinglou_desk.domain.states import ItemState
from yinglou_desk.services.scanning.shelving import OVERFLOW

DEMO_CODE_PREFIX = "DM"
WORKSTATION = "demo"


def local_moment(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute)).astimezone(UTC)


CUSTOMER_COLUMNS = ("id", "name", "phone", "phone_tail", "initials", "created_at")
ORDER_COLUMNS = (
    "id",
    "order_no",
    "customer_id",
    "package",
    "shoot_date",
    "store",
    "promised_date",
    "notes",
    "progress",
    "next_due_back",
    "created_at",
    "created_by",
    "updated_at",
)
ITEM_COLUMNS = (
    "id",
    "code",
    "order_id",
    "stage_id",
    "product",
    "spec",
    "qty",
    "unit_cost",
    "planned_vendor_id",
    "vendor_id",
    "batch_id",
    "state",
    "shelf_slot",
    "sent_at",
    "expected_return",
    "returned_at",
    "picked_up_at",
    "rework_count",
    "notes",
    "updated_at",
    "updated_by",
)
LOG_COLUMNS = (
    "id",
    "at",
    "code",
    "item_id",
    "order_id",
    "station",
    "action",
    "operator_id",
    "operator_name",
    "workstation",
    "outcome",
    "from_state",
    "to_state",
    "message",
    "detail",
)


NOTIFICATION_COLUMNS = (
    "id",
    "dedupe_key",
    "order_id",
    "stage_id",
    "event",
    "phone",
    "message",
    "state",
    "attempts",
    "last_error",
    "next_attempt_at",
    "created_at",
    "created_by",
    "sent_at",
)


class DemoStaff:
    """Who made each demo scan, by role, as a real studio's log would show it.

    Sorters (理件员) send out and check in, the front desk (门市) hands over, and
    managers lend a hand at every station now and then; with nobody of a role,
    an admin stands in. Drawn from a generator of its own, so the orders and items
    a seed gives stay the same whoever is on the staff.
    """

    MANAGER_SHARE = 0.15

    def __init__(self, rng: random.Random, operators: list[Any]) -> None:
        self.rng = rng
        by_role: dict[str, list[Any]] = {}
        for operator in sorted(operators, key=lambda o: o.id):
            by_role.setdefault(operator.role, []).append(operator)
        admins = by_role.get("admin", [])
        self.managers = by_role.get("manager", [])
        self.sorters = by_role.get("sorter") or admins or self.managers
        self.front_desk = by_role.get("desk") or admins or self.managers

    def _one(self, usual: list[Any]) -> Any:
        if self.managers and (not usual or self.rng.random() < self.MANAGER_SHARE):
            return self.rng.choice(self.managers)
        return self.rng.choice(usual)

    def sorting(self) -> Any:
        """Who sends out, checks in or flags a rework."""
        return self._one(self.sorters)

    def handing_over(self) -> Any:
        """Who hands items to the customer."""
        return self._one(self.front_desk)

    def first_sorter(self) -> Any:
        return self.sorters[0] if self.sorters else self.managers[0]


@dataclass
class HistoryRows:
    customers: list[tuple[Any, ...]]
    orders: list[tuple[Any, ...]]
    stages: list[tuple[Any, ...]]
    items: list[tuple[Any, ...]]
    scans: list[tuple[Any, ...]]
    notifications: list[tuple[Any, ...]]
    shelf_slots: list[tuple[Any, ...]]


class StudioHistory:
    """Simulates what happened to each order of a studio over the last three years."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        now: datetime,
        ids: Any,  # demo._Ids: the next free id per table
        vendor_ids: list[int],
        batch_ids: dict[int, int],
        staff: DemoStaff,
        first_code: int,
        free_slots: Iterator[str],
    ) -> None:
        self.rng = rng
        self.today = today
        self.now = now
        self.ids = ids
        self.vendor_ids = vendor_ids
        self.batch_ids = batch_ids
        self.staff = staff
        self.code_number = first_code
        # one slot per order on the shelf, as a check-in gives them; the heap when all are full
        self.free_slots = free_slots
        self.slot_of: dict[int, str] = {}

    def orders(self, count: int) -> HistoryRows:
        rows = HistoryRows([], [], [], [], [], [], [])
        for _ in range(count):
            self._one_order(rows)
        return rows

    def _shelve(self, rows: HistoryRows, order_id: int, at: datetime | None) -> str:
        """The order's slot: the next free one for its first item on the shelf."""
        if order_id not in self.slot_of:
            slot = next(self.free_slots, OVERFLOW)
            self.slot_of[order_id] = slot
            if slot != OVERFLOW:  # the heap is shared on purpose and never recorded
                rows.shelf_slots.append((slot, order_id, at or self.now))
        return self.slot_of[order_id]

    def _person(self) -> tuple[str, str]:
        rng = self.rng
        given = "".join(rng.choice(names.GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
        phone = "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))
        return rng.choice(names.SURNAMES) + given, phone

    def _one_order(self, rows: HistoryRows) -> None:
        rng = self.rng
        customer_id = self.ids.take("customers")
        name, phone = self._person()
        shoot = self.today - timedelta(days=int(rng.triangular(1, 1100, 20)))
        rows.customers.append(
            (
                customer_id,
                name,
                phone,
                phone_tail(phone),
                name_initials(name),
                local_moment(shoot, 9, 0),
            )
        )
        order_id = self.ids.take("orders")
        kind = rng.random()
        products: tuple[int, ...]
        if kind < 0.2:
            package, products = rng.choice(names.GROWTH_PACKAGES), ()
        elif kind < 0.65:
            package, products = rng.choice(names.WEDDING_PACKAGES), names.WEDDING_ITEMS
        else:
            package, products = rng.choice(names.FAMILY_PACKAGES), names.FAMILY_ITEMS

        plan: list[tuple[int | None, date, int]] = []  # (stage_id, stage start, product index)
        if not products:  # a growth package: its own items per stage
            for seq, stage_name in enumerate(names.GROWTH_STAGES[: rng.randint(2, 4)]):
                stage_id = self.ids.take("stages")
                rows.stages.append((stage_id, order_id, stage_name, seq))
                start = shoot + timedelta(days=120 * seq)
                for index in names.GROWTH_PRODUCTS:
                    plan.append((stage_id, start, index))
        else:
            for index in products[: rng.randint(len(products) - 4, len(products))]:
                plan.append((None, shoot, index))

        created = local_moment(shoot, 18, 0)
        updated = created  # the order's latest activity: its last scan
        states = []
        units: dict[int | None, list[tuple[ItemState, datetime | None]]] = {}
        next_due: date | None = None
        visits: dict[int | None, date] = {}  # the customer's pickup visit, per order/stage
        for stage_id, start, index in plan:
            visit = visits.setdefault(
                stage_id, start + timedelta(days=rng.randint(22, 35) + int(rng.expovariate(1 / 5)))
            )
            state, expected, returned_at, last_scan = self._one_item(
                rows, order_id, stage_id, start, index, visit, created
            )
            if last_scan is not None and last_scan > updated:
                updated = last_scan
            states.append(state)
            units.setdefault(stage_id, []).append((state, returned_at))
            if (
                state is ItemState.SENT_OUT
                and expected
                and (next_due is None or expected < next_due)
            ):
                next_due = expected
        counts: dict[ItemState, int] = {}
        for state in states:
            counts[state] = counts.get(state, 0) + 1
        store = rng.choice(names.STORES)
        order_no = f"{shoot:%y%m%d}{order_id:07d}"
        promised = None if kind < 0.2 else shoot + timedelta(days=rng.choice((30, 45, 60)))
        for stage_id, unit in units.items():
            self._ready_message(rows, order_id, order_no, stage_id, unit, name, phone)
        rows.orders.append(
            (
                order_id,
                order_no,
                customer_id,
                package,
                shoot,
                store,
                promised,
                None,
                derive_progress(counts).value,
                next_due,
                created,
                "demo",
                updated,
            )
        )

    def _ready_message(
        self,
        rows: HistoryRows,
        order_id: int,
        order_no: str,
        stage_id: int | None,
        unit: list[tuple[ItemState, datetime | None]],
        name: str,
        phone: str,
    ) -> None:
        """The "ready" message the studio would have sent when this set became complete."""
        active = [(s, r) for s, r in unit if s is not ItemState.CANCELLED]
        if not active or any(s not in (ItemState.READY, ItemState.PICKED_UP) for s, _ in active):
            return
        ready_at = max(r for _, r in active if r is not None)
        sent = ready_at + timedelta(hours=1) < self.now - timedelta(days=1)
        collected = all(s is ItemState.PICKED_UP for s, _ in active)
        rows.notifications.append(
            (
                self.ids.take("notifications"),
                f"ready:{order_id}:{stage_id or 0}",
                order_id,
                stage_id,
                "ready",
                phone,
                f"【影楼】{name}您好！您的订单{order_no}已到店，请来取件。",
                "sent" if sent else ("cancelled" if collected else "queued"),
                1 if sent else 0,
                None,
                ready_at + timedelta(hours=1) if sent else ready_at,
                ready_at,
                "demo",
                ready_at + timedelta(hours=1) if sent else None,
            )
        )

    def _one_item(
        self,
        rows: HistoryRows,
        order_id: int,
        stage_id: int | None,
        start: date,
        index: int,
        visit: date,
        created: datetime,
    ) -> tuple[ItemState, date | None, datetime | None, datetime | None]:
        """One product's life; back before the customer's visit, it goes home that day.

        Returns its state, expected return, return and last scan.
        """
        rng = self.rng
        product, specs, vendor_index, cost = names.PRODUCTS[index]
        vendor_id = self.vendor_ids[vendor_index]
        turnaround = names.VENDORS[vendor_index][1]
        item_id = self.ids.take("items")
        code = f"{DEMO_CODE_PREFIX}{self.code_number:010d}"
        self.code_number += 1
        scans: list[tuple[datetime, str, str, str, str, Any]] = []
        state = ItemState.REGISTERED
        sent_at = returned_at = picked_at = None
        expected = None
        rework = 0
        cancelled = rng.random() < 0.01
        send_day = start + timedelta(days=rng.randint(5, 15))
        staff, now = self.staff, self.now
        rework_reason: str | None = None
        while not cancelled:  # one pass, or two after a rework; nothing after ``now``
            if send_day > self.today:
                break
            moment = local_moment(send_day, rng.randint(9, 17), rng.randint(0, 59))
            if moment > now:  # later today: not sent yet
                break
            sent_at = moment
            expected = send_day + timedelta(days=turnaround)
            scans.append(
                (sent_at, "send-out", "send_out", state.value, "sent_out", staff.sorting())
            )
            state = ItemState.SENT_OUT
            back_day = expected + timedelta(days=rng.choice((-1, 0, 0, 0, 1, 2, 5, 12)))
            if back_day > self.today:
                break
            moment = local_moment(back_day, rng.randint(9, 17), rng.randint(0, 59))
            if moment > now:  # back later today
                break
            returned_at = moment
            checker = staff.sorting()
            scans.append((returned_at, "check-in", "check_in", "sent_out", "ready", checker))
            state = ItemState.READY
            flagged_at = returned_at + timedelta(minutes=3)
            if rework == 0 and rng.random() < 0.04 and flagged_at <= now:
                rework = 1
                rework_reason = rng.choice(names.REWORK_REASONS)
                scans.append((flagged_at, "check-in", "flag_rework", "ready", "rework", checker))
                state = ItemState.REWORK
                send_day = back_day + timedelta(days=rng.randint(2, 8))
                continue
            late = timedelta(days=int(rng.expovariate(1 / 4)) + 1)  # a second visit
            pick_day = visit if back_day < visit else back_day + late
            if pick_day <= self.today and rng.random() < 0.97:
                moment = local_moment(pick_day, 15, 0) + timedelta(minutes=rng.randint(0, 30))
                if moment <= now:
                    picked_at = moment
                    scans.append(
                        (picked_at, "pickup", "pick_up", "ready", "picked_up", staff.handing_over())
                    )
                    state = ItemState.PICKED_UP
            break
        if cancelled:
            state = ItemState.CANCELLED
        for at, station, action, before, after, operator in scans:
            reason = rework_reason if action == "flag_rework" else None
            rows.scans.append(
                (
                    self.ids.take("scan_log"),
                    at,
                    code,
                    item_id,
                    order_id,
                    station,
                    action,
                    operator.id,
                    operator.name,
                    WORKSTATION,
                    "accepted",
                    before,
                    after,
                    "demo",
                    reason,
                )
            )
        shelf = self._shelve(rows, order_id, returned_at) if state is ItemState.READY else None
        in_batch = sent_at is not None
        rows.items.append(
            (
                item_id,
                code,
                order_id,
                stage_id,
                product,
                rng.choice(specs),
                1,
                Decimal(cost),
                vendor_id,
                vendor_id if in_batch else None,
                self.batch_ids[vendor_index] if in_batch else None,
                state.value,
                shelf,
                sent_at,
                expected if in_batch else None,
                returned_at,
                picked_at,
                rework,
                None,
                scans[-1][0] if scans else created,
                scans[-1][5].name if scans else "demo",
            )
        )
        return state, expected, returned_at, scans[-1][0] if scans else None
