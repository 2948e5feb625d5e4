"""The headless listener's promises that need no serial port: no Qt, and in the dispatch table."""

from __future__ import annotations

import subprocess
import sys

from yinglou_desk.cli import build_parser
from yinglou_desk.cli.dispatch import COMMAND_MODULES, command_key
from yinglou_desk.cli.listen_command import HANDLERS


def test_the_listener_and_its_building_blocks_do_not_import_qt():
    code = (
        "import sys\n"
        "import yinglou_desk.cli.listen_command, yinglou_desk.devices.serial_scanner\n"
        "import yinglou_desk.devices.wedge, yinglou_desk.services.scanning.queue\n"
        "print('\\n'.join(sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    assert "yinglou_desk.services.scanning.queue" in loaded
    assert not any(name.startswith("PySide6") for name in loaded)


def test_listen_is_dispatched_to_this_module():
    args = build_parser().parse_args(
        ["listen", "--serial", "/dev/ttyUSB0", "--station", "check-in", "--operator", "小李"]
    )
    assert COMMAND_MODULES[command_key(args)] == "listen_command"
    assert command_key(args) in HANDLERS
    assert (args.baud, args.json, args.vendor) == (9600, False, None)
