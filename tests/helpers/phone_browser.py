"""A phone's browser for tests: Debian's Chromium, driven by Playwright, whose camera films a label.

Chromium's fake camera plays a YUV4MPEG2 file in a loop
(``--use-file-for-fake-video-capture``), so a test writes the label it wants
the "phone" to see into that file with :func:`label_video` — the picture is
the program's own label image, the same pixels a printer would get. The file
is opened anew each time the page starts the camera, so :func:`show` between
two camera starts changes what the phone sees.

TLS: the test first fetches the server's certificate over a connection that
Python verifies against the studio CA (:func:`served_certificate`), then tells
Chromium to accept exactly that key (``--ignore-certificate-errors-spki-list``)
— Debian's Chromium has no way to take a CA without NSS tools, and the pin is
as strict: no other certificate is accepted.

The browser is never downloaded: ``/usr/bin/chromium`` or the test fails.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import os
import socket
import ssl
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from PIL import Image

CHROMIUM = "/usr/bin/chromium"
PHONE_PAGE = Path(__file__).resolve().parents[2] / "resources" / "phone"
T = TypeVar("T")

# How Chromium runs here: as root, without a GPU, and with no network of its own (its
# background connections would be refused by the machine's closed network).
BASE_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def label_video(
    png: Path,
    out: Path,
    *,
    seconds: float = 3,
    size: tuple[int, int] = (640, 480),
    fps: int = 10,
) -> Path:
    """A still video of the label centred on white, filling most of the frame.

    Written as YUV4MPEG2 4:2:0 (``C420jpeg``: full-range chroma, subsampled
    2×2), which Chromium's fake camera reads. The label is scaled by a whole
    factor with nearest-neighbour, so every bar keeps sharp edges, as a phone
    held close to a label would see it.
    """
    width, height = size
    if width % 2 or height % 2:
        raise ValueError("4:2:0 needs an even frame size")
    with Image.open(png) as source:
        label = source.convert("L")
    factor = max(1, min((width * 9 // 10) // label.width, (height * 9 // 10) // label.height))
    if label.width > width or label.height > height:
        label.thumbnail((width, height))
        factor = 1
    label = label.resize((label.width * factor, label.height * factor), Image.Resampling.NEAREST)
    frame = Image.new("RGB", size, "white")
    frame.paste(label.convert("RGB"), ((width - label.width) // 2, (height - label.height) // 2))
    y, cb, cr = frame.convert("YCbCr").split()
    half = (width // 2, height // 2)
    planes = (
        y.tobytes()
        + cb.resize(half, Image.Resampling.BOX).tobytes()
        + cr.resize(half, Image.Resampling.BOX).tobytes()
    )
    frames = max(1, round(seconds * fps))
    tmp = out.with_name(out.name + ".part")
    with tmp.open("wb") as f:
        f.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode("ascii"))
        for _ in range(frames):
            f.write(b"FRAME\n")
            f.write(planes)
    os.replace(tmp, out)  # a camera starting now sees the old or the new label, never half
    return out


def show(video: Path, png: Path) -> None:
    """Puts another label before the fake camera (seen from the page's next camera start)."""
    label_video(png, video)


def spki_pin(cert_pem: bytes) -> str:
    """base64(SHA-256(SubjectPublicKeyInfo)): the form Chromium's SPKI list takes."""
    cert = x509.load_pem_x509_certificate(cert_pem)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


def served_certificate(host: str, port: int, ca_pem: Path, server_name: str | None = None) -> bytes:
    """The certificate the server presents, after Python verified it against the studio CA."""
    context = ssl.create_default_context(cafile=str(ca_pem))
    with (
        socket.create_connection((host, port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=server_name or host) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    assert der is not None
    return ssl.DER_cert_to_PEM_cert(der).encode("ascii")


def chromium(
    playwright: Any,
    video: Path | None,
    ca_pem: Path | None = None,
    *,
    server: tuple[str, int] | None = None,
    pins: Sequence[str] = (),
    user_data_dir: Path | None = None,
    user_agent: str | None = None,
    extra_args: Sequence[str] = (),
) -> Any:
    """A headless Chromium context (Playwright ``BrowserContext``) with a fake camera.

    ``video``: the ``.y4m`` the camera films (None: no camera flags at all).
    ``ca_pem`` with ``server``: the server's certificate is checked against the
    CA in Python and its key pinned for Chromium; ``pins`` adds keys directly.
    ``user_data_dir``: a profile to reuse (cookies, IndexedDB) — a fresh empty
    one when None. ``user_agent``: the phone it claims to be (the page names a new phone
    after it). Close the returned context when done.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: apt-get install chromium (never a downloaded browser)")
    args = list(BASE_FLAGS)
    if video is not None:
        args += [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ]
    spki = list(pins)
    if ca_pem is not None:
        if server is None:
            raise ValueError("the CA is checked against a running server: pass server=(host, port)")
        spki.append(spki_pin(served_certificate(server[0], server[1], ca_pem)))
    if spki:
        args.append("--ignore-certificate-errors-spki-list=" + ",".join(spki))
    args += list(extra_args)
    profile = user_data_dir or Path(tempfile.mkdtemp(prefix="yl-chromium-"))
    options: dict[str, Any] = {}
    if user_agent:
        options["user_agent"] = user_agent
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        args=args,
        permissions=["camera"],
        viewport={"width": 412, "height": 860},
        locale="zh-CN",
        **options,
    )


def android(model: str) -> str:
    """A phone's user agent, as Chrome on Android sends it."""
    return (
        f"Mozilla/5.0 (Linux; Android 14; {model}) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36"
    )


# The smallest page that proves the fake camera and the vendored reader together, on
# http://localhost (a secure context without TLS): it reads frames as the phone page does.
PROBE_PAGE = """<!doctype html><meta charset="utf-8">
<script src="/static/vendor/zxing-wasm/zxing-reader.iife.js"></script>
<video id="v" autoplay muted playsinline></video><canvas id="c"></canvas>
<script>
window.probe = {codes: [], barcodeDetector: "BarcodeDetector" in window, error: null, frames: 0};
ZXingWASM.prepareZXingModule({fireImmediately: true, overrides: {locateFile: (path, prefix) =>
  path.endsWith(".wasm") ? "/static/vendor/zxing-wasm/" + path : prefix + path}});
(async () => {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}});
    const v = document.getElementById("v"), c = document.getElementById("c");
    v.srcObject = stream; await v.play();
    const g = c.getContext("2d", {willReadFrequently: true});
    for (;;) {
      if (v.videoWidth) {
        c.width = v.videoWidth; c.height = v.videoHeight; g.drawImage(v, 0, 0);
        const found = await ZXingWASM.readBarcodes(g.getImageData(0, 0, c.width, c.height),
          {formats: ["Code128", "QRCode"], tryHarder: true});
        window.probe.frames++;
        for (const b of found) if (b.isValid) window.probe.codes.push(b.text);
      }
      await new Promise(r => setTimeout(r, 120));
    }
  } catch (e) { window.probe.error = String(e); }
})();
</script>
"""


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
    }

    def do_GET(self) -> None:
        if self.path == "/probe.html":
            body = PROBE_PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0]
        if path.startswith("/static/"):
            return str(PHONE_PAGE / path.removeprefix("/static/"))
        return str(PHONE_PAGE / "__none__")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def probe_server() -> Iterator[str]:
    """``resources/phone`` at ``/static`` and :data:`PROBE_PAGE` at ``/probe.html`` on
    http://localhost; yields the probe page's address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _StaticHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/probe.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def wait_for(check: Callable[[], T | None], what: str, timeout_s: float = 90) -> T:
    """Polls ``check`` until it answers something truthy; fails with ``what`` after the timeout
    (generous: the CPU here is slow, and nothing is asserted about time)."""
    deadline = time.monotonic() + timeout_s
    last: T | None = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.25)
    pytest.fail(f"waited {timeout_s:.0f} s for {what}; last seen: {last!r}")
