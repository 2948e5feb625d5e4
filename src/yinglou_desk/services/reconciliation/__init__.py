"""Reconciliation (对账): lab statements read and matched against what was sent and returned, the report and its export, and each vendor's history."""
