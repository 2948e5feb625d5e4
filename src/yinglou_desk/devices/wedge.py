"""Telling a keyboard-wedge scanner from a person typing, by timing alone.

A wedge scanner "types" its code a few milliseconds a key and ends it with
Enter (sometimes Tab); a person is ten times slower. The recogniser holds
keystrokes back while they *might* still be a scan and then says, for every
keystroke it was given, exactly once, either "part of a scan" or "typing:
give it back to the focused field" — so a scan never lands as text and
typing is never eaten.

It is a pure state machine: no Qt, no clock of its own. The caller feeds
``(keystroke, timestamp)`` and, because a held keystroke must come back even
if no further key ever arrives, calls :meth:`WedgeRecognizer.poll` once
:meth:`WedgeRecognizer.deadline` has passed. Each call returns a list of
actions, in order; an empty list means "keep buffering".

Rules (all in :class:`WedgeConfig`):

- keystrokes at most ``max_gap_s`` apart (default 50 ms) form a burst;
- a burst ended by a terminator key (Enter or Tab) within ``max_gap_s``
  and holding at least ``min_length`` characters (after stripping the
  optional ``prefix``/``suffix``) is a scan;
- anything else — a slow key, a short burst, a key that is not text, a
  burst running past ``max_length`` (a key held down) — is typing and is
  released unchanged, terminator included, so Enter still submits a form.

The code is folded with :func:`yinglou_desk.domain.codes.normalize_code`
(full-width to ASCII, trimmed, upper case). A burst that cannot be a code
(for instance Chinese characters) is still reported as a scan, with the
folded text as its code, so the scan service refuses *and logs* it: a scan
is never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yinglou_desk.devices.errors import ScannerSettingInvalid
from yinglou_desk.domain.codes import MAX_CODE_LENGTH, InvalidCode, fold_width, normalize_code

ENTER = "enter"
_EPSILON_S = 1e-9  # timestamps are floats: 1.05 - 1.0 must still count as 50 ms
TAB = "tab"


@dataclass(frozen=True)
class WedgeConfig:
    """How a scan looks on this station; the defaults fit common USB scanners."""

    max_gap_s: float = 0.050
    min_length: int = 3
    terminators: frozenset[str] = frozenset({ENTER, TAB})
    prefix: str = ""
    suffix: str = ""
    # longer bursts are a key held down (auto-repeat), not a label
    max_length: int = 2 * MAX_CODE_LENGTH

    def __post_init__(self) -> None:
        if self.max_gap_s <= 0:
            raise ScannerSettingInvalid("devices.wedge.gap")
        if self.min_length < 1:
            raise ScannerSettingInvalid("devices.wedge.min")
        unknown = set(self.terminators) - {ENTER, TAB}
        if unknown:
            raise ScannerSettingInvalid("devices.wedge.ends", keys=", ".join(sorted(unknown)))

    @classmethod
    def parse(cls, text: str) -> WedgeConfig:
        """``gap_ms=60,min=4,end=enter+tab,prefix=]C1,suffix=`` — a PC's scanner, as set in
        ``YINGLOU_WEDGE``; unknown or bad settings are refused with the reason
        (:class:`ScannerSettingInvalid`, a ``ValueError``)."""
        fields: dict[str, object] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            key, _, value = part.partition("=")
            try:
                if key == "gap_ms":
                    fields["max_gap_s"] = _whole(value) / 1000
                elif key == "min":
                    fields["min_length"] = _whole(value)
                elif key == "end":
                    fields["terminators"] = frozenset(v for v in value.lower().split("+") if v)
                elif key in ("prefix", "suffix"):
                    fields[key] = value
                else:
                    raise ScannerSettingInvalid("devices.wedge.unknown", name=repr(key))
            except ValueError as error:
                raise ScannerSettingInvalid("devices.wedge.bad", part=part, reason=error) from None
        return cls(**fields)  # type: ignore[arg-type]


def _whole(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ScannerSettingInvalid("devices.wedge.not_number", value=repr(value)) from None


@dataclass(frozen=True)
class Keystroke:
    """One key as the recogniser saw it.

    ``text`` is what the key typed (an input method may commit several
    characters at once); empty for a terminator or a non-text key.
    ``token`` is the caller's own, handed back untouched so it can replay
    the original event (the Qt filter keeps a copy of the ``QKeyEvent``).
    """

    text: str
    at: float
    terminator: str | None = None
    token: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Release:
    """Typing: give these keystrokes back to the focused field, in this order."""

    keys: tuple[Keystroke, ...]


@dataclass(frozen=True)
class ScanComplete:
    """A scan. ``keys`` are the keystrokes it consumed (terminator last)."""

    code: str
    raw: str
    keys: tuple[Keystroke, ...]


WedgeAction = Release | ScanComplete


class WedgeRecognizer:
    """The timing/terminator state machine; one per keyboard (one per application)."""

    def __init__(self, config: WedgeConfig | None = None) -> None:
        self.config = config or WedgeConfig()
        self._held: list[Keystroke] = []

    # -- feeding -------------------------------------------------------------------

    def key(self, text: str, at: float, token: Any = None) -> list[WedgeAction]:
        """A text key (or an input-method commit string) pressed at ``at`` seconds."""
        if not text:
            return self.other_key(at, token)
        actions = self._release_if_stale(at)
        self._held.append(Keystroke(text, at, None, token))
        if self._held_length() > self.config.max_length:
            actions.append(self._release())
        return actions

    def terminator(self, name: str, at: float, token: Any = None) -> list[WedgeAction]:
        """Enter or Tab pressed at ``at``: completes a scan or is released as typing."""
        stroke = Keystroke("", at, name, token)
        if name not in self.config.terminators:
            return [*self._release_all(), Release((stroke,))]
        actions = self._release_if_stale(at)
        if not self._held:
            return [*actions, Release((stroke,))]
        code_text = self._strip_affixes(fold_width("".join(k.text for k in self._held)))
        if len(code_text.strip()) < self.config.min_length:
            held, self._held = self._held, []
            return [*actions, Release((*held, stroke))]
        held, self._held = self._held, []
        raw = "".join(k.text for k in held)
        return [*actions, ScanComplete(_fold(code_text), raw, (*held, stroke))]

    def other_key(self, at: float, token: Any = None) -> list[WedgeAction]:
        """A key that types nothing (arrow, Backspace, Ctrl+C): never part of a scan."""
        return [*self._release_all(), Release((Keystroke("", at, None, token),))]

    def poll(self, now: float) -> list[WedgeAction]:
        """Call once :meth:`deadline` has passed: held keys that can no longer be a scan."""
        return self._release_if_stale(now)

    def flush(self) -> list[WedgeAction]:
        """Give back everything held (focus moved, filter switched off)."""
        return self._release_all()

    # -- state ---------------------------------------------------------------------

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def deadline(self) -> float | None:
        """When held keys turn into typing unless another key comes first."""
        return self._held[-1].at + self.config.max_gap_s if self._held else None

    # -- helpers -------------------------------------------------------------------

    def _release_if_stale(self, now: float) -> list[WedgeAction]:
        if self._held and now - self._held[-1].at > self.config.max_gap_s + _EPSILON_S:
            return [self._release()]
        return []

    def _release_all(self) -> list[WedgeAction]:
        return [self._release()] if self._held else []

    def _release(self) -> Release:
        held, self._held = self._held, []
        return Release(tuple(held))

    def _held_length(self) -> int:
        return sum(len(k.text) for k in self._held)

    def _strip_affixes(self, text: str) -> str:
        prefix, suffix = self.config.prefix, self.config.suffix
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
        return text


def _fold(text: str) -> str:
    """The canonical code, or the folded text itself for the service to refuse and log."""
    try:
        return normalize_code(text)
    except InvalidCode:
        return text.strip()
