"""Money on an order: its price, what was paid and how, what is still owed, the day's takings.

Everything is integer fen (:mod:`yinglou_desk.domain.money`). Payments are
append-only rows: a mistake is a reversing row with a reason, a balance let go is a
waiver a manager approved, so the record of money is never edited. The balance is
always computed from the rows (:func:`.ledger.balance_in`), never stored.
"""
