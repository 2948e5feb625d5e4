"""Text that must fit its column: refused up front with a clear message.

PostgreSQL refuses a value longer than its ``VARCHAR(n)`` with an error that
quotes the whole statement (for ``user add`` that once included the password
hash); SQLite would silently store it. So every service that writes a name or
a short text checks it here first, against the column's own length, so the
limit can never drift from the schema.
"""

from __future__ import annotations

from sqlalchemy import Column

from yinglou_desk import catalogue


def length_problem(value: str, column: Column[str], field_key: str) -> dict[str, object] | None:
    """The params of ``text.too_long`` when ``value`` does not fit ``column``, else None."""
    limit = getattr(column.type, "length", None)
    if limit is None or len(value) <= limit:
        return None
    return {"what": catalogue.text(field_key), "limit": limit, "length": len(value)}


def too_long(value: str, column: Column[str], field_key: str) -> str | None:
    """The message saying ``value`` does not fit ``column``, or None when it fits."""
    problem = length_problem(value, column, field_key)
    return None if problem is None else catalogue.text("text.too_long", None, **problem)
