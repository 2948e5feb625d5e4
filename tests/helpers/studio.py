"""Building small studios in a test database: vendors, operators, orders, items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine

from yinglou_desk.domain.progress import OrderProgress
from yinglou_desk.domain.states import ItemState, Station
from yinglou_desk.services.scanning.service import ScanSession
from yinglou_desk.services.settings.vendors import add_or_update_vendor
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.operators import OperatorInfo, add_operator
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import Customer, Item, Order, Stage


@dataclass
class Studio:
    engine: Engine
    clock: object
    operators: dict[str, OperatorInfo]
    vendor_ids: dict[str, int]

    def session(
        self,
        station: str,
        operator: str = "小李",
        vendor: str | None = None,
        workstation: str = "pc-1",
    ) -> ScanSession:
        return ScanSession(
            station=Station(station),
            operator=self.operators[operator],
            workstation=workstation,
            vendor_id=self.vendor_ids[vendor] if vendor else None,
        )

    def add_order(
        self,
        order_no: str,
        codes: list[str],
        *,
        customer: str = "张小梅",
        phone: str = "13800138000",
        vendor: str | None = "金彩相册厂",
        unit_cost: str = "100.00",
        promised: date | None = None,
        stages: list[str | None] | None = None,
    ) -> int:
        """An order of one item per code; ``stages[i]`` names the growth stage of item i."""
        now = self.clock()
        with write_transaction(self.engine) as conn:
            customer_id = conn.execute(
                Customer.__table__.insert().values(
                    name=customer,
                    phone=phone,
                    phone_tail=phone[-4:],
                    initials="zxm",
                    created_at=now,
                )
            ).inserted_primary_key[0]
            order_id = conn.execute(
                Order.__table__.insert().values(
                    order_no=order_no,
                    customer_id=customer_id,
                    package="经典婚纱套系",
                    shoot_date=date(2026, 2, 1),
                    promised_date=promised,
                    progress=OrderProgress.NOT_STARTED.value,
                    created_at=now,
                    created_by="test",
                    updated_at=now,
                )
            ).inserted_primary_key[0]
            stage_ids: dict[str, int] = {}
            for seq, name in enumerate(dict.fromkeys(s for s in stages or [] if s)):
                stage_ids[name] = conn.execute(
                    Stage.__table__.insert().values(order_id=order_id, name=name, seq=seq)
                ).inserted_primary_key[0]
            for index, code in enumerate(codes):
                stage = (stages or [None] * len(codes))[index]
                conn.execute(
                    Item.__table__.insert().values(
                        code=code,
                        order_id=order_id,
                        stage_id=stage_ids.get(stage) if stage else None,
                        product="大相册",
                        spec="12寸",
                        qty=1,
                        unit_cost=Decimal(unit_cost),
                        planned_vendor_id=self.vendor_ids[vendor] if vendor else None,
                        state=ItemState.REGISTERED.value,
                        rework_count=0,
                        updated_at=now,
                        updated_by="test",
                    )
                )
        return order_id


def make_studio(engine: Engine, clock: object) -> Studio:
    """Three operators (no admin: the studio is still "being set up", so the command
    line's own actor may add staff) and two vendors, all made as the command line."""
    setup = command_line_actor()
    operators = {
        name: add_operator(engine, name, role, "1234", clock=clock, actor=setup)  # type: ignore[arg-type]
        for name, role in (("小李", "sorter"), ("小张", "desk"), ("王店长", "manager"))
    }
    vendor_ids = {
        name: add_or_update_vendor(engine, name, days, clock=clock, actor=setup)[0].id  # type: ignore[arg-type]
        for name, days in (("金彩相册厂", 10), ("晶典水晶", 5))
    }
    return Studio(engine, clock, operators, vendor_ids)
