"""FOR THE SCAN SERVICE (services/scanning.py), not yet fixed there: a refused code that
holds NUL must still be logged. PostgreSQL refuses NUL in text, and the service logs the
raw text of a code it cannot read (``code`` and the ``message``), so today the scan is
lost with a DataError instead of being refused. The CLI and the serial reader no longer
pass NUL on (domain/codes.decode_scanned); the desk's own inputs still could.

Expected to pass once ``ScanService._apply_in`` logs ``raw_code`` with NUL made visible
(e.g. ``raw_code.replace("\\x00", "\\\\x00")``) in both the logged code and the message.
Marked xfail (not strict) until then; remove the mark with that fix.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from yinglou_desk.domain.states import ScanOutcome
from yinglou_desk.services.scanning import ScanService
from yinglou_desk.storage.models import ScanLog

from .helpers.studio import make_studio


@pytest.mark.xfail(reason="services/scanning.py logs NUL; PostgreSQL refuses it", strict=False)
def test_a_code_with_nul_that_cannot_be_read_is_refused_and_logged(engine, clock) -> None:
    studio = make_studio(engine, clock)
    result = ScanService(engine, clock=clock).scan(studio.session("check-in"), "\x00\ufffd")
    assert result.outcome is ScanOutcome.REFUSED
    with engine.connect() as conn:
        assert conn.execute(select(ScanLog.outcome)).scalars().all() == ["refused"]
