"""Barcode text: folding what scanners and input methods send into one form.

Item codes are Code 128-safe printable ASCII. A scan may arrive with
full-width characters (a Chinese input method), stray spaces, control
characters or lower case; :func:`normalize_code` folds all of that so the
same label always gives the same code.
"""

from __future__ import annotations

import secrets
import unicodedata

MAX_CODE_LENGTH = 40
BADGE_PREFIX = "OP-"
BATCH_PREFIX = "SB-"
_BADGE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U


class InvalidCode(ValueError):
    """Text that cannot be a barcode; ``key`` names the reason for the message."""

    def __init__(self, key: str, text: str) -> None:
        super().__init__(key)
        self.key = key
        self.text = text


def fold_width(text: str) -> str:
    """Full-width ASCII (U+FF01–FF5E) and the ideographic space to plain ASCII."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def normalize_code(text: str) -> str:
    """The canonical form of a scanned or typed code, or :class:`InvalidCode`.

    Folds width, drops control characters and surrounding spaces, upper-cases.
    """
    folded = fold_width(unicodedata.normalize("NFC", text))
    folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Cc").strip()
    if not folded:
        raise InvalidCode("code.empty", text)
    if len(folded) > MAX_CODE_LENGTH:
        raise InvalidCode("code.too_long", text)
    if not all(32 <= ord(ch) <= 126 for ch in folded):
        raise InvalidCode("code.not_ascii", text)
    return folded.upper()


def visible(text: str, limit: int = 200) -> str:
    """``text`` as it may be logged and shown: control characters (a NUL byte, which
    PostgreSQL refuses in text, an escape from a misconfigured scanner) written out
    as ``\x00``-style escapes, cut at ``limit`` characters."""
    out = "".join(
        ch if unicodedata.category(ch) != "Cc" else ascii(ch)[1:-1] for ch in text[: limit * 2]
    )
    return out[:limit]


UNREADABLE_MARK = "\ufffd"  # U+FFFD: no barcode carries it, so the line is always refused


def decode_scanned(raw: bytes, encoding: str = "utf-8") -> str:
    """One line of bytes from a scanner or a pipe, as text for the scan service.

    A line that is not valid in ``encoding``, or that holds a NUL byte
    (PostgreSQL refuses NUL in text), cannot be a code: it comes back with the
    odd bytes made visible (``\\xff``), so the scan log shows what arrived,
    behind :data:`UNREADABLE_MARK`, so the scan is refused — never guessed at,
    never a crash that loses the codes after it.
    """
    try:
        text = raw.decode(encoding)
        unreadable = False
    except UnicodeDecodeError:
        text = raw.decode(encoding, errors="backslashreplace")
        unreadable = True
    if "\x00" in text:
        text = text.replace("\x00", "\\x00")
        unreadable = True
    return UNREADABLE_MARK + text if unreadable else text


def is_badge_code(code: str) -> bool:
    return code.startswith(BADGE_PREFIX)


def new_badge_code() -> str:
    """A badge code that cannot be guessed from the operator's name."""
    return BADGE_PREFIX + "".join(secrets.choice(_BADGE_ALPHABET) for _ in range(12))


def new_item_code() -> str:
    """A random 12-digit item code (digits keep Code 128 labels short).

    Uniqueness is checked by the caller against the store.
    """
    return str(secrets.randbelow(9 * 10**11) + 10**11)


def phone_digits(text: str) -> str:
    """Only the digits of a phone number as typed or stored."""
    return "".join(ch for ch in fold_width(text) if "0" <= ch <= "9")


def phone_tail(phone: str | None) -> str | None:
    """The last four digits: what customers give at the front desk."""
    digits = phone_digits(phone or "")
    return digits[-4:] if len(digits) >= 4 else None
