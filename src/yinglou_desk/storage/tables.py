"""The Core tables, typed as :class:`Table`, for services that write SQL expressions.

``Model.__table__`` is typed as a plain ``FromClause``; these aliases give type
checkers (and readers) the real thing: ``items.update()``, ``scan_log.insert()``.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from yinglou_desk.storage.models import (
    AuditLog,
    Customer,
    Item,
    Notification,
    Operator,
    Order,
    ScanLog,
    SendOutBatch,
    Setting,
    ShelfSlot,
    Stage,
    Vendor,
    VendorTurnaround,
)

operators = cast(Table, Operator.__table__)
vendors = cast(Table, Vendor.__table__)
customers = cast(Table, Customer.__table__)
orders = cast(Table, Order.__table__)
stages = cast(Table, Stage.__table__)
send_out_batches = cast(Table, SendOutBatch.__table__)
items = cast(Table, Item.__table__)
scan_log = cast(Table, ScanLog.__table__)
shelf_slots = cast(Table, ShelfSlot.__table__)
settings = cast(Table, Setting.__table__)
vendor_turnarounds = cast(Table, VendorTurnaround.__table__)
notifications = cast(Table, Notification.__table__)
audit_log = cast(Table, AuditLog.__table__)
