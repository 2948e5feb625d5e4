"""Which module handles which command; modules are imported only when used."""

from __future__ import annotations

import argparse
import importlib

from yinglou_desk import catalogue
from yinglou_desk.cli.acting import AUTH_FAILED
from yinglou_desk.cli.output import CliError
from yinglou_desk.domain.roles import NotPermitted
from yinglou_desk.storage.errors import StorageUnavailable

# command key → module under yinglou_desk.cli whose HANDLERS dict serves it
COMMAND_MODULES = {
    "gui": "gui_command",
    "db upgrade": "commands",
    "demo": "commands",
    "user add": "commands",
    "user badge": "label_commands",
    "user disable": "commands",
    "user new-badge": "commands",
    "user list": "staff_commands",
    "vendor add": "commands",
    "import orders": "commands",
    "scan": "commands",
    "show": "commands",
    "listen": "listen_command",
    "labels": "label_commands",
    "export reconciliation": "reconcile_commands",
    "reconcile": "reconcile_commands",
    "due": "due_commands",
    "notify send": "due_commands",
    "notify export": "due_commands",
    "notify remind": "due_commands",
    "settings show": "due_commands",
    "settings set": "due_commands",
    "backup": "backup_commands",
    "customer export": "customer_commands",
    "customer erase": "customer_commands",
    "restore": "backup_commands",
    "pickup": "counter_commands",
    "payments report": "payment_commands",
    "payments list": "payment_commands",
    "payments take": "payment_commands",
    "payments reverse": "payment_commands",
    "order price": "payment_commands",
    "shelf audit": "shelf_commands",
    "shelf audits": "shelf_commands",
    "shelf show": "shelf_commands",
    "shelf move": "shelf_commands",
    "serve": "phone_commands",
    "phones list": "phone_commands",
    "phones approve": "phone_commands",
    "phones revoke": "phone_commands",
    "doctor": "doctor_command",
}


def command_key(args: argparse.Namespace) -> str:
    name = args.command or "gui"
    sub = getattr(args, f"{name}_command", None)
    return f"{name} {sub}" if sub else name


def dispatch(args: argparse.Namespace) -> int:
    key = command_key(args)
    handler = None
    module_name = COMMAND_MODULES.get(key)
    if module_name is not None:
        try:
            module = importlib.import_module(f"{__package__}.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__package__}.{module_name}":
                raise
        else:
            handler = module.HANDLERS.get(key)
    if handler is None:
        raise CliError(catalogue.text("cli.not_available", command=key), 3)
    try:
        return int(handler(args))
    except StorageUnavailable as error:
        raise CliError(catalogue.text("cli.db_unavailable", error=error), 4) from None
    except NotPermitted as error:  # the service's own check of the acting operator's role
        raise CliError(catalogue.text("auth.refused", reason=error), AUTH_FAILED) from None
