"""``yinglou-desk serve`` as a studio runs it: a separate process on a demo database,
the phone page over TLS that verifies against the studio CA it printed the fingerprint
of, the trust page over plain HTTP, and a clean stop on Ctrl+C (SIGINT)."""

from __future__ import annotations

import os
import re
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from yinglou_desk.services.phones.certificates import fingerprint

from .helpers.cli import run_cli

pytestmark = pytest.mark.slow


def test_serve_runs_the_phone_page_until_ctrl_c(tmp_path: Path) -> None:
    db = tmp_path / "studio.db"
    tls = tmp_path / "tls"
    env = {
        **os.environ,
        "YINGLOU_LANG": "zh",
        "YINGLOU_PHONE_TLS_DIR": str(tls),
        "YINGLOU_PHONE_ADDRESSES": "127.0.0.1",
    }
    assert run_cli("--db", str(db), "demo", "--orders", "20", env=env).code == 0
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "yinglou_desk",
            "--db",
            str(db),
            "serve",
            "--port",
            "0",
            "--trust-port",
            "0",
            "--host",
            "127.0.0.1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        start_new_session=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(lines) < 2:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line)
        said = "".join(lines)
        page = re.search(r"扫码页 (https://127\.0\.0\.1:(\d+)/)", said)
        pairing = re.search(r"打开 (http://127\.0\.0\.1:(\d+)/)", said)
        assert page is not None, said
        assert pairing is not None, said
        ca = (tls / "ca" / "ca.pem").read_bytes()
        shown = re.search(r"SHA-256）：([0-9A-F:]+)", said)
        assert shown is not None, said
        der = ssl.PEM_cert_to_DER_cert(ca.decode())
        assert shown.group(1) == fingerprint(der)

        trusted = ssl.create_default_context(cafile=str(tls / "ca" / "ca.pem"))
        hello = httpx.get(page.group(1) + "api/hello", verify=trusted).json()
        assert hello["lang"] == "zh"
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            httpx.get(page.group(1) + "api/hello", verify=ssl.create_default_context())
        trust_page = httpx.get(pairing.group(1))
        assert trust_page.status_code == 200
        assert httpx.get(pairing.group(1) + "ca.crt").content == der
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "手机扫码已停止" in err
