"""The desk: PySide6 only here. Depends on services; nothing depends on it."""
