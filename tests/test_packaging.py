"""The frozen build's promises, checked without building: every command's module is on
the list the built folder is held to, the list's own check finds what is missing, and
the Windows version resource carries the program's version."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from yinglou_desk import __version__
from yinglou_desk.cli.dispatch import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

import check_bundle  # noqa: E402
import version_info  # noqa: E402


def test_every_command_module_must_be_frozen_in() -> None:
    needed = set(check_bundle.module_needs())
    for module in set(COMMAND_MODULES.values()):
        assert f"yinglou_desk.cli.{module}" in needed
    assert "yinglou_desk.cli.windowed" in needed


def test_the_data_folders_are_where_paths_py_looks() -> None:
    for source, target in check_bundle.DATA_FOLDERS:
        assert (ROOT / source).is_dir()
        assert target == f"yinglou_desk/{source}"  # paths.shipped_dir: beside the package


def test_an_empty_folder_is_missing_both_programs(tmp_path: Path) -> None:
    assert check_bundle.check(tmp_path) == [
        f"the program {check_bundle.program_path(tmp_path, name).name}"
        for name in check_bundle.PROGRAMS
    ]


def test_a_folder_without_its_data_names_each_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in check_bundle.PROGRAMS:
        check_bundle.program_path(tmp_path, name).write_bytes(b"")
    (tmp_path / "_internal").mkdir()
    monkeypatch.setattr(check_bundle, "frozen_modules", lambda _p: set(check_bundle.module_needs()))
    missing = check_bundle.check(tmp_path)
    assert "alembic's environment: yinglou_desk/migrations/env.py" in missing
    assert any("qtbase_zh_CN.qm" in line for line in missing)
    assert len(missing) == len(check_bundle.file_needs())


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.0rc1", (1, 2, 0, 0)), ("2.10", (2, 10, 0, 0))],
)
def test_windows_gets_four_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert version_info.four_numbers(version) == numbers


def test_the_version_resource_names_this_version(tmp_path: Path) -> None:
    assert version_info.program_version() == __version__
    text = version_info.write_version_file(tmp_path / "v.txt").read_text(encoding="utf-8")
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert f"filevers={version_info.four_numbers(__version__)}" in text
