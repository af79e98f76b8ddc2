"""Connecting to PostgreSQL: --dsn, else DATABASE_URL, else libpq's own defaults."""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable
from typing import TypeVar

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.pq import Conninfo, TransactionStatus

log = logging.getLogger("runner.db")
T = TypeVar("T")

# What PostgreSQL aborts a transaction with when running it again may succeed (SQLSTATE 40P01, 40001).
RETRYABLE = (errors.DeadlockDetected, errors.SerializationFailure)


class ConnectError(Exception):
    """No server answered; the message names host, port and database (never a password)."""


def resolve_dsn(dsn: str | None) -> str:
    """Return the connection string to use.

    Args:
        dsn: a libpq conninfo string or ``postgresql://`` URI, or None.

    Returns ``dsn`` if given, else ``$DATABASE_URL``, else ``""`` (libpq then
    reads PGHOST, PGPORT, PGDATABASE, PGUSER, … as ``psql`` does).
    """
    if dsn:
        return dsn
    return os.environ.get("DATABASE_URL", "")


def describe(dsn: str) -> str:
    """Describe the server a DSN points at as ``host=… port=… dbname=… user=…``.

    Args:
        dsn: conninfo string or URI ("" for libpq defaults).

    libpq's defaults (environment variables included) fill what the DSN
    leaves out; a password is never shown.
    """
    defaults = {d.keyword.decode(): (d.val or b"").decode() for d in Conninfo.get_defaults()}
    params = {**defaults, **{k: str(v) for k, v in conninfo_to_dict(dsn).items()}}
    host = params.get("host") or params.get("hostaddr") or "local socket"
    user = params.get("user") or os.environ.get("USER", "")
    return (
        f"host={host} port={params.get('port') or '5432'} "
        f"dbname={params.get('dbname') or user} user={user}"
    )


def connect(dsn: str | None = None, **kwargs) -> psycopg.Connection:
    """Open a psycopg connection.

    Args:
        dsn: as for :func:`resolve_dsn`.
        **kwargs: passed to ``psycopg.connect`` (e.g. ``autocommit=True``).

    Raises:
        ConnectError: no server answered or it refused us; the message names
            the host, port and database tried.
    """
    conninfo = resolve_dsn(dsn)
    try:
        return psycopg.connect(conninfo, **kwargs)
    except psycopg.OperationalError as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        reason = lines[0].rsplit(": ", 1)[-1].strip() if lines else type(exc).__name__
        raise ConnectError(f"cannot connect to PostgreSQL at {describe(conninfo)}: {reason}") from None


def with_dbname(dsn: str | None, dbname: str) -> str:
    """Return the same connection string pointing at another database.

    Args:
        dsn: as for :func:`resolve_dsn`.
        dbname: the database name to put in it.
    """
    return make_conninfo(resolve_dsn(dsn), dbname=dbname)


def run_transaction(conn: psycopg.Connection, work: Callable[[psycopg.Connection], T], attempts: int = 5,
                    first_delay_s: float = 0.05) -> T:
    """Run ``work(conn)`` in one transaction, and again when PostgreSQL aborts it for a deadlock or a
    serialization failure: the way an application runs a multi-statement transaction that may deadlock
    (README, Guarantees).

    Args:
        conn: an open connection that is not inside a transaction (autocommit or idle).
        work: called with ``conn`` inside ``conn.transaction()``; it may run several times, so whatever it does
            outside the database must be safe to repeat.
        attempts: tries in all, >= 1.
        first_delay_s: seconds to wait before the second try; doubled before each further one, with jitter.

    Returns what ``work`` returned in the transaction that committed. Each retry is logged (logger
    ``runner.db``, WARNING, with the SQLSTATE and the attempt).

    Raises:
        ValueError: ``conn`` is inside a transaction (a retry could not undo what came before), or attempts < 1.
        psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure: still failing after ``attempts``.
        psycopg.Error: any other failure, at once.
    """
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1 (got {attempts})")
    if conn.info.transaction_status != TransactionStatus.IDLE:
        raise ValueError("run_transaction needs a connection that is not inside a transaction")
    for attempt in range(1, attempts):
        try:
            with conn.transaction():
                return work(conn)
        except RETRYABLE as exc:
            delay = first_delay_s * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)
            log.warning("transaction aborted (%s %s), attempt %d of %d; retrying in %.2f s",
                        exc.sqlstate, type(exc).__name__, attempt, attempts, delay)
            time.sleep(delay)
    with conn.transaction():  # the last try: its failure is the caller's
        return work(conn)
