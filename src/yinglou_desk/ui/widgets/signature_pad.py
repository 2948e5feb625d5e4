"""签收: a box the customer signs in with the mouse, a pen tablet or a finger.

Strokes are drawn into an image the size of the box on a white ground, so what is
stored (PNG) is what the customer saw. A tablet pen and a touch screen deliver their
own events; when Qt turns them into mouse events as well, those are ignored while
the pen or finger is down, so no stroke is drawn twice.

Signals:
    changed(): a stroke was drawn or the box was cleared.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor("#101010")
GROUND = QColor("#FFFFFF")
PEN_WIDTH = 3.0


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_pad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(QSize(320, 140))
        self.setMaximumHeight(180)
        self._image = self._blank(QSize(320, 140))
        self._last: QPointF | None = None
        self._strokes = 0  # line segments or dots drawn since the last clear
        self._other_device = False  # a pen or finger is down: its mouse copies are ignored

    @staticmethod
    def _blank(size: QSize) -> QImage:
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(GROUND)
        return image

    def sizeHint(self) -> QSize:
        return QSize(480, 160)

    # -- what the desk asks of it ---------------------------------------------------------

    def is_empty(self) -> bool:
        return self._strokes == 0

    def clear(self) -> None:
        self._image = self._blank(self.size().expandedTo(QSize(1, 1)))
        self._strokes = 0
        self._last = None
        self.update()
        self.changed.emit()

    def png(self) -> bytes | None:
        """The signature as PNG bytes; None while nothing is drawn (an empty box is no
        signature)."""
        if self.is_empty():
            return None
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"png")).write(self._image)
        buffer.close()
        return bytes(data.data())

    # -- drawing ------------------------------------------------------------------------------

    def _press(self, at: QPointF) -> None:
        self._last = at
        self._draw(at, at)

    def _move(self, at: QPointF) -> None:
        if self._last is None:
            return
        self._draw(self._last, at)
        self._last = at

    def _release(self, at: QPointF) -> None:
        self._move(at)
        self._last = None

    def _draw(self, start: QPointF, end: QPointF) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(INK, PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if start == end:
            painter.drawPoint(start)
        else:
            painter.drawLine(start, end)
        painter.end()
        self._strokes += 1
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._other_device:
            self._press(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and not self._other_device:
            self._move(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._other_device:
            self._release(event.position())
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._other_device = True
            self._press(event.position())
        elif kind == QTabletEvent.Type.TabletMove and self._other_device:
            self._move(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._release(event.position())
            self._other_device = False
        event.accept()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent):
            points = event.points()
            if points:
                at = points[0].position()
                kind = event.type()
                if kind == QTouchEvent.Type.TouchBegin:
                    self._other_device = True
                    self._press(at)
                elif kind == QTouchEvent.Type.TouchUpdate:
                    self._move(at)
                elif kind in (QTouchEvent.Type.TouchEnd, QTouchEvent.Type.TouchCancel):
                    self._release(at)
                    self._other_device = False
            event.accept()
            return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A larger box keeps what is drawn; the new area is blank."""
        size = event.size()
        if size.width() > self._image.width() or size.height() > self._image.height():
            bigger = self._blank(size.expandedTo(self._image.size()))
            painter = QPainter(bigger)
            painter.drawImage(0, 0, self._image)
            painter.end()
            self._image = bigger
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.setPen(QPen(QColor("#9E9E9E"), 1, Qt.PenStyle.DashLine))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = int(self.height() * 0.75)
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        painter.end()
