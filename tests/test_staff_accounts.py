"""Staff accounts and studio settings as the office pages use them: rights in the services,
every change in the audit log, the last admin kept, templates checked, a test SMS sent."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.domain.settings_rules import SettingRefused
from yinglou_desk.services.notifications.outbox import SendFailed
from yinglou_desk.services.notifications.preview import (
    SmsTestRefused,
    preview_message,
    preview_order,
    send_test_sms,
)
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import current_settings, save_settings
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.services.staff.auth import LoginFailed, login_by_badge, login_with_password
from yinglou_desk.services.staff.operators import (
    OperatorError,
    add_operator,
    disable_operator,
    enable_operator,
    new_badge,
    reset_password,
)
from yinglou_desk.services.staff.roster import list_staff
from yinglou_desk.storage.models import AuditLog

from .helpers.sms_gateway import FakeGateway, fake_gateway
from .helpers.studio import make_studio


@pytest.fixture
def studio(engine, clock):
    studio = make_studio(engine, clock)
    studio.operators["管理员"] = add_operator(
        engine, "管理员", "admin", "secret", clock=clock, actor=command_line_actor()
    )
    return studio


def _audit(engine) -> list[tuple[str, str, str, str | None]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                AuditLog.operator_name, AuditLog.action, AuditLog.subject, AuditLog.detail
            ).order_by(AuditLog.id)
        ).all()
    return [tuple(row) for row in rows]


def test_a_sorter_or_manager_is_refused_every_staff_service(studio, engine) -> None:
    for name in ("小李", "王店长"):
        actor = studio.operators[name]
        for call in (
            lambda a=actor: list_staff(engine, actor=a),
            lambda a=actor: add_operator(engine, "新人", "sorter", "1234", actor=a),
            lambda a=actor: enable_operator(engine, "小李", actor=a),
            lambda a=actor: reset_password(engine, "小李", "9999", actor=a),
        ):
            with pytest.raises(NotPermitted):
                call()


def test_a_manager_before_any_admin_exists_is_refused_too(engine, clock) -> None:
    """The first set-up's freedom is the command line's, not any desk operator's."""
    studio = make_studio(engine, clock)  # no admin yet
    with pytest.raises(NotPermitted):
        add_operator(engine, "新人", "admin", "1234", actor=studio.operators["王店长"])
    names = {m.name for m in list_staff(engine, actor=command_line_actor()).members}
    assert names == {"小李", "小张", "王店长"}
    disable_operator(engine, "小李", actor=command_line_actor())  # no admin to keep: fine
    assert not next(
        m for m in list_staff(engine, actor=command_line_actor()).members if m.name == "小李"
    ).active


def test_add_disable_enable_reset_and_new_badge_round_trip_with_audit_rows(
    studio, engine, clock
) -> None:
    admin = studio.operators["管理员"]
    added = add_operator(engine, "小周", "desk", "1234", clock=clock, actor=admin)
    assert login_by_badge(engine, added.badge_code).name == "小周"

    disable_operator(engine, "小周", clock=clock, actor=admin)
    listed = {m.name: m for m in list_staff(engine, actor=admin).members}
    assert listed["小周"].active is False
    assert list_staff(engine, actor=admin).members[-1].name == "小周"  # disabled come last
    with pytest.raises(LoginFailed):
        login_by_badge(engine, added.badge_code)
    with pytest.raises(OperatorError) as refused:
        reset_password(engine, "小周", "5678", actor=admin)
    assert refused.value.key == "staff.no_active"

    enable_operator(engine, "小周", clock=clock, actor=admin)
    with pytest.raises(OperatorError) as refused:
        enable_operator(engine, "小周", actor=admin)
    assert refused.value.key == "staff.not_disabled"
    assert login_by_badge(engine, added.badge_code).name == "小周"  # the same badge again

    reset_password(engine, "小周", "5678", clock=clock, actor=admin)
    assert login_with_password(engine, "小周", "5678").name == "小周"
    with pytest.raises(LoginFailed):
        login_with_password(engine, "小周", "1234")
    with pytest.raises(OperatorError) as refused:
        reset_password(engine, "小周", "12", actor=admin)
    assert refused.value.key == "staff.password_too_short"

    badge = new_badge(engine, "小周", clock=clock, actor=admin)
    assert badge != added.badge_code
    assert login_by_badge(engine, badge).name == "小周"
    with pytest.raises(LoginFailed):
        login_by_badge(engine, added.badge_code)  # the old badge is dead at once

    changes = [(who, action, subject) for who, action, subject, _ in _audit(engine)]
    assert changes[-5:] == [
        ("管理员", "operator.add", "小周"),
        ("管理员", "operator.disable", "小周"),
        ("管理员", "operator.enable", "小周"),
        ("管理员", "operator.reset_password", "小周"),
        ("管理员", "operator.new_badge", "小周"),
    ]
    assert "5678" not in json.dumps(_audit(engine), ensure_ascii=False)


