"""`runner migrate`: yoyo's versioned migrations, then the repeatable SQL files, in one transaction.

Versioned migrations (db/migrations/NNNN_<domain>_<what>.sql, each with a
.rollback.sql) own tables, indexes, roles and seed rows. Functions and
triggers (db/functions/**, then db/triggers/**, in path order) are repeatable:
applied when their text changed (all of them when a migration dropped or
changed a function or trigger). Everything
runs in one transaction that yields to applications (runner.upgrade). yoyo's
own bookkeeping, and ``runner_release`` (the files live at each version, which
a rollback restores), live in the schema ``yoyo``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb
from yoyo import get_backend, internalmigrations, read_migrations

from runner.db import connect, resolve_dsn
from runner.upgrade import MigrateError, in_one_transaction

# The SQL files: db/ of the checkout, installed as the package runner.sql (pyproject's package-dir), so a wheel
# and an editable install read the same tree.
DB_DIR = Path(files("runner.sql"))
YOYO_SCHEMA = "yoyo"


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
    """The repeatable files, in the order they are applied: db/functions/**/*.sql, then db/triggers/**/*.sql."""
    return [
        path
        for folder in ("functions", "triggers")
        for path in sorted((db_dir / folder).rglob("*.sql"))
    ]


def _yoyo_uri(conninfo: str) -> str:
    params = {k: str(v) for k, v in conninfo_to_dict(conninfo).items()}
    params["schema"] = YOYO_SCHEMA  # yoyo keeps its tables in its own schema: never in public
    params.setdefault("application_name", "runner migrate")
    return "postgresql+psycopg:///?" + urlencode(params)


class _Session:
    """A yoyo backend (its own autocommit session, search_path ``yoyo``) on the database, with the schema
    ``yoyo`` created first when missing (two first runs at once may race on it: the loser finds it made)."""

    def __init__(self, dsn: str | None):
        self.conninfo = resolve_dsn(dsn)
        with connect(self.conninfo, autocommit=True) as conn:
            try:
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {YOYO_SCHEMA}")
            except psycopg.errors.UniqueViolation:
                pass
        self.backend = get_backend(_yoyo_uri(self.conninfo))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.backend.connection.close()


@dataclass(frozen=True)
class Release:
    """What was live at one version (head = newest applied migration): the repeatable files as applied,
    ``[name, sql]`` in application order, and the functions and triggers of the project's schemas."""

    files: list[list[str]]
    functions: list[str]
    triggers: list[str]


NOTHING = Release([], [], [])  # before the first migration: no file applied, no function, no trigger

_RELEASE_TABLE = f"""
CREATE TABLE {YOYO_SCHEMA}.runner_release (
    head text PRIMARY KEY,
    files jsonb NOT NULL,
    functions text[] NOT NULL,
    triggers text[] NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now());
COMMENT ON TABLE {YOYO_SCHEMA}.runner_release IS 'runner migrate: per version (head: newest applied migration), the function and trigger files live at that version and the functions and triggers of the schemas owned by rewards_owner; a rollback restores them.'
"""

# Functions and triggers of the schemas owned by rewards_owner (extension members and aggregates excluded):
# kind, identity as DROP ROUTINE / DROP TRIGGER accept it, md5 of the definition.
_OBJECTS = """
SELECT 'function', format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)),
       pg_catalog.md5(pg_catalog.pg_get_functiondef(p.oid))
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE pg_catalog.pg_get_userbyid(n.nspowner) = 'rewards_owner' AND p.prokind <> 'a'
   AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                    WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'trigger', format('%I ON %I.%I', t.tgname, n.nspname, c.relname), pg_catalog.md5(pg_catalog.pg_get_triggerdef(t.oid))
  FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT t.tgisinternal AND pg_catalog.pg_get_userbyid(n.nspowner) = 'rewards_owner'
"""


def _objects(conn: psycopg.Connection) -> dict[tuple[str, str], str]:
    """{('function' | 'trigger', identity): md5 of its definition} of the project's schemas."""
    return {(kind, identity): digest for kind, identity, digest in conn.execute(_OBJECTS)}


