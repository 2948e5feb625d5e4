"""Rules of the house that a reader could otherwise only take on trust: the screens
reach the database only through services, the catalogue stands on its own, and no
sentence mixes Chinese and English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yinglou_desk

from .helpers.source_text import string_literals

PACKAGE = Path(yinglou_desk.__file__).parent
HAN = re.compile(r"[\u4e00-\u9fff]")
# "已备份 / backed up": Chinese, a slash between spaces, then English words
MIXED = re.compile(r"[\u4e00-\u9fff\uff09\uff1a].*\s/\s+[A-Za-z]{2,}")


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against its package."""
    tree = ast.parse(path.read_text("utf-8"))
    package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_the_screens_reach_the_database_only_through_services() -> None:
    offenders = {}
    for path in _modules("ui"):
        bad = {
            m
            for m in _imports(path)
            if m.split(".")[0] in ("sqlalchemy", "alembic") or m.startswith("yinglou_desk.storage")
        }
        opened = re.findall(r"\.(?:connect|begin)\(\)", path.read_text("utf-8"))
        if bad or opened:
            offenders[str(path.relative_to(PACKAGE))] = sorted(bad) + opened
    assert offenders == {}


def test_the_catalogue_imports_nothing_of_the_program() -> None:
    for path in _modules("catalogue"):
        ours = {m for m in _imports(path) if m.startswith("yinglou_desk")}
        assert all(m.startswith("yinglou_desk.catalogue") for m in ours), (path, ours)


def _sentences(path: Path) -> list[tuple[int, str]]:
    """String literals (docstrings left out: they are for engineers)."""
    return string_literals(path)


def test_no_sentence_mixes_chinese_and_english() -> None:
    mixed = [
        f"{path.relative_to(PACKAGE)}:{line}: {value[:60]}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, value in _sentences(path)
        if MIXED.search(value)
    ]
    assert mixed == []


def test_the_rule_itself_catches_a_mixed_sentence() -> None:
    assert MIXED.search("数据库文件不存在：x / database file not found")
    assert MIXED.search("已停止监听 / listener stopped")
    assert not MIXED.search("已停止监听")
    assert not MIXED.search("2/8 件")


def test_english_entries_hold_no_chinese_and_chinese_entries_no_english_tail() -> None:
    from yinglou_desk import catalogue

    for key, entry in catalogue.entries().items():
        assert not HAN.search(entry[catalogue.EN]), key
        assert not MIXED.search(entry[catalogue.ZH]), key
