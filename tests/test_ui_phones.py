"""手机 on the desk: the phone server follows 本机设置 (on, off, another port, a port taken),
the page shows a QR code a phone really reads (decoded back with zbar), and approving and
revoking from the page change the phone in the database; sorters never see the page."""

from __future__ import annotations

import socket
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pyzbar import pyzbar
from pyzbar.pyzbar import ZBarSymbol

from yinglou_desk.catalogue import text as t
from yinglou_desk.services.phones.registry import list_phones, register_phone
from yinglou_desk.services.settings.this_pc import (
    PcSettings,
    save_pc_settings,
    saved_pc_settings,
)
from yinglou_desk.storage.engine import write_transaction
from yinglou_desk.ui.main_window import PAGES
from yinglou_desk.ui.phone_service import PhoneState

from .helpers.desk import login

pytest_plugins = ["tests.helpers.desk_fixtures"]
START_MS = 120_000  # the first start makes the studio's certificates: slow on a slow CPU


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def local_servers(folder: Path):  # type: ignore[no-untyped-def]
    """The real phone server, on this machine only, its trust page on a free port, its
    certificates in the test's own folder."""
    from yinglou_desk.web.server import PhoneServer

    def make(engine, port):  # type: ignore[no-untyped-def]
        return PhoneServer(
            engine, port=port, trust_port=free_port(), host="127.0.0.1", folder=folder
        )

    return make


