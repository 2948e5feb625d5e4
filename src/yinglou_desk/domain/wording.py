"""What the core says to people, by catalogue key: refusals and names in the current language.

An error staff will read carries its catalogue ``key`` and ``params`` as well as
the sentence, so callers and tests can tell refusals apart without parsing
text; a table of names (columns, categories) looks each name up when it is
read, so it follows the language the program speaks now, not the one it
spoke when the module was imported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeVar

from yinglou_desk import catalogue

K = TypeVar("K")


class WordedError(Exception):
    """An error whose text is the catalogue sentence ``key`` with ``params`` filled in."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(catalogue.text(key, None, **params))


class CatalogueNames(Mapping[K, str]):
    """``{value: catalogue key}`` read as ``{value: name in the current language}``."""

    def __init__(self, keys: Mapping[K, str]) -> None:
        self.keys_by_value = dict(keys)

    def __getitem__(self, value: K) -> str:
        return catalogue.text(self.keys_by_value[value])

    def __iter__(self) -> Iterator[K]:
        return iter(self.keys_by_value)

    def __len__(self) -> int:
        return len(self.keys_by_value)


def listing(values: list[str], lang: str | None = None) -> str:
    """Values joined as the current language lists them (``甲、乙`` / ``a, b``)."""
    return catalogue.text("input.list_separator", lang).join(values)


def count(n: int) -> str:
    """A count as people read it: thousands grouped (``3,280``), as studios write in both
    languages."""
    return f"{n:,}"


def percent(share: float, digits: int = 1) -> str:
    """A share (0.04898) as people read it: ``4.9%`` — never ``4.89796``."""
    return f"{share * 100:.{digits}f}%"
