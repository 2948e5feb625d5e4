"""A customer's data: exported on request, erased on request, figures kept, every change audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.services.orders.privacy import PrivacyError, erase_customer, export_customer
from yinglou_desk.services.orders.query import find_orders
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.models import AuditLog, Customer, Item, Notification, ScanLog

from .helpers.cli import run_cli
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.add_order("P-1", ["P1A", "P1B"], customer="林晓雨", phone="13700007777")
    studio.add_order("P-2", ["P2A"], customer="周杰", phone="13900001111")
    scan = ScanService(engine, clock=clock)
    for code in ("P1A", "P1B"):
        scan.scan(studio.session("send-out"), code)
        scan.scan(studio.session("check-in"), code)  # P-1 ready: a message is queued
    return studio


def test_export_gathers_everything_about_one_customer(studio, engine) -> None:
    data = export_customer(engine, "137-0000-7777", studio.operators["小张"])
    assert data["customer"]["name"] == "林晓雨"
    assert [o["order_no"] for o in data["orders"]] == ["P-1"]
    assert sorted(i["code"] for i in data["items"]) == ["P1A", "P1B"]
    assert len(data["messages"]) == 1
    assert "林晓雨" in data["messages"][0]["message"]
    assert len(data["scans"]) == 4
    json.dumps(data)  # plain JSON


def test_erase_keeps_the_figures_but_not_the_person(studio, engine) -> None:
    with engine.connect() as conn:
        scans_before = conn.execute(select(func.count()).select_from(ScanLog)).scalar_one()
    customer_id = erase_customer(engine, "P-1", studio.operators["王店长"])
    with engine.connect() as conn:
        customer = conn.execute(select(Customer).where(Customer.id == customer_id)).one()
        message = conn.execute(select(Notification)).one()
        states = conn.execute(select(Item.state).where(Item.code.like("P1%"))).scalars().all()
        scans_after = conn.execute(select(func.count()).select_from(ScanLog)).scalar_one()
        audit = conn.execute(select(AuditLog.action, AuditLog.operator_name)).all()
    assert customer.name.startswith("已删除客户")
    assert customer.phone is None
    assert customer.phone_tail is None
    assert customer.initials is None
    assert message.phone is None
    assert "林晓雨" not in message.message
    assert message.state == "cancelled"  # never sent to an erased customer
    assert states == ["ready", "ready"]
    assert scans_after == scans_before
    assert ("customer.erase", "王店长") in audit
    assert find_orders(engine, "7777") == []
    assert find_orders(engine, "林晓雨") == []
    assert [o.order_no for o in find_orders(engine, "P-1")] == ["P-1"]


def test_only_managers_may_erase(studio, engine) -> None:
    with pytest.raises(NotPermitted, match="无权"):
        erase_customer(engine, "P-1", studio.operators["小张"])
    assert find_orders(engine, "林晓雨")


@pytest.mark.parametrize("query", ["7777", "P-404", "13800000000"])
def test_the_customer_must_be_named_exactly(studio, engine, query) -> None:
    with pytest.raises(PrivacyError):
        export_customer(engine, query, studio.operators["小张"])


@pytest.mark.usefixtures("studio")
def test_every_change_is_audited_and_the_audit_cannot_be_edited(engine, db_url) -> None:
    assert run_cli("vendor", "add", "新厂", "--turnaround-days", "4", "--db", db_url).code == 0
    changed = run_cli(
        "settings", "set", "uncollected_days", "5", "--operator", "王店长", "--db", db_url,
        env={"YINGLOU_PASSWORD": "1234"},
    )  # fmt: skip
    assert changed.code == 0
    with engine.connect() as conn:
        rows = conn.execute(select(AuditLog.action, AuditLog.subject, AuditLog.workstation)).all()
    actions = [r.action for r in rows]
    assert actions.count("operator.add") == 3
    assert "vendor.add" in actions
    assert "settings.change" in actions
    assert all(r.workstation for r in rows)
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))


@pytest.mark.usefixtures("studio")
def test_customer_commands(db_url, tmp_path) -> None:
    out = tmp_path / "customer.json"
    password = {"YINGLOU_PASSWORD": "1234"}  # the operators of make_studio
    run = run_cli(
        "customer", "export", "P-2", "-o", str(out), "--operator", "小张", "--db", db_url,
        env=password,
    )  # fmt: skip
    assert run.code == 0, run.err
    assert json.loads(out.read_text(encoding="utf-8"))["customer"]["name"] == "周杰"
    refused = run_cli("customer", "erase", "P-2", "--operator", "王店长", "--db", db_url)
    assert refused.code == 2
    assert "--yes" in refused.err
    done = run_cli(
        "customer", "erase", "P-2", "--operator", "王店长", "--yes", "--db", db_url, env=password
    )
    assert done.code == 0, done.err
    assert run_cli("show", "周杰", "--db", db_url).code == 1
