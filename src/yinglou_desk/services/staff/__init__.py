"""Staff: logging in, operators and their roles, and the audit log of who changed what."""
