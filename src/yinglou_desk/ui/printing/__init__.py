"""Printing from the desk: the printer service with preview, labels and manifests."""
