"""The studio's use cases, one package per part of its work — shared by the CLI and the desk.

``scanning`` (a scan, the journal, undo, shelving) · ``pickup`` (hand-over) ·
``orders`` (import, 查件, the board, details, customers' data, the change feed) ·
``labels`` (labels, badges, manifests) · ``reconciliation`` (对账) ·
``notifications`` (outbox, SMS, due lists) · ``staff`` (log-in, operators, audit) ·
``settings`` (studio, this PC, vendors, limits) · ``reports`` (figures, Excel) ·
``database`` (what the screens hold of the database) · ``clock``.

A use case takes an :class:`sqlalchemy.Engine` and owns its short transactions;
functions taking a ``Connection`` are the pieces a use case is built from. Rights
are checked here, never only in a screen. Nothing here knows about Qt.
"""
