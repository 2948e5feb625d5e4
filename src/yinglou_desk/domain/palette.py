"""The state colours of PRODUCT.md, the same on every screen and on the phone page, always with words beside them.

Kept free of Qt so the CLI, label and export code can share the same values.
"""

from __future__ import annotations

# item state (and "overdue"/"problem") → (background, text colour)
STATE_COLOURS: dict[str, tuple[str, str]] = {
    "registered": ("#9E9E9E", "#FFFFFF"),  # grey: not sent
    "sent_out": ("#1E88E5", "#FFFFFF"),  # blue: at vendor
    "overdue": ("#FB8C00", "#FFFFFF"),  # orange: overdue at vendor
    "partial": ("#FFB300", "#000000"),  # amber: an order partly ready to collect
    "rework": ("#8E24AA", "#FFFFFF"),  # purple: rework
    "ready": ("#43A047", "#FFFFFF"),  # green: back and ready
    "picked_up": ("#00695C", "#FFFFFF"),  # dark green / teal: picked up
    "problem": ("#E53935", "#FFFFFF"),  # red: refused scan, defect
    "cancelled": ("#616161", "#FFFFFF"),
}

# scan outcome → colour key above
OUTCOME_COLOURS = {"accepted": "ready", "duplicate": "overdue", "refused": "problem"}


def colour_key(state: str, overdue: bool = False) -> str:
    """Which colour an item gets: overdue wins over plain "at vendor"."""
    return "overdue" if overdue and state == "sent_out" else state
