"""The ready shelf is what the database says it is: shelf audits (盘点), slot labels
(货架位标签) and moving an item to another slot by scanning.

Owns: :mod:`.audit` (an audit's findings, saved append-only in ``shelf_audits`` and
``shelf_audit_findings``, read back and exported), :mod:`.labels` (slot label
images and files), :mod:`.moves` (a slot label then items: shelf moves). Which
order holds which slot, and the move itself, stay in
:mod:`yinglou_desk.services.scanning.shelving`.
"""
