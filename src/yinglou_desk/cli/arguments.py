"""argparse in the program's language: its headings, its ``-h``, its usage line, its errors.

argparse writes its own words in English (``usage:``, ``options``, "the
following arguments are required"). :class:`Parser` puts the catalogue's
words in their place, so ``yinglou-desk -h`` and a mistyped command read in
one language, Chinese or English. An error argparse may word in a way this
does not know (a newer Python) is shown as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from yinglou_desk import catalogue


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with the catalogue's ``usage:``."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = catalogue.text("cli.args.usage")
        super().add_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` (and its subcommands) saying everything in the
    current language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = catalogue.text("cli.args.positionals")
        self._optionals.title = catalogue.text("cli.args.options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = catalogue.text("help.help")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        said = catalogue.text("cli.args.error", prog=self.prog, message=translated(message))
        self.exit(2, said + "\n")


# argparse's messages (Python 3.11 wording) → catalogue key; named groups are the parameters
_MESSAGES = (
    (r"the following arguments are required: (?P<names>.+)", "cli.args.required"),
    (r"unrecognized arguments: (?P<names>.+)", "cli.args.unrecognized"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "cli.args.ambiguous"),
)
_PROBLEMS = (
    (r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)", "cli.args.invalid_choice"),
    (r"invalid int value: (?P<value>.+)", "cli.args.not_a_number"),
    (r"invalid (?P<type>\S+) value: (?P<value>.+)", "cli.args.invalid_value"),
    (r"expected one argument", "cli.args.expected_one"),
    (r"expected at most one argument", "cli.args.expected_at_most_one"),
    (r"expected at least one argument", "cli.args.expected_at_least_one"),
    (r"expected (?P<n>\d+) arguments?", "cli.args.expected_n"),
    (r"not allowed with argument (?P<other>.+)", "cli.args.not_allowed_with"),
    (r"ignored explicit argument (?P<value>.+)", "cli.args.ignored_value"),
)
_ARGUMENT = re.compile(r"argument (?P<argument>\S+): (?P<problem>.+)", re.DOTALL)


def translated(message: str) -> str:
    """One of argparse's error messages in the current language (as it came if unknown)."""
    found = _ARGUMENT.fullmatch(message)
    if found:
        problem = _matched(found["problem"], _PROBLEMS) or found["problem"]
        return catalogue.text("cli.args.argument", argument=found["argument"], problem=problem)
    return _matched(message, _MESSAGES) or message


def _matched(message: str, patterns: tuple[tuple[str, str], ...]) -> str | None:
    for pattern, key in patterns:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found:
            return catalogue.text(key, **found.groupdict())
    return None
