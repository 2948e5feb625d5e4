"""An SMS gateway over HTTP(S), configured by URL, headers and a body template.

Studios use many SMS providers; rather than one adapter per provider, the
request is described in the settings: method, URL, headers (credentials) and
a body template with ``{phone}``, ``{message}`` and ``{id}`` (the message's
idempotency key, so a provider that supports it can drop a repeat). A 2xx
answer means sent; 429, 5xx and network errors are retried later; any other
answer is a permanent failure with the provider's words as the reason.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from yinglou_desk import catalogue
from yinglou_desk.services.notifications.outbox import OutgoingMessage, SendFailed
from yinglou_desk.services.settings.studio import StudioSettings

TIMEOUT_S = 15


def _fill(template: str, message: OutgoingMessage, as_json: bool) -> str:
    values = {"phone": message.phone or "", "message": message.message, "id": message.dedupe_key}
    if as_json:  # keep the body valid JSON whatever the message contains
        values = {k: json.dumps(v, ensure_ascii=False)[1:-1] for k, v in values.items()}
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


class HttpSmsChannel:
    """Callable channel for :func:`notifications.send_queued`."""

    def __init__(self, settings: StudioSettings) -> None:
        if not settings.sms_url.startswith(("http://", "https://")):
            raise ValueError(catalogue.text("notifications.no_gateway"))
        self._settings = settings

    def __call__(self, message: OutgoingMessage) -> None:
        settings = self._settings
        headers = {"Content-Type": "application/json; charset=utf-8", **settings.sms_headers}
        as_json = "json" in headers.get("Content-Type", "")
        body = _fill(settings.sms_body_template, message, as_json).encode("utf-8")
        request = urllib.request.Request(
            _fill(settings.sms_url, message, False),
            data=body if settings.sms_method.upper() != "GET" else None,
            headers=headers,
            method=settings.sms_method.upper(),
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                response.read()
        except urllib.error.HTTPError as error:
            detail = error.read()[:200].decode("utf-8", "replace")
            retry = error.code == 429 or error.code >= 500
            reason = catalogue.text(
                "notifications.gateway_refused", status=error.code, detail=detail
            )
            raise SendFailed(reason, retry) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            cause = getattr(error, "reason", error)
            reason = catalogue.text("notifications.gateway_unreachable", reason=cause)
            raise SendFailed(reason, retry=True) from None
