"""Qt's own words and dates in the program's language: file dialogs, 是/否, print preview.

The program speaks one language at a time, and so must the parts Qt draws
itself. Three things make that so, all set by :func:`speak_the_program_language`
before the first window:

- **The locale**: zh_CN for Chinese, en_GB for English, as Qt's default
  (``QLocale.setDefault``: date and number fields) *and* as what Qt takes for
  the system's (:func:`claim_system_locale`): the file dialog's 修改日期 column
  formats by ``QLocale::system()``, which Qt reads once from ``LC_ALL``/``LANG``
  — on a PC left at "C" a Chinese desk showed dates as "2 12 2026". The
  environment is changed only for that one reading, so nothing else (child
  processes, the keyboard's compose tables) sees it.
- **Qt's Chinese catalogue** (``qtbase_zh_CN``, shipped with PySide6).
- **Its gaps**: the shipped catalogue is older than the Qt it ships with. Qt
  6.11's file dialog asks for "&Look in:" and "Files of &type:" (mnemonics
  added since), the catalogue only knows "Look in:" — so a Chinese file
  dialog said "Look in:" beside "文件名称(&N)：". :class:`CatalogueGaps`
  answers such strings from the catalogue's own words: the text without its
  ``&`` (then the mnemonic is put back the Chinese way, "查找范围(&L)："), or
  the same words in the context an older Qt used (:data:`OLDER_CONTEXTS`).
  It is consulted only when Qt's catalogue has no answer.

English needs no catalogue: Qt's source strings are English.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from yinglou_desk.catalogue import EN, ZH, current_language

log = logging.getLogger(__name__)

LOCALE_NAMES = {ZH: "zh_CN", EN: "en_GB"}
QT_CATALOGUE = "qtbase_zh_CN"
TRANSLATOR_NAME = "yinglou-qt-words"

# Where Qt 6.11 asks for words an older Qt asked for under another context name.
OLDER_CONTEXTS = {
    "QAbstractFileIconProvider": ("QFileDialog", "QFileSystemModel", "QFileIconProvider"),
}


def program_locale() -> QLocale:
    """The locale of the program's language (not the PC's)."""
    return QLocale(LOCALE_NAMES[EN] if current_language() == EN else LOCALE_NAMES[ZH])


def claim_system_locale() -> None:
    """Make Qt read the program's locale as the system's; call before the QApplication.

    ``QLocale::system()`` reads the environment once, at its first use; later
    calls do nothing (the first reading stays).
    """
    wanted = program_locale().name() + ".UTF-8"
    before = os.environ.get("LC_ALL")
    os.environ["LC_ALL"] = wanted
    try:
        QLocale.system()
    finally:
        if before is None:
            del os.environ["LC_ALL"]
        else:
            os.environ["LC_ALL"] = before


def speak_the_program_language(app: QCoreApplication) -> None:
    """Set the default locale and, for Chinese, install Qt's catalogue and its gaps.

    Call before any window or dialog exists. Calling it again in the other
    language switches (tests run both languages in one process).
    """
    QLocale.setDefault(program_locale())
    installed = [t for t in app.findChildren(QTranslator) if t.objectName() == TRANSLATOR_NAME]
    if current_language() == EN:
        for translator in installed:
            app.removeTranslator(translator)
            translator.deleteLater()
        return
    if installed:
        return
    qt_words = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt_words.load(QT_CATALOGUE, folder):
        log.warning("Qt's Chinese translations not found in %s", folder)
        return
    gaps = CatalogueGaps(qt_words, app)
    for translator in (gaps, qt_words):
        translator.setObjectName(TRANSLATOR_NAME)
        # searched last-installed first: Qt's catalogue answers, the gaps where it has none
        app.installTranslator(translator)


class CatalogueGaps(QTranslator):
    """Answers what Qt asks and its catalogue lacks, from that catalogue's own words."""

    def __init__(self, catalogue: QTranslator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue

    def isEmpty(self) -> bool:
        return False

    def translate(
        self,
        context: str,
        source: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        for older in OLDER_CONTEXTS.get(context, ()):
            for note in (disambiguation, None):
                found = self._catalogue.translate(older, source, note, n)
                if found:
                    return found
        if "&" in source.replace("&&", ""):
            plain = source.replace("&&", "\0").replace("&", "").replace("\0", "&&")
            found = self._catalogue.translate(context, plain, disambiguation, n)
            if found:
                return with_mnemonic(found, _mnemonic(source))
        return ""


def _mnemonic(source: str) -> str:
    index = source.replace("&&", "\0\0").index("&")
    return source[index + 1].upper() if index + 1 < len(source) else ""


def with_mnemonic(words: str, letter: str) -> str:
    """ "查找范围：" and "L" → "查找范围(&L)：" (the mnemonic before the colon, as Qt's
    catalogue writes them)."""
    if not letter:
        return words
    stem = words.rstrip("：:")
    return f"{stem}(&{letter}){words[len(stem) :]}"
