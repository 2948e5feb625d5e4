"""Words that fit the room they are given, so a long message never widens the window.

A plain ``QLabel`` asks its layout for the width of its longest line (or of its
longest word when it wraps): a 60-character code or a long refusal reason made
the desk's window wider than a 1366-pixel monitor, and it stayed that wide.
:class:`FitLabel` asks for a few characters only; its text wraps anywhere (even
inside a code) to at most ``lines`` lines, the last one cut with "…", and the
whole text is in its tooltip whenever some of it is not on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QWidget

MIN_CHARACTERS = 6  # what a label asks for at the least, in average character widths


class FitLabel(QLabel):
    """A label of at most ``lines`` lines that never asks to be wider than a few characters.

    ``text()`` is the whole text; what is drawn is the part that fits the label's
    width (``shown()``), with "…" where it is cut (``elide`` says where on a
    one-line label: the middle keeps both ends of a code).
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        lines: int = 1,
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""
        self._lines = max(lines, 1)
        self._elide = elide
        self.setText(text)

    # -- the text ---------------------------------------------------------------------------

    def setText(self, text: str) -> None:
        self._full = text
        self._refit()

    def text(self) -> str:
        return self._full

    def clear(self) -> None:
        self.setText("")

    def shown(self) -> str:
        """What is on screen now (lines joined by newlines, "…" where cut)."""
        return super().text()

    def is_cut(self) -> bool:
        return self.shown() != self._full and bool(self._full)

    # -- size -------------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self.fontMetrics().averageCharWidth() * MIN_CHARACTERS + 2 * self.margin()
        return QSize(min(hint.width(), least), hint.height())

    def sizeHint(self) -> QSize:
        """The whole text on one line is what it would like (not what is shown, or it
        would shrink a little more at each layout); it settles for less."""
        hint = super().sizeHint()
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        whole = max((metrics.horizontalAdvance(line) for line in self._full.split("\n")), default=0)
        width = whole + margins.left() + margins.right() + 2 * self.margin()
        return QSize(max(width, self.minimumSizeHint().width()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._refit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._refit()

    # -- fitting ----------------------------------------------------------------------------

    def _room(self) -> int:
        return self.contentsRect().width() - 2 * self.margin()

    def _refit(self) -> None:
        shown = self._fit(self._room())
        if shown != super().text():
            super().setText(shown)
        self.setToolTip(self._full if self.is_cut() else "")

    def _fit(self, width: int) -> str:
        if not self._full or width <= 0:
            return self._full
        metrics = self.fontMetrics()
        if self._lines == 1:
            return metrics.elidedText(self._full.replace("\n", " "), self._elide, width)
        lines = self._wrapped(width)
        if len(lines) <= self._lines:
            return "\n".join(text for text, _start in lines)
        kept = [text for text, _start in lines[: self._lines - 1]]
        rest = self._full[lines[self._lines - 1][1] :].replace("\n", " ")
        kept.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        return "\n".join(kept)

    def _wrapped(self, width: int) -> list[tuple[str, int]]:
        """The lines of the whole text at ``width``, each with where it starts in the text."""
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        lines: list[tuple[str, int]] = []
        start = 0
        for paragraph in self._full.split("\n"):
            layout = QTextLayout(paragraph, self.font())
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                begin, length = line.textStart(), line.textLength()
                lines.append((paragraph[begin : begin + length].rstrip(), start + begin))
            layout.endLayout()
            if not paragraph:
                lines.append(("", start))
            start += len(paragraph) + 1
        return lines
