"""`runner migrate`: yoyo's versioned migrations, then every repeatable SQL file.

Versioned migrations (db/migrations/NNNN_<domain>_<what>.sql, each with a
.rollback.sql) own tables, indexes, roles and seed rows. Functions and
triggers (db/functions/**, then db/triggers/**, in path order) are re-applied
on every run, in one transaction, while yoyo's lock is held. yoyo's own
bookkeeping tables live in the schema ``yoyo``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from psycopg.conninfo import conninfo_to_dict
from yoyo import get_backend, read_migrations

from runner.db import connect, resolve_dsn

# The SQL files: db/ of the checkout, installed as the package runner.sql (pyproject's package-dir), so a wheel
# and an editable install read the same tree.
DB_DIR = Path(files("runner.sql"))
YOYO_SCHEMA = "yoyo"
LOCK_TIMEOUT_S = 300


@dataclass(frozen=True)
class MigrationState:
    """One versioned migration: its id (file name without .sql) and whether it is applied."""

    id: str
    applied: bool


class NoMigrationFiles(Exception):
    """The migrations folder holds no migration: applying nothing and reporting success would hide a broken install."""


def migration_files(db_dir: Path = DB_DIR) -> list:
    """yoyo's migrations read from ``db_dir``/migrations, in order.

    Raises:
        NoMigrationFiles: the folder is missing or holds no migration (the message names the folder).
    """
    folder = db_dir / "migrations"
    found = read_migrations(str(folder))
    if not found:
        raise NoMigrationFiles(f"no migration files in {folder}: this runner was installed without its SQL; "
                               "reinstall pg-rewards from a wheel or a checkout")
    return found


def newest_migration(db_dir: Path = DB_DIR) -> str | None:
    """Id of the newest migration shipped (``0044_tiers_tier_readable``), or None when there is none."""
    ids = [p.stem for p in (db_dir / "migrations").glob("*.sql") if not p.name.endswith(".rollback.sql")]
    return max(ids, default=None)


def repeatable_files(db_dir: Path = DB_DIR) -> list[Path]:
    """Every file re-applied on each run: db/functions/**/*.sql, then db/triggers/**/*.sql, in path order."""
    return [
        path
        for folder in ("functions", "triggers")
        for path in sorted((db_dir / folder).rglob("*.sql"))
    ]


def _yoyo_uri(conninfo: str) -> str:
    params = {k: str(v) for k, v in conninfo_to_dict(conninfo).items()}
    params["schema"] = YOYO_SCHEMA
    return "postgresql+psycopg:///?" + urlencode(params)


def _backend(conn: psycopg.Connection, conninfo: str):
    # yoyo keeps its tables in its own schema: never in public.
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {YOYO_SCHEMA}")
    return get_backend(_yoyo_uri(conninfo))


class _Session:
    """Holds a session advisory lock so that two `runner migrate` runs queue instead of racing
    on yoyo's bootstrap (schema and bookkeeping tables are created before yoyo's lock exists)."""

    def __init__(self, dsn: str | None):
        self.conninfo = resolve_dsn(dsn)
        self.conn = connect(self.conninfo, autocommit=True)

    def __enter__(self):
        self.conn.execute("SELECT pg_advisory_lock(hashtext('runner.migrate'))")
        self.backend = _backend(self.conn, self.conninfo)
        return self

    def __exit__(self, *exc):
        self.backend.connection.close()
        self.conn.execute("SELECT pg_advisory_unlock(hashtext('runner.migrate'))")
        self.conn.close()


def apply_repeatables(conn: psycopg.Connection, db_dir: Path = DB_DIR) -> int:
    """Re-apply every function and trigger file in one transaction, as ``rewards_owner``.

    Args:
        conn: an autocommit connection whose user may ``SET ROLE rewards_owner``.
        db_dir: the folder holding functions/ and triggers/.

    Returns the number of files applied.

    Raises:
        psycopg.Error: a file failed; nothing of this step is kept and the
            message names the file.
    """
    files = repeatable_files(db_dir)
    with conn.transaction():
        conn.execute("SET LOCAL ROLE rewards_owner")
        for path in files:
            try:
                conn.execute(path.read_text())
            except psycopg.Error as exc:
                exc.add_note(f"while applying {path.relative_to(db_dir.parent)}")
                raise
    return len(files)


def migrate(dsn: str | None = None, db_dir: Path = DB_DIR) -> tuple[list[str], int]:
    """Apply pending versioned migrations, then every repeatable file.

    Args:
        dsn: connection string (see :func:`runner.db.resolve_dsn`).
        db_dir: folder with migrations/, functions/, triggers/.

    Returns ``(ids of the migrations applied now, number of repeatable files applied)``.

    Raises:
        NoMigrationFiles: ``db_dir`` holds no migration (nothing is touched).
        runner.db.ConnectError: no server answered.
        psycopg.Error: a migration or a repeatable file failed; the database
            stays at the last migration that succeeded.
    """
    migrations = migration_files(db_dir)
    with _Session(dsn) as session:
        backend = session.backend
        with backend.lock(timeout=LOCK_TIMEOUT_S):
            pending = backend.to_apply(migrations)
            backend.apply_migrations(pending)
            count = apply_repeatables(session.conn, db_dir)
        return [m.id for m in pending], count


def rollback(dsn: str | None = None, steps: int = 1, db_dir: Path = DB_DIR) -> list[str]:
    """Roll back the last ``steps`` applied migrations, newest first.

    Args:
        dsn: connection string.
        steps: how many migrations to roll back (>= 1).
        db_dir: folder with migrations/.

    Returns the ids rolled back.

    Raises:
        ValueError: ``steps`` < 1.
        NoMigrationFiles: ``db_dir`` holds no migration.
        psycopg.Error: a rollback script failed; that migration stays applied.
    """
    if steps < 1:
        raise ValueError("--rollback: the number of migrations must be at least 1")
    migrations = migration_files(db_dir)
    with _Session(dsn) as session:
        backend = session.backend
        with backend.lock(timeout=LOCK_TIMEOUT_S):
            chosen = backend.to_rollback(migrations)[:steps]
            backend.rollback_migrations(chosen)
        return [m.id for m in chosen]


def status(dsn: str | None = None, db_dir: Path = DB_DIR) -> list[MigrationState]:
    """List every versioned migration in order with whether it is applied.

    Args:
        dsn: connection string.
        db_dir: folder with migrations/.

    Raises:
        NoMigrationFiles: ``db_dir`` holds no migration.
    """
    migrations = migration_files(db_dir)
    with _Session(dsn) as session:
        applied = set(session.backend.get_applied_migration_hashes())
        return [MigrationState(m.id, m.hash in applied) for m in migrations]
