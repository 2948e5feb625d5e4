"""A scanner setting that cannot be used, said in the program's language."""

from __future__ import annotations

from yinglou_desk.domain.wording import WordedError


class ScannerSettingInvalid(WordedError, ValueError):
    """A scanner setting (``gui --serial``, ``YINGLOU_WEDGE``, 本机设置) that cannot be used;
    the text says which and why.

    A ``ValueError``, as these refusals always were; ``key`` and ``params`` name the
    sentence in the catalogue.
    """
