"""Qt table models over service results; each one passes pytest-qt's model tester."""