def _identities(objects: dict[tuple[str, str], str], kind: str) -> list[str]:
    return sorted(identity for k, identity in objects if k == kind)


def _tree_files(db_dir: Path) -> list[list[str]]:
    return [[path.relative_to(db_dir.parent).as_posix(), path.read_text()] for path in repeatable_files(db_dir)]


def _prepare(backend) -> None:
    """Inside the transaction, under the migration lock: yoyo's own tables and runner_release exist."""
    if internalmigrations.needs_upgrading(backend):
        internalmigrations.upgrade(backend)
    if backend.connection.execute(f"SELECT to_regclass('{YOYO_SCHEMA}.runner_release')").fetchone()[0] is None:
        backend.connection.execute(_RELEASE_TABLE)


def _refuse_unknown_migrations(backend, migrations, what: str) -> None:
    """A database at a version this tree does not know is newer than this release: leave it alone."""
    unknown = [row[0] for row in backend.connection.execute(
        f"SELECT migration_id FROM {YOYO_SCHEMA}._yoyo_migration WHERE NOT (migration_hash = ANY (%s))"
        " ORDER BY applied_at_utc", ([m.hash for m in migrations],))]
    if unknown:
        raise MigrateError(
            f"the database has migrations this release does not know ({', '.join(unknown)}); nothing changed: "
            f"run {what} with the release that applied them")


def _head(backend, migrations) -> str | None:
    applied = backend.to_rollback(migrations)
    return applied[0].id if applied else None


def _release(conn: psycopg.Connection, head: str | None) -> Release | None:
    if head is None:
        return NOTHING
    row = conn.execute(
        f"SELECT files, functions, triggers FROM {YOYO_SCHEMA}.runner_release WHERE head = %s", (head,)).fetchone()
    return Release(*row) if row else None


def _record(conn: psycopg.Connection, head: str, files: list[list[str]]) -> None:
    objects = _objects(conn)
    conn.execute(
        f"""INSERT INTO {YOYO_SCHEMA}.runner_release (head, files, functions, triggers)
            VALUES (%s, %s, %s, %s)
            ON CONFLICT (head) DO UPDATE
            SET files = excluded.files, functions = excluded.functions, triggers = excluded.triggers,
                recorded_at = now()""",
        (head, Jsonb(files), _identities(objects, "function"), _identities(objects, "trigger")))


def _lost(before: Release, at_start: dict, now: dict) -> bool:
    """True when a migration dropped or changed a function or trigger (``at_start`` → ``now``), or one that was
    live at the recorded version is gone from the catalog (dropped by hand, or with its schema)."""
    gone = (set(before.functions) - set(_identities(now, "function"))) | (
        set(before.triggers) - set(_identities(now, "trigger")))
    return bool(at_start.items() - now.items() or gone)


def _run_migration(backend, migration, direction: str) -> None:
    """Apply or roll back one migration inside the open transaction and book it as yoyo does. The role and
    lock_timeout a migration sets (SET LOCAL) are put back, so they do not reach the next one."""
    migration.load()
    if not migration.use_transactions:  # yoyo would end the open transaction first
        raise MigrateError(f"{migration.id} is marked `-- transactional: false`, but runner migrate applies "
                           "everything in one transaction; nothing changed: make it transactional")
    lock_timeout = backend.connection.execute("SELECT current_setting('lock_timeout')").fetchone()[0]
    migration.process_steps(backend, direction)
    backend.connection.execute("SET LOCAL ROLE NONE")
    backend.connection.execute("SELECT set_config('lock_timeout', %s, true)", (lock_timeout,))
    backend.log_migration(migration, direction)
    if direction == "apply":
        backend.mark_one(migration, log=False)
    else:
        backend.unmark_one(migration, log=False)


