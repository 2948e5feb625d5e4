"""One line of the self-check, and the list as plain text (the terminal, the clipboard).

A :class:`Check` holds catalogue keys and their values, never sentences, so the same
result reads in the language of whoever shows it, and programs get stable keys
(``--json``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from yinglou_desk import catalogue


class Status(StrEnum):
    """``ok``: fine. ``warn``: works, but look at it (no sound, an old backup, a line that
    could not be checked). ``fail``: something the desk needs is not right."""

    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


MARKS = {Status.OK: "✔", Status.WARN: "！", Status.FAIL: "✘"}
_RANK = {Status.OK: 0, Status.WARN: 1, Status.FAIL: 2}


@dataclass(frozen=True)
class Check:
    """What one check found: ``message`` (a catalogue key) with ``params``, and for a
    warning or a failure ``advice`` (a key) with ``advice_params``: what to do."""

    key: str
    status: Status
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    advice: str | None = None
    advice_params: Mapping[str, Any] = field(default_factory=dict)

    def name_text(self, lang: str | None = None) -> str:
        return catalogue.text(f"checkup.name.{self.key}", lang)

    def message_text(self, lang: str | None = None) -> str:
        return catalogue.text(self.message, lang, **_shown(self.params, lang))

    def advice_text(self, lang: str | None = None) -> str | None:
        if self.advice is None:
            return None
        return catalogue.text(self.advice, lang, **_shown(self.advice_params, lang))

    def status_text(self, lang: str | None = None) -> str:
        return catalogue.text(f"checkup.status.{self.status.value}", lang)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status.value,
            "name": self.name_text(),
            "message": self.message_text(),
            "advice": self.advice_text(),
            "message_key": self.message,
            "advice_key": self.advice,
            "params": {k: _plain(v) for k, v in self.params.items()},
        }


def _shown(params: Mapping[str, Any], lang: str | None) -> dict[str, object]:
    """Lists are joined as the language lists them; an empty list says "none"."""
    shown: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, list | tuple):
            joined = catalogue.text("input.list_separator", lang).join(str(v) for v in value)
            shown[name] = joined or catalogue.text("checkup.none", lang)
        else:
            shown[name] = value
    return shown


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def worst(checks: Iterable[Check]) -> Status:
    return max((c.status for c in checks), key=_RANK.__getitem__, default=Status.OK)


def counts(checks: Iterable[Check]) -> dict[Status, int]:
    found = dict.fromkeys(Status, 0)
    for check in checks:
        found[check.status] += 1
    return found


def summary(checks: Iterable[Check], lang: str | None = None) -> str:
    """One sentence over the whole list: all fine, or how many failed and need a look."""
    n = counts(checks)
    if n[Status.FAIL]:
        return catalogue.text("checkup.summary.fail", lang, n=n[Status.FAIL], warn=n[Status.WARN])
    if n[Status.WARN]:
        return catalogue.text("checkup.summary.warn", lang, n=n[Status.WARN])
    return catalogue.text("checkup.summary.ok", lang)


def line_text(check: Check, lang: str | None = None) -> str:
    """``✘ 故障  数据库：…`` — the mark, the word (colour is never the only cue) and what
    was found."""
    return catalogue.text(
        "checkup.line",
        lang,
        mark=MARKS[check.status],
        status=check.status_text(lang),
        name=check.name_text(lang),
        message=check.message_text(lang),
    )


def plain_text(checks: Iterable[Check], heading: str = "", lang: str | None = None) -> str:
    """The checklist as text: a heading, one line per check, the advice indented under
    each warning and failure, and the summary — what staff paste to IT."""
    checks = list(checks)
    lines = [heading] if heading else []
    for check in checks:
        lines.append(line_text(check, lang))
        advice = check.advice_text(lang)
        if advice is not None and check.status is not Status.OK:
            lines.append("    " + catalogue.text("checkup.advice", lang, advice=advice))
    lines.append(summary(checks, lang))
    return "\n".join(lines)
