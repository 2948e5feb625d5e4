"""Scanning at the desk: the wedge and serial scanner input, the scan field, the result panel, the answer gate and the offline driver of the scan pipeline."""