def apply_repeatables(conn: psycopg.Connection, files: list[list[str]]) -> int:
    """Apply function and trigger files as ``rewards_owner``, inside the caller's transaction.

    Args:
        conn: a session in a transaction whose user may ``SET ROLE rewards_owner``.
        files: ``[name, sql]`` pairs, applied in order; ``name`` (``db/functions/…``) is for messages.

    Returns the number of files applied.

    Raises:
        psycopg.Error: a file failed (the transaction is then aborted); the note names the file.
    """
    conn.execute("SET LOCAL ROLE rewards_owner")
    conn.execute("SET LOCAL search_path TO DEFAULT")
    for name, sql in files:
        try:
            conn.execute(sql)
        except psycopg.Error as exc:
            exc.add_note(f"while applying {name}")
            raise
    conn.execute("SET LOCAL ROLE NONE")
    conn.execute(f"SET LOCAL search_path = {YOYO_SCHEMA}")
    return len(files)


def _drop_extras(conn: psycopg.Connection, release: Release, strict: bool) -> None:
    """Drop the functions and triggers of the project's schemas that ``release`` did not have.

    Not ``strict`` (before a rollback's scripts run: a function may depend on a column they drop): drop what
    can be dropped and keep what something still depends on. ``strict`` (after the release's files are back):
    drop the rest; what still cannot be dropped fails the rollback with PostgreSQL's error.
    """
    objects = _objects(conn)
    extra_triggers = sorted(set(_identities(objects, "trigger")) - set(release.triggers))
    pending = sorted(set(_identities(objects, "function")) - set(release.functions))
    if not (extra_triggers or pending):
        return
    conn.execute("SET LOCAL ROLE rewards_owner")
    for trigger in extra_triggers:
        conn.execute(f"DROP TRIGGER {trigger}")
    while pending:  # one at a time: an extra may depend on another extra, or on something dropped later
        kept = []
        for function in pending:
            try:
                with conn.transaction():
                    conn.execute(f"DROP ROUTINE {function}")
            except psycopg.errors.DependentObjectsStillExist:
                kept.append(function)
        if len(kept) == len(pending):
            if strict:
                conn.execute(f"DROP ROUTINE {kept[0]}")  # raises, naming what depends on it
            break
        pending = kept
    conn.execute("SET LOCAL ROLE NONE")


def migrate(dsn: str | None = None, db_dir: Path = DB_DIR) -> tuple[list[str], int]:
    """Apply pending versioned migrations and the function/trigger files, in one transaction.

    Only the files whose text differs from what this database last applied are applied (none: no table is
    locked); all of them when that is unknown, or when a migration dropped or changed a function or trigger. The files live at each version are recorded in
    ``yoyo.runner_release`` for :func:`rollback`. Runs under :func:`runner.upgrade.in_one_transaction`:
    it yields to applications that wait on it, and is retried.

    Args:
        dsn: connection string (see :func:`runner.db.resolve_dsn`).
        db_dir: folder with migrations/, functions/, triggers/.

    Returns ``(ids of the migrations applied now, number of function/trigger files applied)``.

    Raises:
        NoMigrationFiles: ``db_dir`` holds no migration (nothing is touched).
        runner.db.ConnectError: no server answered.
        MigrateError: locked, newer than this release, or it had to give way every time; nothing changed.
        psycopg.Error: a migration or a file failed; nothing changed.
    """
    migrations = migration_files(db_dir)
    with _Session(dsn) as session:
        backend = session.backend

        def work() -> tuple[list[str], int]:
            _prepare(backend)
            _refuse_unknown_migrations(backend, migrations, "migrate")
            conn = backend.connection
            before = _release(conn, _head(backend, migrations))
            pending = backend.to_apply(migrations)
            objects = _objects(conn) if pending else {}
            for migration in pending:
                _run_migration(backend, migration, "apply")
            files = _tree_files(db_dir)
            if before is None or _lost(before, objects, _objects(conn)):
                todo = files  # what was live is unknown, or a function or trigger was dropped or changed
            else:
                live = dict(before.files)
                todo = [[name, sql] for name, sql in files if live.get(name) != sql]
            count = apply_repeatables(conn, todo) if todo else 0
            head = _head(backend, migrations)
            if head is not None and (todo or before is None or before.files != files):
                _record(conn, head, files)
            return [m.id for m in pending], count

        return in_one_transaction(backend, session.conninfo, work, "migrate")


