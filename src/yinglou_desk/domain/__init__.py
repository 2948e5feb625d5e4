"""Pure studio rules: item states, order progress, codes, roles, sheet cells, statements.

Nothing here imports Qt or SQLAlchemy (a test checks it), so every rule is
usable and testable on its own. The words are in :mod:`yinglou_desk.catalogue`.
"""
