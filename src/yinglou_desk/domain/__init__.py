"""Pure studio rules: item states, order progress, codes, messages.

Nothing here imports Qt or SQLAlchemy (a test checks it), so every rule is
usable and testable on its own.
"""
