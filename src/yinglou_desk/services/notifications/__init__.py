"""Notifications: the customer message outbox, the SMS gateway, and the due lists that say who to tell or chase."""
