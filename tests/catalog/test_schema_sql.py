"""db/schema.sql, the current schema in one file, is what the migrations and the function and trigger files make.

It is ``pg_dump --schema-only`` of a migrated database, normalised like the migration tests' dumps (comments,
blank lines and pg_dump's random keys removed), under a header naming the PostgreSQL major it was dumped from.
Function bodies are not repeated: each function keeps its signature, language and settings, and names the file
under db/ that holds its body (one rule, one place).
Regenerate it with ``SCHEMA_ACCEPT=1 python -m pytest tests/catalog/test_schema_sql.py``.
"""

from __future__ import annotations

import os
import re

import pytest

from tests.support import ROOT, schema_dump, server_major

SCHEMA_SQL = ROOT / "db" / "schema.sql"
HEADER = (
    "-- pg-rewards: the current schema in one file, for reading (`runner migrate` builds databases, never this file).\n"
    "-- pg_dump --schema-only of a migrated PostgreSQL {major} database, normalised; a test keeps it equal to the\n"
    "-- migrations: SCHEMA_ACCEPT=1 python -m pytest tests/catalog/test_schema_sql.py writes it. Function bodies\n"
    "-- are in the file each function names.\n"
)
_DEFINED = re.compile(r"^CREATE (?:OR REPLACE )?FUNCTION\s+([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)\s*\(", re.M)
_HEAD = re.compile(r"^CREATE FUNCTION ([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)\(")
_DOLLARS = re.compile(r"^    AS (\$\w*\$)")


def _homes() -> dict[str, str]:
    """Function name (schema.name) -> the file under db/ whose text defines it: its function or trigger file, else
    the newest migration that creates it."""
    homes = {}
    for path in sorted((ROOT / "db" / "migrations").glob("*.sql")):
        if not path.name.endswith(".rollback.sql"):
            homes.update(dict.fromkeys(_DEFINED.findall(path.read_text()), path.relative_to(ROOT).as_posix()))
    for folder in ("functions", "triggers"):
        for path in sorted((ROOT / "db" / folder).rglob("*.sql")):
            for name in _DEFINED.findall(path.read_text()):
                homes[name] = path.relative_to(ROOT).as_posix()
    return homes


def readable(dump: str) -> str:
    """The dump with each function body (quoted with dollars, or an SQL-standard BEGIN ATOMIC … END) replaced by
    the path of the file that holds it."""
    homes = _homes()
    out: list[str] = []
    lines = iter(dump.splitlines())
    name = None
    for line in lines:
        head = _HEAD.match(line)
        if head:
            name = head.group(1)
        quoted = _DOLLARS.match(line)
        if name and (quoted or line == "    BEGIN ATOMIC"):
            end = quoted.group(1) + ";" if quoted else "END;"
            while not line.endswith(end) or (quoted and line == quoted.group(0)):
                line = next(lines)
            out.append(f"    AS $$ see {homes[name]} $$;")
            name = None
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def test_schema_sql_is_what_the_migrations_make(dsn, db):
    major = server_major(db)
    dump = readable(schema_dump(dsn, major))
    if os.environ.get("SCHEMA_ACCEPT") == "1":
        SCHEMA_SQL.write_text(HEADER.format(major=major) + dump)
    committed = SCHEMA_SQL.read_text()
    dumped_from = int(re.search(r"of a migrated PostgreSQL (\d+) database", committed).group(1))
    if dumped_from != major:
        pytest.skip(f"db/schema.sql is a dump of PostgreSQL {dumped_from}; this server is {major} (pg_dump's text differs)")
    assert committed == HEADER.format(major=major) + dump, (
        "db/schema.sql is stale: SCHEMA_ACCEPT=1 python -m pytest tests/catalog/test_schema_sql.py")