def rollback(dsn: str | None = None, steps: int = 1, db_dir: Path = DB_DIR) -> list[str]:
    """Roll back the last ``steps`` applied migrations, newest first, and put back the functions and
    triggers of the version reached, in one transaction (yielding to applications, as :func:`migrate`).

    Refuses (nothing changed) when the files of the version reached were never recorded here: the
    functions would stay at a newer version than the schema.

    Args:
        dsn: connection string.
        steps: how many migrations to roll back (>= 1).
        db_dir: folder with migrations/.

    Returns the ids rolled back.

    Raises:
        ValueError: ``steps`` < 1.
        NoMigrationFiles: ``db_dir`` holds no migration.
        MigrateError: refused, locked, or it had to give way every time; nothing changed.
        psycopg.Error: a rollback script failed; nothing changed.
    """
    if steps < 1:
        raise ValueError("--rollback: the number of migrations must be at least 1")
    migrations = migration_files(db_dir)
    with _Session(dsn) as session:
        backend = session.backend

        def work() -> list[str]:
            _prepare(backend)
            _refuse_unknown_migrations(backend, migrations, "migrate --rollback")
            applied = list(backend.to_rollback(migrations))
            chosen, rest = applied[:steps], applied[steps:]
            target = rest[0].id if rest else None
            conn = backend.connection
            release = _release(conn, target)
            if release is None:
                raise MigrateError(_unrecorded(conn, target, rest, steps, len(applied)))
            _drop_extras(conn, release, strict=False)
            for migration in chosen:
                _run_migration(backend, migration, "rollback")
            apply_repeatables(conn, release.files)
            _drop_extras(conn, release, strict=True)
            return [m.id for m in chosen]

        return in_one_transaction(backend, session.conninfo, work, "migrate --rollback")


def _unrecorded(conn: psycopg.Connection, target: str, rest, steps: int, applied: int) -> str:
    """The refusal of a rollback to a version whose files were never recorded, with a way back that works."""
    recorded = {row[0] for row in conn.execute(f"SELECT head FROM {YOYO_SCHEMA}.runner_release")}
    further = next(((steps + k, m.id) for k, m in enumerate(rest) if m.id in recorded), None)
    way = (f"--rollback {further[0]} (to {further[1]}) would work" if further
           else f"only rolling back everything (--rollback {applied}) would work")
    return (f"cannot roll back to {target}: the function and trigger files this database had at that version "
            "were never recorded (it went past it in one run, or an older runner applied it), so the functions "
            f"would stay newer than the schema; nothing changed; {way}")


def status(dsn: str | None = None, db_dir: Path = DB_DIR) -> list[MigrationState]:
    """List every versioned migration in order with whether it is applied.

    Read-only: it reads yoyo's table ``yoyo._yoyo_migration`` when it exists (none: nothing applied) and creates
    nothing, so it answers with read-only rights (``rewards_admin``, which may read that table) and on a hot
    standby. SQL: ``select migration_hash from yoyo._yoyo_migration``.

    Args:
        dsn: connection string.
        db_dir: folder with migrations/.

    Raises:
        NoMigrationFiles: ``db_dir`` holds no migration.
        runner.db.ConnectError: no server answered.
        psycopg.Error: the table exists but the role may not read it (insufficient_privilege).
    """
    migrations = migration_files(db_dir)
    table = f"{YOYO_SCHEMA}._yoyo_migration"
    with connect(resolve_dsn(dsn), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT EXISTS (SELECT FROM pg_catalog.pg_tables WHERE schemaname = %s AND tablename = %s)",
            (YOYO_SCHEMA, "_yoyo_migration")).fetchone()[0]
        applied = {row[0] for row in conn.execute(f"SELECT migration_hash FROM {table}")} if exists else set()
    return [MigrationState(m.id, m.hash in applied) for m in migrations]
