"""The desk's dialogs: log-in, importing orders, editing an order, this PC's settings, questions and file choices (through a service, so tests never block)."""
