"""Reading across domains from Python: the reporting views, the status of every domain, the SQL API reference.

Every SQL string these commands send: the views of schema ``reporting`` (read-only), the domains' ``activity()``
functions, and the catalog (for the reference in docs/sql-api.md).
"""

from __future__ import annotations

import psycopg
from psycopg import sql

SCHEMAS = ("core", "gitpoap", "tiers", "human_points", "reporting")

VIEWS = """
SELECT c.relname, coalesce(obj_description(c.oid, 'pg_class'), '')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'reporting' AND c.relkind IN ('v', 'm')
ORDER BY 1
"""


class UnknownReport(ValueError):
    """The name is not a view of the reporting schema; the message lists the ones there are."""


class BadCondition(Exception):
    """The caller's condition failed: it does not parse, is more than one statement, names a missing column, or
    tries to write. The database's error is the ``__cause__``; the message names the view."""


def list_reports(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """Every view of ``reporting`` as (name, comment). SQL: reads pg_class and its comments."""
    return conn.execute(VIEWS).fetchall()


def fetch_report(
    conn: psycopg.Connection, name: str, where: str | None = None, limit: int | None = None
) -> tuple[list[str], list[tuple]]:
    """Rows of ``reporting.<name>`` sorted by their natural key (each view leads with its key columns: the rows
    are ordered by every column, left to right), read in a READ ONLY transaction.

    Args:
        conn: an open autocommit connection (``rewards_bi`` is enough).
        name: a view of the reporting schema.
        where: an SQL condition over the view's columns, e.g. ``"year = 2019"``; it runs with the caller's
            privileges in a read-only transaction.
        limit: at most this many rows (the first in that order).

    Returns (column names, rows).

    Raises:
        UnknownReport: no such view.
        BadCondition: the condition does not parse, is more than one statement, names a missing column or
            tries to write (nothing is written: it runs as one prepared statement in the read-only transaction).
    """
    names = [view for view, _ in list_reports(conn)]
    if name not in names:
        raise UnknownReport(f"no report named {name!r}; there are: {', '.join(names)}")
    with conn.transaction():
        conn.execute("SET TRANSACTION READ ONLY")
        width = len(conn.execute(sql.SQL("SELECT * FROM reporting.{} LIMIT 0").format(sql.Identifier(name))).description)
        query = sql.SQL("SELECT * FROM reporting.{}").format(sql.Identifier(name))
        if where:
            query += sql.SQL(" WHERE ") + sql.SQL(where)  # the analyst's own condition, read-only
        query += sql.SQL(" ORDER BY ") + sql.SQL(", ").join(sql.SQL(str(i)) for i in range(1, width + 1))
        if limit is not None:
            query += sql.SQL(" LIMIT {}").format(sql.Literal(limit))
        try:
            # Prepared: the extended protocol, so the text is ONE statement. Sent as a simple query, a condition
            # such as "true; commit; select …" would end the read-only transaction and write.
            cursor = conn.execute(query, prepare=True)
        except psycopg.Error as exc:
            if not where:
                raise
            raise BadCondition(f"one SQL condition over the columns of reporting.{name}, run read-only") from exc
        return [column.name for column in cursor.description], cursor.fetchall()


def activity(conn: psycopg.Connection) -> dict:
    """Row counts and newest activity of every domain, and the Human Points settings:
    ``{"gitpoap": …, "tiers": …, "human_points": {…, "settings": …}}``.

    SQL: ``select gitpoap.activity(), tiers.activity(), human_points.activity(), human_points.status()``
    (role ``rewards_admin``).
    """
    gitpoap, tiers, points, settings = conn.execute(
        "select gitpoap.activity(), tiers.activity(), human_points.activity(), human_points.status()"
    ).fetchone()
    return {"gitpoap": gitpoap, "tiers": tiers, "human_points": {**points, "settings": settings}}


FUNCTIONS = """
SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid),
       obj_description(p.oid, 'pg_proc'), p.prosecdef
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY (%s) AND p.proname NOT LIKE '\\_%%' AND p.proname NOT LIKE 'tg\\_%%'
ORDER BY 1, 2, 3
"""

RELATIONS = """
SELECT n.nspname, c.relname, CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END, obj_description(c.oid, 'pg_class'),
       array_agg(a.attname ORDER BY a.attnum), array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum),
       array_agg(coalesce(col_description(c.oid, a.attnum), '') ORDER BY a.attnum)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = ANY (%s) AND c.relkind IN ('r', 'v', 'p')
GROUP BY 1, 2, 3, 4
ORDER BY 1, 3, 2
"""

RULES = """
SELECT n.nspname, r.relname, c.conname, array_to_string(k.columns, ', '), coalesce(k.rule, '')
FROM pg_constraint c
JOIN pg_class r ON r.oid = c.conrelid
JOIN pg_namespace n ON n.oid = r.relnamespace
CROSS JOIN LATERAL core.constraint_rule(n.nspname::text, r.relname::text, c.conname::text) AS k
WHERE n.nspname = ANY (%s) AND c.contype <> 'p'
ORDER BY 1, 2, 4, 3
"""


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def sql_api_markdown(conn: psycopg.Connection) -> str:
    """Render every public function, table (with the rules its constraints enforce) and view of the project's
    schemas, with their comments.

    Args:
        conn: a connection to a migrated database.

    Returns Markdown. Internal helpers (``_name``) and trigger functions (``tg_name``) are left out. SQL: reads
    pg_proc, pg_class, pg_attribute and their comments, and ``core.constraint_rule`` per constraint.
    """
    out = [
        "# SQL API reference",
        "",
        "Generated by `runner docs` from the database catalog (the `COMMENT ON` texts); do not edit by hand.",
        "",
    ]
    functions = conn.execute(FUNCTIONS, (list(SCHEMAS),)).fetchall()
    relations = conn.execute(RELATIONS, (list(SCHEMAS),)).fetchall()
    rules = conn.execute(RULES, (list(SCHEMAS),)).fetchall()
    for schema in SCHEMAS:
        schema_functions = [f for f in functions if f[0] == schema]
        schema_relations = [r for r in relations if r[0] == schema]
        if not schema_functions and not schema_relations:
            continue
        out += [f"## {schema}", ""]
        if schema_functions:
            out += ["### Functions", "", "| function | returns | what |", "|---|---|---|"]
            for _, name, args, result, comment, definer in schema_functions:
                security = " (SECURITY DEFINER)" if definer else ""
                out.append(f"| `{schema}.{name}({args})` | `{_cell(result)}` | {_cell(comment)}{security} |")
            out.append("")
        for _, name, kind, comment, columns, types, notes in schema_relations:
            out += [f"### {kind} `{schema}.{name}`", "", _cell(comment), "", "| column | type | what |", "|---|---|---|"]
            out += [f"| `{c}` | `{t}` | {_cell(n)} |" for c, t, n in zip(columns, types, notes)]
            out.append("")
            table_rules = [r for r in rules if r[0] == schema and r[1] == name]
            if table_rules:
                out += ["| rule | column | must |", "|---|---|---|"]
                out += [f"| `{rule}` | `{cols}` | {_cell(text)} |" for _, _, rule, cols, text in table_rules]
                out.append("")
    return "\n".join(out)
