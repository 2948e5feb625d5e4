"""The two languages the program speaks."""

from __future__ import annotations

ZH = "zh"
EN = "en"
