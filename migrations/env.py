"""alembic environment: the URL comes from the program's own settings.

Used both by the program at start-up (which hands over an open connection)
and by developers running ``alembic`` from the checkout (``alembic.ini``).
"""

from __future__ import annotations

from alembic import context

from yinglou_desk.storage.engine import make_engine
from yinglou_desk.storage.models import Base

config = context.config
target_metadata = Base.metadata


# Objects made by hand in a migration for one database only (see 0001).
_DIALECT_SPECIFIC = {"ix_customers_name_pattern"}


def _include_object(_obj, name, _type, _reflected, _compare_to) -> bool:  # type: ignore[no-untyped-def]
    """alembic's object filter; it passes all five by position, only the name matters."""
    return name not in _DIALECT_SPECIFIC


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=_include_object,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    with engine.begin() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run against a database")
run_migrations_online()
