"""自检: what a studio (or its IT person on the phone) checks when something is wrong.

Each check looks at one thing the desk needs — the database and its revision, free disk
space, the last backup, a Chinese font, the serial scanners, sound, the printers, the
phone server's certificate — and says what it found (:class:`~.report.Check`) and, when
it is not right, what to do. Nothing here changes anything: the database is opened
without migrating, certificates are read, never made.

Everything a check asks of the PC comes through :class:`~.probes.Probes`, so tests can
make each check fail in turn. Sound outputs and printers need Qt, which services never
import: the desk and the command line pass those two probes in (see
``ui/checkup_devices.py``); without them the two lines say "未能检查".

``yinglou-desk doctor`` prints the list; the desk shows it under 帮助 → 自检.
"""

from yinglou_desk.services.checkup.probes import PrinterFacts, Probes
from yinglou_desk.services.checkup.report import Check, Status, plain_text, worst
from yinglou_desk.services.checkup.run import run_checks

__all__ = ["Check", "PrinterFacts", "Probes", "Status", "plain_text", "run_checks", "worst"]