def answers(port: int) -> bool:
    """Whether something listens on ``port`` here."""
    with socket.socket() as probe:
        probe.settimeout(5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def desk(qtbot, ctx, ui_studio, tmp_path):  # type: ignore[no-untyped-def]
    """The desk window with the real phone server (on free ports) and its own settings file."""
    del ui_studio
    from yinglou_desk.ui.main_window import MainWindow

    window = MainWindow(ctx, make_server=local_servers(tmp_path / "tls"))
    window.pc_settings_path = tmp_path / "this-pc.json"
    qtbot.addWidget(window)
    window.show()
    yield window
    ctx.stop()
    window.phones.stop_now()


def _register(engine, name: str, address: str = "192.168.1.31") -> int:  # type: ignore[no-untyped-def]
    from yinglou_desk.services.clock import utc_now

    with write_transaction(engine) as conn:
        return register_phone(conn, f"key-{name}", name, address, utc_now())


def _status(engine, phone_id: int) -> str:  # type: ignore[no-untyped-def]
    return next(p.status for p in list_phones(engine) if p.id == phone_id)


def _start(qtbot, window, port: int | None = None) -> None:  # type: ignore[no-untyped-def]
    window.apply_pc_settings(PcSettings(phone_server=True, phone_port=port or free_port()))
    qtbot.waitUntil(lambda: window.phones.state is not PhoneState.STARTING, timeout=START_MS)


def _qr_text(page) -> list[str]:  # type: ignore[no-untyped-def]
    from yinglou_desk.ui.pages.phones import pixmap_png

    pixmap = page.qr_shown()
    assert pixmap is not None
    image = Image.open(BytesIO(pixmap_png(pixmap)))
    return [s.data.decode("utf-8") for s in pyzbar.decode(image, symbols=[ZBarSymbol.QRCODE])]


# -- who sees the page -----------------------------------------------------------------------------


def test_a_sorter_never_sees_the_phones_page_a_manager_does(qtbot, window, ui_studio):
    index = PAGES.index("phones")
    login(qtbot, window, ui_studio.operators["小李"])
    assert not window.tabs.isTabVisible(index)
    window.show_page("phones")
    assert window.current_page_name() != "phones"
    login(qtbot, window, ui_studio.operators["王店长"])
    assert window.tabs.isTabVisible(index)
    assert window.tabs.tabText(index) == t("page.phones")
    window.show_page("phones")
    assert window.current_page_name() == "phones"


# -- the server follows 本机设置 -----------------------------------------------------------------


def test_the_page_shows_the_code_a_phone_scans(qtbot, desk, ui_studio):
    login(qtbot, desk, ui_studio.operators["王店长"])
    desk.show_page("phones")
    page = desk.phones_page
    assert page.off_part.isVisible()  # off by default
    assert page.qr_shown() is None

    port = free_port()
    _start(qtbot, desk, port)
    running = desk.phones.running
    assert running is not None, desk.phones.error
    assert answers(port)
    assert page.running_part.isVisible()
    assert not page.off_part.isVisible()
    assert _qr_text(page) == [running.pairing_url]  # what a phone's camera reads
    assert running.pairing_url in page.address_label.text()
    assert running.page_url in page.page_label.text()
    assert running.ca_fingerprint in page.fingerprint_label.text()
    assert desk.statusBar().currentMessage() == t("phone_desk.started", url=running.pairing_url)


def test_turning_phones_on_from_the_page_saves_it_and_off_in_this_pc_stops_it(
    qtbot, desk, ui_studio
):
    first = free_port()
    save_pc_settings(PcSettings(phone_port=first, silent=True), desk.pc_settings_path)
    login(qtbot, desk, ui_studio.operators["王店长"])
    desk.show_page("phones")
    page = desk.phones_page
    assert page.turn_on_button.isEnabled()
    page.turn_on_button.click()
    saved = saved_pc_settings(desk.pc_settings_path)
    assert saved == PcSettings(phone_server=True, phone_port=first, silent=True)  # the rest kept
    qtbot.waitUntil(lambda: desk.phones.state is PhoneState.RUNNING, timeout=START_MS)
    assert answers(first)

    moved = free_port()  # 本机设置 saved with another port: the server moves there
    desk.apply_pc_settings(PcSettings(phone_server=True, phone_port=moved))
    qtbot.waitUntil(
        lambda: desk.phones.running is not None and desk.phones.running.port == moved,
        timeout=START_MS,
    )
    assert answers(moved)
    assert not answers(first)

    desk.apply_pc_settings(PcSettings(phone_server=False, phone_port=moved))
    qtbot.waitUntil(lambda: desk.phones.state is PhoneState.OFF, timeout=START_MS)
    assert not answers(moved)
    assert page.off_part.isVisible()
    assert page.qr_shown() is None
    assert desk.statusBar().currentMessage() == t("phone_desk.stopped")


def test_a_mind_changed_before_the_server_is_up_ends_as_last_said(qtbot, desk):
    first, second = free_port(), free_port()
    desk.apply_pc_settings(PcSettings(phone_server=True, phone_port=first))
    desk.apply_pc_settings(PcSettings(phone_server=True, phone_port=second))
    desk.apply_pc_settings(PcSettings(phone_server=False, phone_port=second))
    desk.apply_pc_settings(PcSettings(phone_server=True, phone_port=second))
    qtbot.waitUntil(
        lambda: desk.phones.running is not None and desk.phones.running.port == second,
        timeout=START_MS,
    )
    desk.ctx.ops.wait()
    qtbot.wait(50)  # the last answers arrive on the GUI thread
    assert desk.phones.running is not None
    assert desk.phones.running.port == second
    assert not answers(first)
    assert answers(second)


def test_a_taken_port_is_said_and_the_desk_goes_on(qtbot, desk, ui_studio):
    login(qtbot, desk, ui_studio.operators["王店长"])
    desk.show_page("phones")
    page = desk.phones_page
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = int(taken.getsockname()[1])
    try:
        _start(qtbot, desk, port)
        assert desk.phones.state is PhoneState.FAILED
        assert page.failed_part.isVisible()
        said = page.error_label.text()
        assert said == desk.phones.error
        assert said == t("phone_desk.port_taken", port=port)
        assert desk.statusBar().currentMessage() == said
    finally:
        taken.close()
    page.retry_button.click()
    qtbot.waitUntil(lambda: desk.phones.state is PhoneState.RUNNING, timeout=START_MS)
    assert answers(port)
    assert not page.failed_part.isVisible()


def test_a_server_that_breaks_on_start_is_said_not_raised(qtbot, ctx, ui_studio):
    from yinglou_desk.ui.main_window import MainWindow

    def broken(_engine, _port):  # type: ignore[no-untyped-def]
        raise RuntimeError("resources missing")

    window = MainWindow(ctx, make_server=broken)
    qtbot.addWidget(window)
    login(qtbot, window, ui_studio.operators["王店长"])
    window.show_page("phones")
    _start(qtbot, window)
    assert window.phones.state is PhoneState.FAILED
    said = t("phone_desk.failed", error="resources missing")
    assert window.phones_page.error_label.text() == said
    assert window.statusBar().currentMessage() == said
    window.show_page("query")  # the desk goes on
    assert window.current_page_name() == "query"


def test_the_certificate_page_s_port_taken_says_to_close_the_other_program():
    from yinglou_desk.ui.phone_service import _failure_text
    from yinglou_desk.web.server import ServerNotStarted

    assert _failure_text(ServerNotStarted("phone_web.port_taken", port=8080), 8443) == t(
        "phone_desk.trust_port_taken", port=8080
    )
    assert _failure_text(ServerNotStarted("phone_web.port_taken", port=9443), 9443) == t(
        "phone_desk.port_taken", port=9443
    )


def test_closing_the_window_closes_the_ports(qtbot, desk):
    port = free_port()
    _start(qtbot, desk, port)
    assert answers(port)
    desk.close()
    assert not answers(port)


# -- the phones registered ---------------------------------------------------------------------


def test_approving_and_revoking_on_the_page_change_the_phone(
    qtbot, window, ui_studio, ui_engine, dialogs
):
    phone_id = _register(ui_engine, "小李的手机")
    _register(ui_engine, "前台手机", address="192.168.1.40")
    login(qtbot, window, ui_studio.operators["王店长"])
    page = window.phones_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("phones")
    assert page.model.rowCount() == 2
    assert page.count_label.text() == t("phone_desk.count", n=2, waiting=2)
    assert not page.approve_button.isEnabled()  # nothing chosen yet

    page.select(phone_id)
    assert page.approve_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.approve_button.click()
    assert _status(ui_engine, phone_id) == "approved"
    assert page.status.text() == t("phone_desk.done.approve", name="小李的手机")
    row = page.model.row_of(phone_id)
    assert page.model.index(row, 1).data() == t("phone_desk.status.approved")
    assert page.model.index(row, 3).data() == "王店长"
    assert page.selected_id() == phone_id  # still chosen after the list was read again
    assert not page.approve_button.isEnabled()

    dialogs.answers.append(True)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.revoke_button.click()
    assert dialogs.asked[-1][1] == t("phone_desk.revoke_question", name="小李的手机")
    assert _status(ui_engine, phone_id) == "revoked"
    assert page.model.index(page.model.row_of(phone_id), 1).data() == t("phone_desk.status.revoked")
    assert page.approve_button.isEnabled()  # may be approved again

    dialogs.answers.append(False)  # asked, then not revoked
    page.select(next(p.id for p in list_phones(ui_engine) if p.id != phone_id))
    page.revoke_button.click()
    assert all(p.status != "revoked" for p in list_phones(ui_engine) if p.id != phone_id)


def test_a_refusal_from_the_service_is_said_on_the_page(qtbot, window, ui_studio, ui_engine):
    phone_id = _register(ui_engine, "小李的手机")
    login(qtbot, window, ui_studio.operators["王店长"])
    page = window.phones_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("phones")
    page.select(phone_id)
    with write_transaction(ui_engine) as conn:  # another PC removed it meanwhile
        from yinglou_desk.storage.tables import phones

        conn.execute(phones.delete().where(phones.c.id == phone_id))
    with qtbot.waitSignal(page.refused, timeout=10000) as blocker:
        page.approve_button.click()
    assert blocker.args[0] == page.status.text()
    assert page.status.text() != ""


def test_a_phone_registering_while_the_page_is_shown_appears(qtbot, window, ui_studio, ui_engine):
    login(qtbot, window, ui_studio.operators["王店长"])
    page = window.phones_page
    with qtbot.waitSignal(page.loaded, timeout=10000):
        window.show_page("phones")
    assert page.model.rowCount() == 0
    _register(ui_engine, "仓库手机")  # from the phone's side: nothing on the desk announces it
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=30000)
    assert page.model.index(0, 0).data() == "仓库手机"
    assert page.model.index(0, 1).data() == t("phone_desk.status.waiting")
    assert page.model.index(0, 6).data() == "192.168.1.31"


