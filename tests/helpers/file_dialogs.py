"""The scripted dialog service that also chooses files, for pages that open and save files.

Load with ``pytest_plugins = ["tests.helpers.desk_fixtures", "tests.helpers.file_dialogs"]``:
it replaces the ``dialogs`` fixture, so ``ctx.dialogs`` answers file choosers
from ``files`` (a list of paths, or None for "cancelled") and fails loudly
when a page asks for a file the test did not expect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .desk import ScriptedDialogs


@dataclass
class ScriptedFileDialogs(ScriptedDialogs):
    files: list[Path | None] = field(default_factory=list)
    file_questions: list[tuple[str, str]] = field(default_factory=list)

    def _next_file(self, title: str, detail: str) -> Path | None:
        self.file_questions.append((title, detail))
        if not self.files:
            raise AssertionError(f"unexpected file chooser: {title} ({detail})")
        return self.files.pop(0)

    def choose_open_file(self, _parent: object, title: str, filters: str) -> Path | None:
        return self._next_file(title, filters)

    def choose_save_file(
        self, _parent: object, title: str, suggested: str, _filters: str
    ) -> Path | None:
        return self._next_file(title, suggested)


@pytest.fixture
def dialogs() -> ScriptedFileDialogs:
    return ScriptedFileDialogs()
