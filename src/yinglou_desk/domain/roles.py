"""Who may do what. Checked in the service layer, not only by hiding buttons."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from yinglou_desk import catalogue
from yinglou_desk.domain.states import Action


class Role(StrEnum):
    SORTER = "sorter"
    DESK = "desk"
    MANAGER = "manager"
    ADMIN = "admin"


class Permission(StrEnum):
    SEND_OUT = "send_out"
    CHECK_IN = "check_in"
    PICK_UP = "pick_up"
    FLAG_REWORK = "flag_rework"
    CANCEL = "cancel"
    IMPORT_ORDERS = "import_orders"
    EDIT_CUSTOMERS = "edit_customers"
    ERASE_CUSTOMERS = "erase_customers"
    MANAGE_VENDORS = "manage_vendors"
    RECONCILE = "reconcile"
    EXPORT = "export"
    CHANGE_SETTINGS = "change_settings"
    MANAGE_OPERATORS = "manage_operators"
    RESTORE_BACKUP = "restore_backup"  # replaces the whole database: admins only
    SET_PRICES = "set_prices"  # an order's package price (套系金额): managers
    REVERSE_PAYMENTS = "reverse_payments"  # take back a payment taken in error: managers


_SCAN = {Permission.SEND_OUT, Permission.CHECK_IN, Permission.FLAG_REWORK}
_DESK = {
    Permission.CHECK_IN,
    Permission.PICK_UP,
    Permission.EDIT_CUSTOMERS,
    Permission.IMPORT_ORDERS,
}
_MANAGER = (
    _SCAN
    | _DESK
    | {
        Permission.CANCEL,
        Permission.MANAGE_VENDORS,
        Permission.RECONCILE,
        Permission.EXPORT,
        Permission.ERASE_CUSTOMERS,
        Permission.CHANGE_SETTINGS,
        Permission.SET_PRICES,
        Permission.REVERSE_PAYMENTS,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SORTER: frozenset(_SCAN),
    Role.DESK: frozenset(_DESK),
    Role.MANAGER: frozenset(_MANAGER),
    Role.ADMIN: frozenset(Permission),
}


def permission_for(action: Action) -> Permission:
    return Permission(action.value)


def may(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]


class Actor(Protocol):
    """Whoever acts: a logged-in operator, a verified command-line operator, or the
    command line itself. Read-only, so frozen records of operators qualify."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> Role: ...


class NotPermitted(PermissionError):
    """The logged-in operator's role does not allow this; the text says who and what."""


def require(actor: Actor | None, permission: Permission) -> None:
    """Check that someone is acting and that their role allows ``permission``.

    ``None`` means nobody is logged in (the desk after log-out, a dialog left
    open): refused. The command line names its actor explicitly — a verified
    operator, or :func:`~yinglou_desk.services.staff.audit.command_line_actor` for
    the commands that act with the database's own authority.
    """
    if actor is None:
        raise NotPermitted(catalogue.text("auth.login_first"))
    if not may(actor.role, permission):
        raise NotPermitted(
            catalogue.text(
                "auth.not_permitted",
                name=actor.name,
                role=catalogue.name("role", actor.role),
                permission=permission.value,
            )
        )
