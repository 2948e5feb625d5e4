"""What several commands share: opening the database, the scan session, printing scans."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from ..domain.states import ScanOutcome, Station
from .output import CliError, emit, emit_json


def open_database(args: argparse.Namespace) -> Engine:
    """The engine for ``--db`` / ``YINGLOU_DB`` / the default file, migrated to head."""
    from sqlalchemy.exc import OperationalError

    from ..storage.engine import make_engine, redacted, resolve_url
    from ..storage.migrate import upgrade

    url = resolve_url(getattr(args, "db", None))
    try:
        engine = make_engine(url)
        upgrade(engine)
    except OperationalError as error:
        raise CliError(
            f"无法打开数据库 {redacted(url)}：{error.orig} / cannot open database", 4
        ) from None
    except Exception as error:  # bad URL, missing driver
        if type(error).__name__ in {"ArgumentError", "NoSuchModuleError"}:
            raise CliError(f"数据库地址无效：{redacted(url)} / invalid database URL", 2) from None
        raise
    return engine


def scan_session_from(args: argparse.Namespace, engine: Engine):  # type: ignore[no-untyped-def]
    """The station session named by ``--station/--operator/--vendor``, checked up front."""
    from ..services.operators import find_operator
    from ..services.scanning import ScanSession
    from ..services.vendors import find_vendor

    with engine.connect() as conn:
        operator = find_operator(conn, args.operator)
        if operator is None:
            raise CliError(
                f"没有名为 {args.operator} 的员工（用 yinglou-desk user add 添加）/ unknown operator",
                2,
            )
        vendor_id = None
        if args.vendor:
            vendor = find_vendor(conn, args.vendor)
            if vendor is None:
                raise CliError(
                    f"没有名为 {args.vendor} 的厂商（用 yinglou-desk vendor add 添加）/ unknown vendor",
                    2,
                )
            vendor_id = vendor.id
    return ScanSession(station=Station(args.station), operator=operator, vendor_id=vendor_id)


def print_scan(result, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        emit_json(result.to_json(), line=True)
        return
    mark = {ScanOutcome.ACCEPTED: "OK ", ScanOutcome.DUPLICATE: "DUP", ScanOutcome.REFUSED: "ERR"}
    emit(f"{mark[result.outcome]} {result.code}  {result.message}")
