"""yinglou-desk: every product of every studio order tracked by barcode scan.

Kept import-free so that ``yinglou-desk --version`` answers instantly.
"""

__version__ = "0.1.0"
