"""The desk under test: a SQLite studio, a window context with a fake clock and scripted dialogs.

The fixtures live in :mod:`tests.helpers.desk_fixtures` (load it with
``pytest_plugins``); these are the plain helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from yinglou_desk.storage.models import Item, Order, ScanLog


@dataclass
class ScriptedDialogs:
    """Answers questions at once from a script and remembers what was asked."""

    answers: list[bool] = field(default_factory=list)
    asked: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def confirm(self, _parent: object, title: str, text: str) -> bool:
        self.asked.append((title, text))
        if not self.answers:
            raise AssertionError(f"unexpected question: {title}: {text}")
        return self.answers.pop(0)

    def warn(self, _parent: object, title: str, text: str) -> None:
        self.warnings.append((title, text))

    # 取件's counter dialog: the real dialog, shown without exec(); ``counter_fill`` types
    # into it (QTest) and confirms or cancels it, as staff would
    counter_fill: list[Callable[[Any], None]] = field(default_factory=list)
    counter_requests: list[Any] = field(default_factory=list)

    def counter(self, parent: object, request: Any) -> Any:
        from yinglou_desk.ui.dialogs.collect import CounterDialog

        self.counter_requests.append(request)
        if not self.counter_fill:
            raise AssertionError(f"unexpected counter dialog for {request.order_no}")
        dialog = CounterDialog(request, parent)  # type: ignore[arg-type]
        dialog.show()
        try:
            self.counter_fill.pop(0)(dialog)
            return dialog.answer if dialog.result() == 1 else None
        finally:
            dialog.close()
            dialog.deleteLater()


def item_row(engine: Engine, code: str):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(Item).where(Item.code == code)).one()


def order_row(engine: Engine, order_no: str):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(Order).where(Order.order_no == order_no)).one()


def log_rows(engine: Engine, code: str | None = None):  # type: ignore[no-untyped-def]
    query = select(ScanLog).order_by(ScanLog.id)
    if code is not None:
        query = query.where(ScanLog.code == code)
    with engine.connect() as conn:
        return conn.execute(query).all()


def scan_and_wait(qtbot, page, code: str, timeout: int = 10000):  # type: ignore[no-untyped-def]
    """Feed one code to a station the way a scanner does and return its ScanResult."""
    with qtbot.waitSignal(page.scan_handled, timeout=timeout) as blocker:
        page.on_scanned(code, "keyboard")
    return blocker.args[0]


def login(qtbot, window, operator) -> None:  # type: ignore[no-untyped-def]
    """Scan an operator's badge into the window, as the badge scanner would."""
    with qtbot.waitSignal(window.login_page.logged_in, timeout=10000):
        window.on_scanned(operator.badge_code, "keyboard")
