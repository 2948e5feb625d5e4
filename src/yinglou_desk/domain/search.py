"""What a front-desk search box query means: phone tail, order/label, name, initials."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from yinglou_desk.domain.codes import fold_width


class QueryKind(StrEnum):
    PHONE = "phone"  # 4+ digits: the end of a phone number (or a code, tried first)
    CODE_OR_ORDER = "code_or_order"
    NAME = "name"
    INITIALS = "initials"


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    kinds: tuple[QueryKind, ...]


MAX_QUERY_LENGTH = 64
# control and unassigned characters (a NUL would even be refused by PostgreSQL)
_INVISIBLE = {"Cc", "Cs", "Cn"}


def parse_query(raw: str) -> ParsedQuery:
    """Decide which lookups a query can mean, most specific first."""
    printable = "".join(ch for ch in raw if unicodedata.category(ch) not in _INVISIBLE)
    text = " ".join(fold_width(printable).split())[:MAX_QUERY_LENGTH]
    if not text:
        return ParsedQuery("", ())
    kinds: list[QueryKind] = [QueryKind.CODE_OR_ORDER]
    compact = text.replace(" ", "").replace("-", "")
    if compact.isascii() and compact.isdigit() and len(compact) >= 4:
        kinds.append(QueryKind.PHONE)
    if text.isascii() and text.isalpha() and len(text) <= 10:
        kinds.append(QueryKind.INITIALS)
    if not (compact.isascii() and compact.isdigit()):
        kinds.append(QueryKind.NAME)
    return ParsedQuery(text, tuple(kinds))


def name_initials(name: str) -> str:
    """Pinyin initials of a Chinese name (张小梅 → zxm); Latin letters kept."""
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(part[:1] for part in letters if part[:1].isalpha()).lower()
