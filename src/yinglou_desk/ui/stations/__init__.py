"""The scan stations (发件, 回件/理件, 取件): each receives codes through ``on_scanned``."""
