"""Migrations under stress: two `runner migrate` at once, a failing step, a full round trip, frozen history.

How to add a migration (the manifest test below enforces it):
    1. write db/migrations/NNNN_<domain>_<what>.sql (first line ``-- depends: <previous id>``, then a
       one-line header, then ``SET LOCAL lock_timeout = '5s';``) and its NNNN_<domain>_<what>.rollback.sql;
    2. append their hashes to the manifest:  sha256sum db/migrations/NNNN_* >> tests/migrations.sha256
While it is the newest migration you may still edit it (refresh its two lines). Once a later migration
exists it is frozen: databases out there have applied it, and yoyo never re-runs an applied id, so an
edit or a rename would silently never reach them. Change things in a new migration instead.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from runner import migrate as migrations
from tests.support import MIGRATIONS, PROJECT_SCHEMAS, ROOT, schema_dump, server_major

MANIFEST = ROOT / "tests" / "migrations.sha256"
NAME = re.compile(r"^(\d{4})_([a-z0-9]+(?:_[a-z0-9]+)*?)(\.rollback)?\.sql$")


def forward_migrations() -> list[Path]:
    return sorted(p for p in MIGRATIONS.glob("*.sql") if not p.name.endswith(".rollback.sql"))


def migration_ids() -> list[str]:
    return [p.stem for p in forward_migrations()]


# --- files ---------------------------------------------------------------------------------------------


def test_every_migration_has_a_rollback_and_a_proper_name():
    files = sorted(p.name for p in MIGRATIONS.glob("*.sql"))
    assert [f for f in files if not NAME.match(f)] == [], "name migrations NNNN_<domain>_<what>[.rollback].sql"
    forward = {f[: -len(".sql")] for f in files if not f.endswith(".rollback.sql")}
    rollback = {f[: -len(".rollback.sql")] for f in files if f.endswith(".rollback.sql")}
    assert forward - rollback == set(), "migrations without a .rollback.sql"
    assert rollback - forward == set(), "rollback files without their migration"
    numbers = [f.split("_")[0] for f in sorted(forward)]
    assert len(numbers) == len(set(numbers)), "two migrations share a number"


def test_every_migration_depends_on_an_earlier_one():
    ids = migration_ids()
    for position, path in enumerate(forward_migrations()):
        first = path.read_text().splitlines()[0]
        if position == 0:
            assert not first.startswith("-- depends:"), path.name
            continue
        match = re.fullmatch(r"-- depends: (\S+(?: \S+)*)", first)
        assert match, f"{path.name}: the first line must be `-- depends: <previous migration id>`"
        for dependency in match.group(1).split():
            assert dependency in ids[:position], f"{path.name} depends on {dependency}, not an earlier migration"


def read_manifest() -> dict[str, str]:
    entries = {}
    for line in MANIFEST.read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        name = name.lstrip("*")  # sha256sum's binary-mode marker
        assert name not in entries, f"{name} listed twice in {MANIFEST.name}"
        entries[name] = digest
    return entries


def test_migrations_are_frozen_once_a_later_one_exists():
    """Every migration file but the newest one's pair must be in tests/migrations.sha256 with the same
    hash: a rename, an edit or a deletion of an older migration fails here (see this module's docstring)."""
    listed = read_manifest()
    files = {f"db/migrations/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(MIGRATIONS.glob("*.sql"))}
    newest = migration_ids()[-1]
    open_to_change = {f"db/migrations/{newest}.sql", f"db/migrations/{newest}.rollback.sql"}
    problems = []
    for name, digest in listed.items():
        if name not in files:
            problems.append(f"{name} is listed but gone (renamed or deleted): restore it")
        elif digest != files[name] and name not in open_to_change:
            problems.append(f"{name} was edited after a later migration existed: revert it, write a new migration")
    for name in files.keys() - listed.keys():
        if name not in open_to_change:
            problems.append(f"{name} is not listed: sha256sum {name} >> tests/migrations.sha256")
    assert problems == []


# --- databases -----------------------------------------------------------------------------------------


def applied(dsn: str) -> list[tuple[str, int]]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(
            "SELECT migration_id, count(*)::int FROM yoyo._yoyo_migration GROUP BY 1 ORDER BY 1").fetchall()


def test_two_migrate_runs_at_once_on_an_empty_database(fresh_dsn, dsn, db, connect):
    """Two `runner migrate` processes started together: both succeed, each migration is applied once, and
    the schema equals the template's. The overlap is forced: a third session holds the migration lock (an
    EXCLUSIVE lock on yoyo.yoyo_lock, made to exist here as a first migrate makes it) until both processes are
    seen waiting for it."""
    with migrations._Session(fresh_dsn) as session:
        session.backend.ensure_internal_schema_updated()
    holder = psycopg.connect(fresh_dsn, autocommit=True)
    try:
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE yoyo.yoyo_lock IN EXCLUSIVE MODE")
        command = [sys.executable, "-m", "runner", "--dsn", fresh_dsn, "migrate"]
        procs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        try:
            waiting, deadline = 0, time.monotonic() + 60
            while waiting < 2 and all(p.poll() is None for p in procs) and time.monotonic() < deadline:
                time.sleep(0.01)  # polling interval of the check below, not a synchronisation
                waiting = holder.execute(
                    """SELECT count(*) FROM pg_locks
                       WHERE relation = 'yoyo.yoyo_lock'::regclass AND NOT granted"""
                ).fetchone()[0]
            assert waiting == 2, [p.communicate() for p in procs]
        finally:
            holder.execute("COMMIT")
        outputs = [p.communicate(timeout=300) for p in procs]
    finally:
        holder.close()
    assert [p.returncode for p in procs] == [0, 0], outputs
    counts = sorted(re.search(r"(\d+) migrations? applied", out).group(1) for out, _ in outputs)
    assert counts == ["0", str(len(migration_ids()))]  # one applied everything, the other found nothing to do
    assert applied(fresh_dsn) == [(m, 1) for m in migration_ids()]
    major = server_major(db)
    assert schema_dump(fresh_dsn, major) == schema_dump(dsn, major)


def test_failed_migration_step_leaves_the_previous_version(dsn, db, tmp_path):
    """A migration whose second statement fails: nothing of it stays, yoyo does not record it, the
    repeatable files are not re-applied, and the schema is exactly what it was."""
    db_dir = tmp_path / "db"
    shutil.copytree(ROOT / "db", db_dir)
    last = migration_ids()[-1]
    (db_dir / "migrations" / "9999_zz_broken.sql").write_text(
        f"-- depends: {last}\n-- A migration whose second step fails.\n"
        "CREATE SCHEMA zz_broken;\n"
        "CREATE TABLE zz_broken.first_step (id bigint);\n"
        "ALTER TABLE zz_broken.no_such_table ADD COLUMN x integer;\n")
    (db_dir / "migrations" / "9999_zz_broken.rollback.sql").write_text("DROP SCHEMA zz_broken CASCADE;\n")
    (db_dir / "functions" / "0_probe.sql").write_text(
        "CREATE FUNCTION gitpoap._reliability_probe() RETURNS int LANGUAGE sql RETURN 1;\n")
    major = server_major(db)
    before_dump, before_applied = schema_dump(dsn, major), applied(dsn)

    with pytest.raises(errors.UndefinedTable, match='relation "zz_broken.no_such_table" does not exist'):
        migrations.migrate(dsn, db_dir=db_dir)

    assert applied(dsn) == before_applied
    assert db.execute("SELECT to_regnamespace('zz_broken')").fetchone() == (None,)
    assert db.execute("SELECT to_regprocedure('gitpoap._reliability_probe()')").fetchone() == (None,)
    assert schema_dump(dsn, major) == before_dump
    states = migrations.status(dsn, db_dir=db_dir)
    assert [(s.id, s.applied) for s in states] == [(m, True) for m in migration_ids()] + [("9999_zz_broken", False)]


def test_failed_repeatable_file_keeps_every_function_as_it_was(dsn, db, tmp_path):
    """Functions and triggers are re-applied in one transaction: a failing file keeps all of them as
    they were (here a probe function from an earlier file is not left behind)."""
    db_dir = tmp_path / "db"
    shutil.copytree(ROOT / "db", db_dir)
    (db_dir / "functions" / "0_probe.sql").write_text(
        "CREATE FUNCTION gitpoap._reliability_probe() RETURNS int LANGUAGE sql RETURN 1;\n")
    (db_dir / "triggers" / "zz_broken.sql").write_text("SELECT gitpoap.no_such_function();\n")
    major = server_major(db)
    before = schema_dump(dsn, major)
    with pytest.raises(errors.UndefinedFunction) as failure:
        migrations.migrate(dsn, db_dir=db_dir)
    assert "while applying db/triggers/zz_broken.sql" in failure.value.__notes__
    assert schema_dump(dsn, major) == before


def test_migrate_rollback_everything_migrate_gives_the_same_schema(dsn, db):
    major = server_major(db)
    before = schema_dump(dsn, major)
    ids = migration_ids()
    assert migrations.rollback(dsn, steps=len(ids)) == ids[::-1]
    left = db.execute(
        """SELECT nspname FROM pg_namespace
           WHERE nspname = ANY (%s) OR nspowner = 'rewards_owner'::regrole
           UNION ALL SELECT 'default ACL' FROM pg_default_acl WHERE defaclrole = 'rewards_owner'::regrole""",
        (list(PROJECT_SCHEMAS),),
    ).fetchall()
    assert left == []  # every rollback undid its migration
    assert [s.applied for s in migrations.status(dsn)] == [False] * len(ids)
    applied_now, _ = migrations.migrate(dsn)
    assert applied_now == ids
    assert schema_dump(dsn, major) == before
