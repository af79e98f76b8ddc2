"""`runner report`: print any view of the `reporting` schema as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

import psycopg
from psycopg import sql

VIEWS = """
SELECT c.relname, coalesce(obj_description(c.oid, 'pg_class'), '')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'reporting' AND c.relkind IN ('v', 'm')
ORDER BY 1
"""


class UnknownReport(ValueError):
    """The name is not a view of the reporting schema; the message lists the ones there are."""


def list_reports(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """Every view of ``reporting`` as (name, comment). SQL: reads pg_class and its comments."""
    return conn.execute(VIEWS).fetchall()


def fetch_report(
    conn: psycopg.Connection, name: str, where: str | None = None, limit: int | None = None
) -> tuple[list[str], list[tuple]]:
    """Rows of ``reporting.<name>``, read in a READ ONLY transaction.

    Args:
        conn: an open connection (``rewards_bi`` is enough).
        name: a view of the reporting schema.
        where: an SQL condition over the view's columns, e.g. ``"year = 2019"``;
            it runs with the caller's privileges in a read-only transaction.
        limit: at most this many rows.

    Returns (column names, rows).

    Raises:
        UnknownReport: no such view.
        psycopg.Error: the condition does not parse or names a missing column.
    """
    names = [view for view, _ in list_reports(conn)]
    if name not in names:
        raise UnknownReport(f"no report named {name!r}; there are: {', '.join(names)}")
    query = sql.SQL("SELECT * FROM reporting.{}").format(sql.Identifier(name))
    if where:
        query += sql.SQL(" WHERE ") + sql.SQL(where)  # the analyst's own condition, read-only
    if limit is not None:
        query += sql.SQL(" LIMIT {}").format(sql.Literal(limit))
    with conn.transaction():
        conn.execute("SET TRANSACTION READ ONLY")
        cursor = conn.execute(query)
        return [column.name for column in cursor.description], cursor.fetchall()


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def render(columns: list[str], rows: list[tuple], fmt: str) -> str:
    """Render rows as ``table`` (aligned text), ``json`` (a list of objects) or ``csv`` (with header)."""
    if fmt == "json":
        return json.dumps([{c: _plain(v) for c, v in zip(columns, row)} for row in rows], indent=2, default=str)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
        return out.getvalue().rstrip("\n")
    cells = [[("" if v is None else str(_plain(v))) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
