"""plpgsql_check over every plpgsql function of the project schemas: zero errors, every warning explained.

Plain functions are checked on their own. Trigger functions are checked once per table they fire on,
with that table (relid) and its transition tables (oldtable/newtable): a function shared by the INSERT,
UPDATE and DELETE triggers of one table is checked with the union of their transition tables (it picks
the one it reads by TG_OP), so transition tables of one function must keep one name each (new_rows,
old_rows). All warning classes are on (other, extra, performance, security, compatibility).

The extension is created in this test's clone only (schema plpgsql_check), never in the template.
Debian package: postgresql-15-plpgsql-check (.ci/run installs it).
"""

from __future__ import annotations

import pytest

from tests.support import PROJECT_SCHEMAS, missing_tool, server_major

# Warnings accepted, each with why: {(function signature, message): explanation}.
_CONSTRAINT_TEXT = ("the EXECUTEd text is a CHECK constraint's own expression, pg_get_expr() of pg_constraint: "
                    "catalog text written by the migrations, never a caller's input")
EXPLAINED_WARNINGS: dict[tuple[str, str], str] = {
    ("core._check_row(regclass,anyelement)", "text type variable is not sanitized"): _CONSTRAINT_TEXT,
    ("gitpoap.import_pull_requests(text,text,boolean,boolean)", "text type variable is not sanitized"): _CONSTRAINT_TEXT,
}

TARGETS_SQL = """
    WITH project_schema AS (
        SELECT n.oid FROM pg_namespace n
        WHERE n.nspname = ANY (%(schemas)s) OR n.nspowner = 'rewards_owner'::regrole
    ), plpgsql_function AS (
        SELECT p.oid, p.prorettype = 'trigger'::regtype AS is_trigger
        FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
        WHERE l.lanname = 'plpgsql' AND p.pronamespace IN (SELECT oid FROM project_schema)
    )
    SELECT f.oid::regprocedure::text, f.oid::int, 0, NULL, NULL FROM plpgsql_function f WHERE NOT f.is_trigger
    UNION ALL
    SELECT f.oid::regprocedure::text || ' on ' || t.tgrelid::regclass::text, f.oid::int, t.tgrelid::int,
           min(t.tgoldtable::text), min(t.tgnewtable::text)
    FROM plpgsql_function f JOIN pg_trigger t ON t.tgfoid = f.oid AND NOT t.tgisinternal
    WHERE f.is_trigger
    GROUP BY f.oid, t.tgrelid
    ORDER BY 1
"""


@pytest.fixture
def checker(db):
    major = server_major(db)
    if not db.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'plpgsql_check'").fetchone():
        missing_tool("the plpgsql_check extension", f"Debian package postgresql-{major}-plpgsql-check")
    db.execute("CREATE SCHEMA plpgsql_check")
    db.execute("CREATE EXTENSION plpgsql_check WITH SCHEMA plpgsql_check")
    return db


def test_plpgsql_check_finds_no_error_and_only_explained_warnings(checker):
    targets = checker.execute(TARGETS_SQL, {"schemas": list(PROJECT_SCHEMAS)}).fetchall()
    assert any(" on gitpoap.pull_request" in name for name, *_ in targets), "trigger functions not found"
    findings = []
    for name, funcoid, relid, oldtable, newtable in targets:
        for level, lineno, sqlstate, message, detail in checker.execute(
            """SELECT level, lineno, sqlstate, message, detail
               FROM plpgsql_check.plpgsql_check_function_tb(
                   %s::oid::regprocedure, %s::oid::regclass, fatal_errors => false, all_warnings => true,
                   oldtable => %s::name, newtable => %s::name)""",
            (funcoid, relid, oldtable, newtable),
        ):
            signature = name.split(" on ")[0]
            if level != "error" and (signature, message) in EXPLAINED_WARNINGS:
                continue
            findings.append(f"{level}: {name} line {lineno}: [{sqlstate}] {message}" + (f" ({detail})" if detail else ""))
    assert findings == []


def test_every_plpgsql_trigger_function_is_attached(checker):
    """A trigger function no trigger uses cannot be checked with its table: it is dead code."""
    unattached = checker.execute(
        """SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE p.prorettype = 'trigger'::regtype AND (n.nspname = ANY (%s) OR n.nspowner = 'rewards_owner'::regrole)
             AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgfoid = p.oid)
           ORDER BY 1""",
        (list(PROJECT_SCHEMAS),),
    ).fetchall()
    assert unattached == []
