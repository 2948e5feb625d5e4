"""The plain-HTTP trust page (信任证书): the first page a phone opens from the desk's QR
code. It hands over the studio CA — a ``.crt`` for Android, a ``.mobileconfig`` for
iPhones — with the steps to install it, and checks whether this phone already trusts
it by calling the HTTPS side's ``/api/ping`` (which must answer this page's origin
with ``Access-Control-Allow-Origin``); a phone that does is sent straight on.

Plain HTTP can be read and changed by anyone on the network, so nothing here is
secret and nothing of a customer ever appears; the fingerprint lets a careful
manager compare the CA with the one the desk shows.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from yinglou_desk import catalogue
from yinglou_desk.services.phones.certificates import ca_common_name, ios_profile

_STYLE = """
body{margin:0;font:17px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;
background:#f4f5f7;color:#1d1f23}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border-radius:12px;padding:1rem;margin:0 0 1rem;
box-shadow:0 1px 3px rgba(0,0,0,.08)}
.button{display:block;text-align:center;text-decoration:none;font-size:1.15rem;font-weight:600;
padding:1rem;border-radius:10px;margin:.75rem 0;border:0;width:100%;box-sizing:border-box;
background:#1f6feb;color:#fff;cursor:pointer}
.button.second{background:#e8ecf2;color:#1d1f23}
.ok{color:#1a7f37;font-weight:600}.warn{color:#9a6700;font-weight:600}
ol{padding-left:1.4rem}li{margin:.35rem 0}
code{display:block;word-break:break-all;font-size:.85rem;background:#f0f1f4;padding:.5rem;
border-radius:6px}
small{color:#57606a}
[hidden]{display:none!important}
"""

_SCRIPT = """
(function () {
  var port = document.body.getAttribute("data-https-port");
  var target = "https://" + location.hostname + ":" + port;
  var parts = ["checking", "trusted", "untrusted"];
  function show(which) {
    parts.forEach(function (id) { document.getElementById(id).hidden = id !== which; });
  }
  function check() {
    show("checking");
    fetch(target + "/api/ping", {mode: "cors", cache: "no-store", credentials: "omit"})
      .then(function (answer) { show(answer.ok ? "trusted" : "untrusted"); })
      .catch(function () { show("untrusted"); });
  }
  document.getElementById("open").href = target + "/";
  document.getElementById("anyway").href = target + "/";
  document.getElementById("again").addEventListener("click", check);
  check();
})();
"""


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _policy(host: str, https_port: int) -> str:
    """Only this page's own style and script run, and the check reaches only the HTTPS
    side at the address the phone used (``location.hostname`` is this request's host)."""
    connect = "'none'"
    if _HOST.match(host):
        shown = f"[{host}]" if ":" in host else host
        connect = f"https://{shown}:{int(https_port)}"
    return (
        "default-src 'none'; "
        f"style-src {_hash(_STYLE)}; script-src {_hash(_SCRIPT)}; connect-src {connect}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


_HOST = re.compile(r"^[A-Za-z0-9.:-]{1,253}$")
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def trust_app(*, https_port: int, ca_der: bytes, studio: str, fingerprint: str) -> Starlette:
    """The trust page and the CA's three downloads, for plain HTTP."""
    ca_pem = x509.load_der_x509_certificate(ca_der).public_bytes(serialization.Encoding.PEM)
    ca_name = ca_common_name(ca_der)

    async def page(request: Request) -> Response:
        body = _page(https_port, studio, fingerprint, ca_name)
        policy = _policy(request.url.hostname or "", https_port)
        return HTMLResponse(body, headers={**_HEADERS, "Content-Security-Policy": policy})

    async def ca_crt(_request: Request) -> Response:
        return Response(
            ca_der,
            media_type="application/x-x509-ca-cert",
            headers={**_HEADERS, "Content-Disposition": 'attachment; filename="yinglou-ca.crt"'},
        )

    async def ca_pem_file(_request: Request) -> Response:
        return Response(
            ca_pem,
            media_type="application/x-pem-file",
            headers={**_HEADERS, "Content-Disposition": 'attachment; filename="yinglou-ca.pem"'},
        )

    async def profile(_request: Request) -> Response:
        return Response(
            ios_profile(ca_der, studio),
            media_type="application/x-apple-aspen-config",
            headers={
                **_HEADERS,
                "Content-Disposition": 'attachment; filename="yinglou.mobileconfig"',
            },
        )

    return Starlette(
        routes=[
            Route("/", page, methods=["GET"]),
            Route("/ca.crt", ca_crt, methods=["GET"]),
            Route("/ca.pem", ca_pem_file, methods=["GET"]),
            Route("/yinglou.mobileconfig", profile, methods=["GET"]),
        ]
    )


def _page(https_port: int, studio: str, fingerprint: str, ca_name: str) -> str:
    """The page in the studio's current language, every word from the catalogue."""
    lang = catalogue.current_language()

    def t(key: str, **params: object) -> str:
        return html.escape(catalogue.text(key, lang, **params))

    studio_name = studio or catalogue.text("phone_trust.unnamed_studio", lang)
    android_steps = "".join(f"<li>{t(f'phone_trust.android_step_{n}')}</li>" for n in range(1, 5))
    ios_steps = "".join(
        f"<li>{t(f'phone_trust.ios_step_{n}', name=ca_name)}</li>" for n in range(1, 5)
    )
    html_lang = "zh-CN" if lang == catalogue.ZH else "en"
    return f"""<!doctype html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{t("phone_trust.title", studio=studio_name)}</title>
<style>{_STYLE}</style>
</head>
<body data-https-port="{json.dumps(int(https_port))}">
<main>
<h1>{t("phone_trust.title", studio=studio_name)}</h1>
<div class="card">
<p>{t("phone_trust.intro")}</p>
<noscript><p class="warn">{t("phone_trust.needs_script")}</p></noscript>
<p id="checking" hidden>{t("phone_trust.checking")}</p>
<div id="trusted" hidden>
<p class="ok">{t("phone_trust.trusted")}</p>
<a id="open" class="button" href="#">{t("phone_trust.open_scanner")}</a>
</div>
<div id="untrusted" hidden>
<p class="warn">{t("phone_trust.not_trusted")}</p>
<button id="again" class="button second" type="button">{t("phone_trust.check_again")}</button>
<p><small>{t("phone_trust.without_trust")}</small></p>
<a id="anyway" class="button second" href="#">{t("phone_trust.open_anyway")}</a>
</div>
</div>
<div class="card">
<h2>{t("phone_trust.android_heading")}</h2>
<a class="button" href="/ca.crt">{t("phone_trust.android_download")}</a>
<ol>{android_steps}</ol>
</div>
<div class="card">
<h2>{t("phone_trust.ios_heading")}</h2>
<a class="button" href="/yinglou.mobileconfig">{t("phone_trust.ios_download")}</a>
<ol>{ios_steps}</ol>
</div>
<div class="card">
<p><small>{t("phone_trust.fingerprint")}</small></p>
<code id="fingerprint">{html.escape(fingerprint)}</code>
<p><small><a href="/ca.pem">{t("phone_trust.pem_link")}</a></small></p>
</div>
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""
