"""Labels: the label and badge layouts, barcodes, fonts, which labels to print, print jobs and output, and the send-out manifests (发件单)."""
