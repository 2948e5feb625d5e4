"""Use cases: scan, import, query, demo data. Shared by the CLI and the desk.

Each service takes an :class:`sqlalchemy.Engine` and opens short transactions
itself; nothing here knows about Qt.
"""
