"""Connecting to PostgreSQL: --dsn, else DATABASE_URL, else libpq's own defaults."""

from __future__ import annotations

import os

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.pq import Conninfo


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