def test_the_list_is_cleared_at_log_out(qtbot, window, ui_studio, ui_engine):
    _register(ui_engine, "小李的手机")
    login(qtbot, window, ui_studio.operators["王店长"])
    with qtbot.waitSignal(window.phones_page.loaded, timeout=10000):
        window.show_page("phones")
    login(qtbot, window, ui_studio.operators["小李"])
    assert window.phones_page.model.rowCount() == 0
    assert not window.phones_page.approve_button.isEnabled()


def test_the_phones_model_passes_the_model_tester(qtmodeltester, ui_engine):
    from yinglou_desk.ui.models.phones_model import PhonesModel

    for name in ("小李的手机", "前台手机"):
        _register(ui_engine, name)
    model = PhonesModel()
    model.set_phones(list_phones(ui_engine))
    qtmodeltester.check(model)
    assert {model.index(row, 0).data() for row in range(2)} == {"小李的手机", "前台手机"}
    waiting = model.index(0, 1)
    assert waiting.data() == t("phone_desk.status.waiting")  # words beside the colour
    assert waiting.data(Qt.ItemDataRole.BackgroundRole).name().upper() == "#FFB300"  # amber


def test_the_page_with_its_code_fits_1280x720(qtbot, desk, ui_studio, ui_engine):
    from .test_ui_fits import LONG_MESSAGE, ROOM_1280x720

    for n in range(30):
        _register(ui_engine, f"很长很长的手机名字{n}" * 3)
    login(qtbot, desk, ui_studio.operators["王店长"])
    _start(qtbot, desk)
    assert desk.phones.state is PhoneState.RUNNING
    with qtbot.waitSignal(desk.phones_page.loaded, timeout=10000):
        desk.show_page("phones")
    desk.phones_page.status.setText(LONG_MESSAGE)
    least = desk.phones_page.minimumSizeHint()
    assert least.width() <= ROOM_1280x720.width()
    assert least.height() <= ROOM_1280x720.height() - 150  # top bar, tabs, status
    window_least = desk.minimumSizeHint()
    assert window_least.width() <= ROOM_1280x720.width()
    assert window_least.height() <= ROOM_1280x720.height()


