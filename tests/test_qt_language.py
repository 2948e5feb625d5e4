"""Qt's own dialogs speak the program's language: the file dialog's labels, its file
types and its dates, in Chinese by default and all in English with ``YINGLOU_LANG=en``.

Each case runs in a process of its own (Qt reads the system locale once per
process), offscreen, opening the dialog as the desk does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

HAN = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parents[1]
WHEN = datetime(2026, 2, 12, 15, 4)  # February: day and month tell apart


def _dialog_words(lang: str, folder: Path) -> dict[str, object]:
    (folder / "statement.xlsx").write_bytes(b"")
    os.utime(folder / "statement.xlsx", (WHEN.timestamp(), WHEN.timestamp()))
    env = {
        **os.environ,
        "YINGLOU_LANG": lang,
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",  # a PC left at the "C" locale, as many studio PCs are
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    env.pop("LC_ALL", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.helpers.file_dialog_words"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,  # the dialog opens where the desk was started
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_the_chinese_file_dialog_is_all_chinese_with_chinese_dates(tmp_path) -> None:
    seen = _dialog_words("zh", tmp_path)
    assert seen["native"] is False  # Qt's own dialog: the system's speaks the PC's language
    labels = " ".join(seen["labels"])  # type: ignore[arg-type]
    for words in ("查找范围", "文件类型", "文件名称"):
        assert words in labels, labels
    assert not re.search(r"[A-Za-z]{3,}", labels.replace("&", "")), labels
    assert all(HAN.search(header) for header in seen["headers"]), seen["headers"]  # type: ignore[union-attr]
    assert seen["row"][3] == "2026/2/12 15:04", seen["row"]  # type: ignore[index]


def test_the_english_file_dialog_is_all_english_with_english_dates(tmp_path) -> None:
    seen = _dialog_words("en", tmp_path)
    assert seen["native"] is False
    said = json.dumps(seen, ensure_ascii=False)
    assert not HAN.search(said), said
    assert "Look in:" in " ".join(seen["labels"]).replace("&", "")  # type: ignore[arg-type]
    assert seen["row"][3] == "12/02/2026 15:04", seen["row"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (("QFileDialog", "&Look in:"), "查找范围(&L)："),
        (("QFileDialog", "Files of &type:"), "文件类型(&T)："),
        (("QAbstractFileIconProvider", "Folder", "All other platforms"), "文件夹"),
        (("QFileDialog", "no such words at all"), ""),
    ],
)
def test_the_gaps_in_qts_chinese_catalogue_are_filled_from_its_own_words(
    source,
    expected,
    qapp,  # noqa: ARG001 - QTranslator needs the application
) -> None:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from yinglou_desk.ui.qt_language import QT_CATALOGUE, CatalogueGaps

    qt_words = QTranslator()
    assert qt_words.load(QT_CATALOGUE, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert qt_words.translate(*source) == ""  # still a gap in the shipped catalogue
    assert CatalogueGaps(qt_words).translate(*source) == expected
