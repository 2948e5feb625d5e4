"""Pickup: handing an order over to the customer — all the items chosen, or none."""
