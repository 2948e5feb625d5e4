"""Scanners (and later printers): reading devices without any GUI.

Nothing here imports Qt: ``wedge`` is a pure state machine the Qt event
filter drives, ``serial_scanner`` reads ports on its own threads and reports
through plain callbacks. The desk wraps both in ``ui/scanning/input.py``; the
headless listener uses them as they are.
"""
