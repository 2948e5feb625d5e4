"""A message template can never cost a scan: bad settings are refused, bad stored ones fall back."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from yinglou_desk.domain.settings_rules import SettingRefused, check_setting
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.services.settings.studio import StudioSettings, load_settings, save_settings
from yinglou_desk.services.staff.audit import command_line_actor
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.storage.models import Notification, Setting

from .helpers.cli import run_cli
from .helpers.studio import make_studio

DEFAULTS = StudioSettings().to_json()


@pytest.mark.parametrize(
    ("template", "key"),
    [
        ("{customer.foo}", "settings.template_field"),
        ("{customer[0]}", "settings.template_field"),
        ("{nope}您好", "settings.template_field"),
        ("{}您好", "settings.template_field"),
        ("{0}您好", "settings.template_field"),
        ("{customer:>10}您好", "settings.template_format"),
        ("{customer:{studio}}", "settings.template_format"),
        ("{customer!r}您好", "settings.template_format"),
        ("{customer您好", "settings.template_braces"),
        ("您好}", "settings.template_braces"),
    ],
)
def test_a_template_that_could_fail_is_refused_with_the_fields_it_may_use(
    template: str, key: str
) -> None:
    with pytest.raises(SettingRefused) as refused:
        check_setting("ready_template", template, DEFAULTS["ready_template"])
    assert refused.value.key == key
    assert "{order_no}" in str(refused.value)  # the message lists the allowed fields


def test_the_default_templates_and_literal_braces_pass() -> None:
    for name in ("ready_template", "reminder_template", "sms_body_template"):
        check_setting(name, DEFAULTS[name], DEFAULTS[name])
    check_setting("ready_template", "{{VIP}} {customer}您好", DEFAULTS["ready_template"])
    check_setting("reminder_template", "已等{days}天", DEFAULTS["reminder_template"])
    with pytest.raises(SettingRefused):
        check_setting("ready_template", "已等{days}天", DEFAULTS["ready_template"])
    with pytest.raises(SettingRefused):
        check_setting("sms_body_template", '{"to": "{mobile}"}', DEFAULTS["sms_body_template"])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("uncollected_days", -1),
        ("uncollected_days", 99999999999),
        ("due_back_soon_days", 366),
        ("pickup_window_days", True),
        ("sms_max_attempts", 0),
        ("working_days", 1),
        ("sms_url", "ftp://x"),
        ("sms_method", "DELETE"),
        ("sms_headers", {"A": 1}),
        ("studio", "影" * 61),
    ],
)
def test_values_out_of_bounds_are_refused(name: str, value: object) -> None:
    with pytest.raises(SettingRefused):
        check_setting(name, value, DEFAULTS[name])


def test_bounds_themselves_are_allowed() -> None:
    for value in (0, 365):
        check_setting("uncollected_days", value, DEFAULTS["uncollected_days"])


def test_settings_set_refuses_a_bad_template_and_changes_nothing(db_url, engine, clock) -> None:
    make_studio(engine, clock)  # 王店长 is a manager, password 1234
    manager = ("--operator", "王店长", "--db", db_url)
    env = {"YINGLOU_PASSWORD": "1234"}
    run = run_cli("settings", "set", "ready_template", "{customer.foo}", *manager, env=env)
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    assert "{order_no}" in run.err
    for junk in ("-1", "99999999999"):
        run = run_cli("settings", "set", "uncollected_days", junk, *manager, env=env)
        assert run.code == 2, run.err
    shown = run_cli("settings", "show", "--db", db_url)
    settings = json.loads(shown.out)
    assert settings["ready_template"] == DEFAULTS["ready_template"]
    assert settings["uncollected_days"] == DEFAULTS["uncollected_days"]


def test_a_bad_template_already_in_the_database_does_not_cost_the_check_in(engine, clock) -> None:
    """Written by hand or by an older program: the scan goes through, the built-in wording
    is used for the message."""
    studio = make_studio(engine, clock)
    save_settings(engine, {"studio": "花漾影楼"}, actor=command_line_actor())
    with write_transaction(engine) as conn:
        conn.execute(
            Setting.__table__.insert().values(
                key="ready_template", value=json.dumps("{customer.foo}")
            )
        )
    with engine.connect() as conn:
        assert load_settings(conn).ready_template == DEFAULTS["ready_template"]
    studio.add_order("T001", ["610000000001"])
    service = ScanService(engine, clock=clock)
    service.scan(studio.session("send-out"), "610000000001")
    result = service.scan(studio.session("check-in"), "610000000001")
    assert result.outcome.value == "accepted"
    assert result.order_progress == "ready"
    with engine.connect() as conn:
        message = conn.execute(select(Notification.message)).scalar_one()
    assert message.startswith("【花漾影楼】张小梅您好")


def test_the_command_line_check_in_goes_through_a_bad_stored_template(db_url, engine, clock):
    """Today: a traceback, and nothing recorded."""
    studio = make_studio(engine, clock)
    studio.add_order("T001", ["610000000001"])
    ScanService(engine, clock=clock).scan(studio.session("send-out"), "610000000001")
    with write_transaction(engine) as conn:
        conn.execute(
            Setting.__table__.insert().values(
                key="ready_template", value=json.dumps("{customer.foo}")
            )
        )
    run = run_cli(
        "scan",
        "--station",
        "check-in",
        "--operator",
        "小李",
        "--json",
        "610000000001",
        "--db",
        db_url,
    )
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert run.json_lines()[0]["order_progress"] == "ready"
