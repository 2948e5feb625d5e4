"""One language at a time, checked where the words are written: every catalogue entry's
English has no Chinese and its Chinese no English, and no Chinese sentence hides in the
code outside the catalogue.

- ``en``: no Han character at all.
- ``zh``: no " / " (the "中文 / English" pair) and no English word — a run of three
  or more ASCII letters — except ``{placeholders}``, the names studios use as they
  are (:data:`NAMES_AS_SUCH`), values typed as they are (:data:`VALUES_AS_TYPED`)
  and what is typed or read literally: commands, flags, addresses (:data:`LITERAL`).
- The code (``src/yinglou_desk`` outside ``catalogue/``): no string literal with
  Han in it, docstrings aside, except data the program *reads* rather than says
  (:data:`INPUT_NOT_SPEECH`, each with its reason).
"""

from __future__ import annotations

import re
from pathlib import Path

from yinglou_desk.catalogue import EN, ZH, entries

from .helpers.source_text import string_literals

HAN = re.compile(r"[\u3400-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# What a person types or reads exactly as written, not English words: a command line
# ("yinglou-desk user add", to the first Chinese character), flags (--operator, -wal),
# names with "_" (YINGLOU_PASSWORD, sms_url, pg_dump), addresses (https://…,
# postgresql+psycopg://…), quoted text ('{"Authorization": "…"}'), file types
# (.xlsx, *.csv), package names (fonts-noto-cjk), scanner specs (COM3@9600:crlf=check-in).
LITERAL = re.compile(
    r"yinglou-desk[ -~]*"
    r"|(?<![\w-])--?[A-Za-z][\w-]*"
    r"|\b\w*_\w*\b"
    r"|[\w+]+://\S*"
    r"|'[^']*'"
    r"|\*?\.[a-z]{2,4}\b"
    r"|\b[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b"
    r"|[\w@:.=-]*[@=][\w@:.=-]*"
)
SOURCE = Path(__file__).resolve().parents[1] / "src" / "yinglou_desk"

# Names a Chinese studio writes in Latin letters itself: formats, devices, software.
NAMES_AS_SUCH = frozenset(
    {
        "Excel", "WPS", "PDF", "CSV", "PNG", "SMS", "USB", "COM", "URL", "SQLite",
        "PostgreSQL", "Windows", "Linux", "JSON", "Ctrl", "Code", "dpi", "MIT",
    }
)  # fmt: skip
# Values typed as they are, listed in a message that says which are allowed: a role,
# a scanner option or end key, a yes/no setting, the backup folder's name.
VALUES_AS_TYPED = frozenset(
    {
        "sorter", "desk", "manager", "admin", "min", "end", "prefix", "suffix", "enter",
        "tab", "true", "false", "backups",
    }
)  # fmt: skip

# file (relative to src/yinglou_desk) → why its Chinese literals are data, not the
# program speaking (they stay Chinese whatever the desk's language)
INPUT_NOT_SPEECH: dict[str, str] = {
    "domain/sheet_values.py": "order-sheet header synonyms and Chinese dates it reads",
    "domain/statement_sheet.py": "statement headers, total/footer words and dates it reads",
    "services/settings/studio.py": "the default SMS to customers (Chinese, edited in settings)",
    "services/notifications/outbox.py": "words that go into a customer's SMS, not the desk",
    "domain/settings_rules.py": "the sample order SMS templates are tried on",
    "demo/names.py": "the demo studio's customers, products and labs",
    "demo/studio.py": "the demo studio's staff names",
    "demo/history.py": "the demo studio's own SMS template",
}


def _english_words(text: str) -> set[str]:
    words = set(ENGLISH_WORD.findall(LITERAL.sub(" ", PLACEHOLDER.sub(" ", text))))
    return words - NAMES_AS_SUCH - VALUES_AS_TYPED


def test_english_entries_have_no_chinese() -> None:
    mixed = {key: e[EN] for key, e in entries().items() if HAN.search(e[EN])}
    assert not mixed, mixed


def test_chinese_entries_have_no_english_and_no_pairs() -> None:
    mixed = {
        key: (e[ZH], sorted(_english_words(e[ZH])))
        for key, e in entries().items()
        if " / " in e[ZH] or _english_words(e[ZH])
    }
    assert not mixed, mixed


def test_the_rules_catch_a_mixed_sentence() -> None:
    assert _english_words("已撤销 / undone") == {"undone"}
    assert _english_words("用户名或密码错误 wrong name or password") == {
        "wrong",
        "name",
        "password",
    }
    assert not _english_words(
        "请加 --operator 姓名（yinglou-desk user add），或设 YINGLOU_PASSWORD"
    )
    assert not _english_words("导出 Excel 文件：{path}")


def chinese_literals(path: Path) -> list[tuple[int, str]]:
    return [(line, value) for line, value in string_literals(path) if HAN.search(value)]


def test_no_chinese_sentence_outside_the_catalogue() -> None:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if relative.startswith("catalogue/") or relative in INPUT_NOT_SPEECH:
            continue
        literals = chinese_literals(path)
        if literals:
            found[relative] = literals
    assert not found, "\n".join(f"{p}:{n}: {s!r}" for p, ls in found.items() for n, s in ls)


def test_every_allowed_file_still_needs_its_exception() -> None:
    stale = [name for name in INPUT_NOT_SPEECH if not chinese_literals(SOURCE / name)]
    assert not stale, stale
