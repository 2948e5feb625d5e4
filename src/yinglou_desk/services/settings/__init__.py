"""Settings: the studio's own (templates, days), this PC's (printers, scanners), vendors, which PC this is, and the limits every name must fit."""
