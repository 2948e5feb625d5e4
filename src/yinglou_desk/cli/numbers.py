"""Numbers typed on the command line, checked by argparse before any database is opened.

Kept apart from :mod:`.common` (which loads the database layer) because the parsers
that use it are built for every command, ``--version`` included.
"""

from __future__ import annotations

import argparse

from yinglou_desk import catalogue

_LARGEST_ID = 2**63 - 1  # a BIGINT: the largest number a record of ours can carry


def record_number(text: str) -> int:
    """An argparse type for the number of a saved record (an audit, a payment) or a count:
    a whole number from 1 to the largest a database column holds, else a usage error
    naming what was typed — never a number the database cannot even compare."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= _LARGEST_ID:
        raise argparse.ArgumentTypeError(catalogue.text("counter.cli.bad_number", value=text))
    return value
