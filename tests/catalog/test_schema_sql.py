"""db/schema.sql, the current schema in one file, is what the migrations and the function and trigger files make.

It is ``pg_dump --schema-only`` of a migrated database, normalised like the migration tests' dumps (comments,
blank lines and pg_dump's random keys removed), under a header naming the PostgreSQL major it was dumped from.
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
    "-- migrations: SCHEMA_ACCEPT=1 python -m pytest tests/catalog/test_schema_sql.py writes it.\n"
)


def test_schema_sql_is_what_the_migrations_make(dsn, db):
    major = server_major(db)
    dump = schema_dump(dsn, major)
    if os.environ.get("SCHEMA_ACCEPT") == "1":
        SCHEMA_SQL.write_text(HEADER.format(major=major) + dump)
    committed = SCHEMA_SQL.read_text()
    dumped_from = int(re.search(r"of a migrated PostgreSQL (\d+) database", committed).group(1))
    if dumped_from != major:
        pytest.skip(f"db/schema.sql is a dump of PostgreSQL {dumped_from}; this server is {major} (pg_dump's text differs)")
    assert committed == HEADER.format(major=major) + dump, (
        "db/schema.sql is stale: SCHEMA_ACCEPT=1 python -m pytest tests/catalog/test_schema_sql.py")
