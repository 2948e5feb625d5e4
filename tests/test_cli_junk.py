"""Every command of the parser, given junk, answers in words — never with a traceback.

The commands are read from :func:`yinglou_desk.cli.build_parser`, so a new
command is walked as soon as it exists. Each gets a few junk sets (empty and
huge strings, the calendar's ends, bad paths, a folder, a text file, binary-ish
text, negative and enormous numbers, an unsupported ``--db``…) as real
processes, several at a time. Acting operators are named with the right, a
wrong or an unknown name, so the junk reaches the services too. A run fails
on "Traceback" anywhere in its output or on the last-resort exit code.

Also here: the last resort itself (an unforeseen error is one line and a log
file) and a reader that closes stdout early (``show … | head``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from yinglou_desk.cli import build_parser
from yinglou_desk.cli.crash import BROKEN_PIPE, CRASHED

from .helpers.cli import run_cli

pytestmark = pytest.mark.slow

SETS_PER_COMMAND = int(os.environ.get("YINGLOU_JUNK_SETS", "5"))  # more for a deeper shake
# they wait for scans on junk that is fine: stopped as an operator would stop them
STOP_SIGNAL = {"gui": signal.SIGTERM, "listen": signal.SIGINT}
WORKERS = 3


def leaves(
    parser: argparse.ArgumentParser, words: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every runnable command: its words (``("customer", "erase")``) and its parser."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield words, parser
        return
    for name, sub in subs[0].choices.items():
        yield from leaves(sub, (*words, name))


COMMANDS = dict(leaves(build_parser()))


@dataclass(frozen=True)
class Junk:
    """Files the junk refers to, made once per module."""

    folder: Path
    text_file: Path
    binary_file: Path
    studio_db: Path  # a SQLite studio (demo data, 管理员 / admin123); copied for each run
    pg_url: str  # the same on PostgreSQL, shared by the runs (where too-long names fail)

    def strings(self) -> list[str]:
        return [
            "",
            " ",
            "x" * 5000,
            "名" * 300,
            "0001-01-01",
            "9999-12-31",
            "-1",
            "/no/such/folder/file.xlsx",
            str(self.folder),
            str(self.folder) + "/",
            str(self.text_file),
            str(self.binary_file),
            "\x01\x02\x7f\u202e\ufffd\u3000ｘ",
            "'; DROP TABLE orders; --",
            "{phone}{0}%s%%",
            "DM0000000001",
        ]


NUMBERS = ["-1", "0", "99999999999999999999", "abc", "1", "1e9"]
OPERATORS = ["管理员", "小李", "nobody", "", "名" * 100]
SETTING_KEYS = ["uncollected_days", "sms_url", "working_days", "nope"]


@pytest.fixture(scope="module")
def junk(tmp_path_factory: pytest.TempPathFactory, pg_database_url: str) -> Junk:
    root = tmp_path_factory.mktemp("junk")
    folder = root / "a folder"
    folder.mkdir()
    text = root / "notes.txt"
    text.write_text("这不是表格，也不是数据库\n" * 20, encoding="utf-8")
    binary = root / "junk.xlsx"
    binary.write_bytes(bytes(range(1, 256)) * 40)
    studio = root / "studio.db"
    for db in (str(studio), pg_database_url):
        made = run_cli("demo", "--orders", "12", "--db", db, env=_home(root))
        assert made.code == 0, made.err
    return Junk(folder, text, binary, studio, pg_database_url)


def _home(root: Path) -> dict[str, str]:
    """Keep every file a run writes (default database, error log) under ``root``."""
    return {
        "HOME": str(root),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_STATE_HOME": str(root / "state"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "YINGLOU_DB": "",
        "YINGLOU_PASSWORD": "admin123",
    }


def _value(action: argparse.Action, junk: Junk, k: int, j: int) -> str:
    pick = (k * 7 + j * 3) % 97
    if action.choices:
        choices = list(action.choices)
        return "bogus" if k == SETS_PER_COMMAND - 1 and j == 0 else choices[pick % len(choices)]
    if action.dest == "operator":
        return OPERATORS[pick % len(OPERATORS)]
    if action.dest == "key":
        return SETTING_KEYS[pick % len(SETTING_KEYS)]
    if action.type is int or action.dest in {"orders", "dpi", "baud", "turnaround_days", "seed"}:
        number = NUMBERS[pick % len(NUMBERS)]
        return "1" if action.dest == "orders" and number not in {"-1", "0", "abc"} else number
    strings = junk.strings()
    return strings[pick % len(strings)]


BAD_DATABASES = [
    "text file",
    "folder",
    "foo://x",
    "postgresql+psycopg://nobody:secret@127.0.0.1:1/none",
    "postgresql+psycopg://postgres@127.0.0.1:notaport/x",
    "mysql://x/y",
    "",  # the default file, under this run's own HOME
]


def _database(junk: Junk, run_dir: Path, k: int, command: int) -> str:
    """Sets 0 and 3 (mod 5): a SQLite studio; 1 and 4: the PostgreSQL studio; 2: a bad one."""
    k, turn = k % 5, k // 5
    command += turn
    if k in (0, 3):
        copy = run_dir / "studio.db"
        shutil.copy(junk.studio_db, copy)
        return str(copy)
    if k in (1, 4):
        return junk.pg_url
    bad = BAD_DATABASES[command % len(BAD_DATABASES)]
    return {"text file": str(junk.text_file), "folder": str(junk.folder)}.get(bad, bad)


def junk_arguments(
    parser: argparse.ArgumentParser, junk: Junk, run_dir: Path, k: int, command: int
) -> list[str]:
    """Junk set ``k`` for one command: every positional, the required options, some others."""
    args: list[str] = []
    for j, action in enumerate(parser._actions):
        if isinstance(action, argparse._HelpAction) or action.dest == "db":
            continue
        if not action.option_strings:  # a positional
            count = (k % 3) if action.nargs == "*" else 1
            args += [_value(action, junk, k, j + n) for n in range(count)]
            continue
        if not action.required and (k + j) % 2:
            continue
        flag = action.option_strings[-1]
        if action.nargs == 0:  # store_true
            args.append(flag)
        else:
            args += [flag, _value(action, junk, k, j)]
    return [*args, "--db", _database(junk, run_dir, k, command)]


@dataclass
class Outcome:
    argv: list[str]
    code: int
    out: str
    err: str


def run_junk(argv: list[str], run_dir: Path, stop: signal.Signals | None) -> Outcome:
    env = {**os.environ, "YINGLOU_LANG": "zh", **_home(run_dir)}
    stdin = b"C1\n\xff\xfe\x01junk\n" + "名".encode() * 50 + b"\n"
    process = subprocess.Popen(
        [sys.executable, "-m", "yinglou_desk", *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=run_dir,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(stdin, timeout=8 if stop else 240)
    except subprocess.TimeoutExpired:
        if stop is None:
            process.kill()
            out, err = process.communicate()
            return Outcome(argv, -999, out.decode(errors="replace"), err.decode(errors="replace"))
        process.send_signal(stop)
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
    return Outcome(
        argv, process.returncode, out.decode(errors="replace"), err.decode(errors="replace")
    )


def _cases(junk: Junk, root: Path) -> list[tuple[list[str], Path, signal.Signals | None]]:
    cases = []
    for command, (words, parser) in enumerate(COMMANDS.items()):
        for k in range(SETS_PER_COMMAND):
            run_dir = root / "-".join(words) / str(k)
            run_dir.mkdir(parents=True)
            argv = [*words, *junk_arguments(parser, junk, run_dir, k, command)]
            cases.append((argv, run_dir, STOP_SIGNAL.get(words[0])))
    return cases


def test_every_command_of_the_parser_is_walked() -> None:
    walked = {" ".join(words) for words in COMMANDS}
    assert {"customer erase", "user add", "restore", "scan", "show", "db upgrade"} <= walked
    assert len(walked) >= 20


def test_no_command_answers_junk_with_a_traceback(junk: Junk, tmp_path: Path) -> None:
    cases = _cases(junk, tmp_path)
    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(lambda case: run_junk(*case), cases))
    bad = [
        o
        for o in outcomes
        if "Traceback" in o.out + o.err
        or o.code in (CRASHED, -999)
        or (o.code < 0 and -o.code not in (signal.SIGINT, signal.SIGTERM))
    ]
    report = "\n\n".join(
        f"{[a[:60] for a in o.argv]!r}\nexit {o.code}\n{o.err[-1500:]}" for o in bad[:8]
    )
    assert not bad, f"{len(bad)} of {len(outcomes)} runs crashed:\n{report}"
    assert not list(tmp_path.rglob("errors.log")), "the last resort was needed"


def test_an_unforeseen_error_is_one_line_and_a_log_file(tmp_path: Path) -> None:
    """The safety net: a bug prints where its details are; the traceback is in the log only."""
    code = (
        "import sys\n"
        "import yinglou_desk.cli as cli\n"
        "import yinglou_desk.cli.commands as commands\n"
        "def broken(args):\n"
        "    raise RuntimeError('an internal bug\\nsecond line')\n"
        "commands.HANDLERS['show'] = broken\n"
        "sys.exit(cli.main(['show', 'x', '--db', sys.argv[1]]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "studio.db")],
        capture_output=True,
        text=True,
        env={**os.environ, "YINGLOU_LANG": "zh", **_home(tmp_path)},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == CRASHED
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "程序出错：RuntimeError: an internal bug，详情已写入" in done.stderr
    [log] = tmp_path.rglob("errors.log")
    assert str(log) in done.stderr
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "second line" in text
    assert "show" in text


def test_a_reader_that_stops_early_is_no_error(junk: Junk, tmp_path: Path) -> None:
    """``show … | head``: the program stops writing and exits quietly (141, like SIGPIPE)."""
    for extra in ((), ("--json",)):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "yinglou_desk",
                "show",
                "DM0000000001",
                *extra,
                "--db",
                str(junk.studio_db),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "YINGLOU_LANG": "zh", **_home(tmp_path)},
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # the reader is gone before the first line
        err = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        code = process.wait(120)
        assert "Traceback" not in err
        assert "BrokenPipe" not in err
        assert code == BROKEN_PIPE, err


def test_arguments_that_are_not_text_are_refused_and_scan_codes_logged(
    junk: Junk, tmp_path: Path
) -> None:
    """Bytes in argv that are not UTF-8: a query is refused in words; a scan code is
    a refused scan, like the same bytes on stdin."""
    db = tmp_path / "studio.db"
    shutil.copy(junk.studio_db, db)
    env = {**os.environ, "YINGLOU_LANG": "zh", **_home(tmp_path)}
    base = [sys.executable.encode(), b"-m", b"yinglou_desk", b"--db", str(db).encode()]
    show = subprocess.run(
        [*base, b"show", b"\xff\xfe"], capture_output=True, env=env, stdin=subprocess.DEVNULL
    )
    assert show.returncode == 2
    assert "参数不是有效的文字" in show.stderr.decode()
    scan = subprocess.run(
        [*base, b"scan", b"--station", b"check-in", b"--operator", "小李".encode(), b"\xff1"],
        capture_output=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert scan.returncode == 1
    assert b"Traceback" not in scan.stderr
    assert "\\xff1" in scan.stdout.decode()