# -- 本机设置 ---------------------------------------------------------------------------------------


def test_the_phone_setting_is_shown_and_saved_in_this_pc(qtbot, tmp_path: Path):
    from yinglou_desk.ui.dialogs.this_pc import PcSettingsDialog

    path = tmp_path / "this-pc.json"
    dialog = PcSettingsDialog(PcSettings(), path, ports=list, printers=list)
    qtbot.addWidget(dialog)
    assert not dialog.phone_server.isChecked()
    assert dialog.phone_port.value() == 8443
    assert (dialog.phone_port.minimum(), dialog.phone_port.maximum()) == (1024, 65535)
    dialog.phone_server.setChecked(True)
    dialog.phone_port.setValue(9443)
    dialog.save()
    assert dialog.saved == PcSettings(phone_server=True, phone_port=9443)
    assert saved_pc_settings(path) == dialog.saved
    again = PcSettingsDialog(saved_pc_settings(path), path, ports=list, printers=list)
    qtbot.addWidget(again)
    assert again.phone_server.isChecked()
    assert again.phone_port.value() == 9443

    again.phone_port.setValue(8080)  # the certificate page's port
    again.save()
    assert again.error.text() == t("phone_desk.port_is_trust_port", port=8080)
    assert saved_pc_settings(path).phone_port == 9443


def test_this_pc_with_the_phone_setting_still_fits_1280x720(qtbot):
    from yinglou_desk.ui.dialogs.this_pc import PcSettingsDialog

    from .test_ui_fits import ROOM_1280x720

    dialog = PcSettingsDialog(PcSettings(phone_server=True), None, ports=list, printers=list)
    qtbot.addWidget(dialog)
    least = dialog.minimumSizeHint()
    assert least.width() <= ROOM_1280x720.width()
    assert least.height() <= ROOM_1280x720.height()
