"""`runner docs`: the committed docs/sql-api.md equals what the catalog says now."""

from pathlib import Path

from click.testing import CliRunner

from runner.cli import main
from tests.support import PROJECT_SCHEMAS

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "sql-api.md"


def test_committed_reference_is_current(dsn, tmp_path):
    out = tmp_path / "sql-api.md"
    result = CliRunner().invoke(main, ["--dsn", dsn, "docs", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text() == COMMITTED.read_text(), "docs/sql-api.md is stale: run `runner docs` on a migrated database"


def test_every_public_function_column_and_rule_is_documented(db):
    """Functions, tables, views and columns have a comment; every constraint's comment states its rule."""
    undocumented = db.execute(
        """
        SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY (%(schemas)s) AND obj_description(p.oid, 'pg_proc') IS NULL
        UNION ALL
        SELECT n.nspname || '.' || c.relname || coalesce('.' || a.attname, '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             AND col_description(c.oid, a.attnum) IS NULL
        WHERE n.nspname = ANY (%(schemas)s) AND c.relkind IN ('r', 'v')
          AND (obj_description(c.oid, 'pg_class') IS NULL OR a.attname IS NOT NULL)
        UNION ALL
        SELECT n.nspname || '.' || r.relname || ' constraint ' || c.conname
        FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
        WHERE n.nspname = ANY (%(schemas)s) AND obj_description(c.oid, 'pg_constraint') IS NULL
        """,
        {"schemas": list(PROJECT_SCHEMAS)},
    ).fetchall()
    assert undocumented == []