def test_the_last_active_admin_cannot_be_disabled(studio, engine) -> None:
    admin = studio.operators["管理员"]
    with pytest.raises(OperatorError) as refused:
        disable_operator(engine, "管理员", actor=admin)
    assert refused.value.key == "staff.last_admin"
    assert {m.name for m in list_staff(engine, actor=admin).members if m.active} >= {"管理员"}
    second = add_operator(engine, "二把手", "admin", "secret", actor=admin)
    disable_operator(engine, "管理员", actor=second)
    with pytest.raises(OperatorError) as refused:
        disable_operator(engine, "二把手", actor=second)
    assert refused.value.key == "staff.last_admin"


def test_settings_are_a_managers_and_audited_with_old_and_new_values(studio, engine) -> None:
    with pytest.raises(NotPermitted):
        save_settings(engine, {"studio": "偷改"}, actor=studio.operators["小李"])
    with pytest.raises(NotPermitted):
        preview_order(engine, actor=studio.operators["小张"])
    with pytest.raises(NotPermitted):
        send_test_sms(engine, {}, "13800000000", actor=studio.operators["小李"])
    manager = studio.operators["王店长"]
    save_settings(
        engine, {"studio": "花漾影楼", "sms_headers": {"X-Api-Key": "k-secret"}}, actor=manager
    )
    who, action, subject, detail = _audit(engine)[-1]
    assert (who, action, subject) == ("王店长", "settings.change", "sms_headers, studio")
    recorded = json.loads(detail or "{}")
    assert recorded["studio"] == {"from": "影楼", "to": "花漾影楼"}
    assert recorded["sms_headers"]["values_changed"] == ["X-Api-Key"]
    assert "k-secret" not in (detail or "")


def test_a_template_is_refused_with_the_key_and_previewed_with_a_real_order(
    studio, engine, clock
) -> None:
    manager = studio.operators["王店长"]
    settings = current_settings(engine)
    sample = preview_order(engine, actor=manager)
    assert sample.real is False
    assert sample.facts["customer"] == "张小梅"
    with pytest.raises(SettingRefused) as refused:
        preview_message("ready_template", "{customer.foo}您好", settings, sample)
    assert refused.value.key == "settings.template_field"
    assert refused.value.params["field"] == "{customer.foo}"

    studio.add_order("PV-1", ["PV1A"], customer="欧阳娜娜", phone="13911112222")
    scan = ScanService(engine, clock=clock)
    scan.scan(studio.session("send-out"), "PV1A")
    scan.scan(studio.session("check-in"), "PV1A")
    order = preview_order(engine, actor=manager)
    assert order.real is True
    shown = preview_message("ready_template", "{customer}：{order_no} 到了", settings, order)
    assert shown == "欧阳娜娜：PV-1 到了"
    reminder = preview_message("reminder_template", "已到店{days}天", settings, order)
    assert reminder == f"已到店{settings.uncollected_days}天"


@pytest.fixture
def gateway() -> Iterator[FakeGateway]:
    with fake_gateway() as state:
        yield state


def test_a_test_sms_goes_through_the_gateway_on_screen_and_is_audited(
    studio, engine, gateway
) -> None:
    state, url = gateway, gateway.url
    manager = studio.operators["王店长"]
    on_screen = {"sms_url": url, "sms_headers": {"X-Api-Key": "k-1"}, "studio": "花漾影楼"}
    send_test_sms(engine, on_screen, "138 0000 1111", actor=manager)
    [request] = state.requests
    assert request["key"] == "k-1"
    assert request["body"]["phone"] == "13800001111"
    assert "花漾影楼" in request["body"]["message"]
    assert current_settings(engine).sms_url == ""  # trying is not saving
    assert _audit(engine)[-1][:3] == ("王店长", "sms.test", "13800001111")

    state.status = 402
    with pytest.raises(SendFailed, match="no credit left"):
        send_test_sms(engine, on_screen, "13800001111", actor=manager)
    with pytest.raises(SmsTestRefused) as refused:
        send_test_sms(engine, on_screen, "abc", actor=manager)
    assert refused.value.key == "notifications.test_bad_phone"
