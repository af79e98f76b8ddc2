"""`runner migrate` and the locks around it: a no-op run locks nothing, a run with work gives way to waiting
applications, a killed run leaves nothing behind, a lock row of an older runner is reported in one line, and
no other role can hold the migration lock.

The configured lock_timeout of these tests is 1 s (``ALTER DATABASE … SET lock_timeout``, so applications and
`runner migrate` both see it); with the default deadlock_timeout of 1 s, `runner migrate` gives way once an
application has waited 0.5 s on it.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time

import psycopg
import pytest
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict

from runner import migrate as migrations
from runner import upgrade
from tests.support import ROOT

LOCK_TIMEOUT = "1s"


@pytest.fixture
def insert_pr(db, dsn):
    """Configures the test database's lock_timeout; returns ``insert_pr(conn)``, which inserts one merged PR
    and returns the seconds it took."""
    db.execute(f"ALTER DATABASE \"{conninfo_to_dict(dsn)['dbname']}\" SET lock_timeout = '{LOCK_TIMEOUT}'")
    project = db.execute("INSERT INTO gitpoap.project (name) VALUES ('locks/test') RETURNING id").fetchone()[0]
    repo = db.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, 'locks/test') RETURNING id",
                      (project,)).fetchone()[0]
    user = db.execute("INSERT INTO gitpoap.github_user (login) VALUES ('dev') RETURNING id").fetchone()[0]
    numbers = iter(range(1, 1_000_000))

    def insert(conn: psycopg.Connection) -> float:
        started = time.monotonic()
        conn.execute("INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at) "
                     "VALUES (%s, %s, %s, %s, '2023-05-01T00:00:00Z')", (repo, project, next(numbers), user))
        return time.monotonic() - started

    return insert


def app_session(connect) -> psycopg.Connection:
    conn = connect()
    conn.execute("SET ROLE rewards_app")
    assert conn.execute("SHOW lock_timeout").fetchone()[0] == LOCK_TIMEOUT
    return conn


def open_wallet_transaction(connect) -> psycopg.Connection:
    """An application transaction that wrote a wallet balance and stays open (idle in transaction)."""
    conn = app_session(connect)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 100)", ("0x" + "ab" * 20,))
    return conn


def waiting_on(db, table: str) -> int:
    return db.execute("SELECT count(*) FROM pg_locks WHERE relation = %s::regclass AND NOT granted",
                      (table,)).fetchone()[0]


def until(condition, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition never met"
        time.sleep(0.01)  # polling interval of the check, not a synchronisation


def cli(dsn: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "runner", "--dsn", dsn, "migrate", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def forget_recorded_files(db) -> None:
    """Make the next `runner migrate` apply every function and trigger file (as its first run after an older
    runner does): the record of what this database last applied is emptied."""
    db.execute("DO $$ BEGIN IF to_regclass('yoyo.runner_release') IS NOT NULL THEN "
               "DELETE FROM yoyo.runner_release; END IF; END $$")


def test_no_op_migrate_locks_no_table_while_an_application_transaction_is_open(insert_pr, dsn, db, connect):
    """An application transaction open on tiers.wallet: a `runner migrate` with nothing to do finishes at once,
    and PR inserts (lock_timeout 1 s) never wait on it."""
    wallet = open_wallet_transaction(connect)
    result: list = []
    run = threading.Thread(target=lambda: result.append(migrations.migrate(dsn)), daemon=True)
    run.start()
    until(lambda: not run.is_alive() or waiting_on(db, "tiers.wallet") > 0)
    app = app_session(connect)
    for _ in range(3):
        assert insert_pr(app) < 1.0
    run.join(30)
    assert not run.is_alive() and result == [([], 0)]
    wallet.execute("ROLLBACK")


def test_migrate_with_work_gives_way_to_applications_and_says_who_held_it_up(insert_pr, dsn, db, connect, tmp_path,
                                                                             monkeypatch):
    """Changed pull_request and wallet trigger files while an application transaction holds tiers.wallet:
    `runner migrate` locks pull_request, then waits for wallet; PR writers queue behind it and it gives way
    within 0.5 s each time. Every PR insert succeeds in under the lock_timeout; migrate stops after its
    attempts with one line naming the wallet transaction, and succeeds once that transaction has ended."""
    monkeypatch.setattr(upgrade, "ATTEMPTS", 3)
    db_dir = tmp_path / "db"
    shutil.copytree(ROOT / "db", db_dir)
    for name in ("triggers/gitpoap/pull_request.sql", "triggers/tiers/wallet.sql"):
        with (db_dir / name).open("a") as changed:
            changed.write("-- changed\n")
    wallet = open_wallet_transaction(connect)
    wallet_pid = wallet.info.backend_pid
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(migrations.migrate(dsn, db_dir=db_dir))
        except Exception as exc:  # noqa: BLE001 - the test asserts what it was
            outcome.append(exc)

    migrate = threading.Thread(target=run, daemon=True)
    app = app_session(connect)
    latencies, failures = [], []
    migrate.start()
    while migrate.is_alive():
        try:
            latencies.append(insert_pr(app))
        except psycopg.Error as exc:
            failures.append(f"{exc.sqlstate} {exc.diag.message_primary}")
    assert failures == []
    assert len(latencies) > 10 and max(latencies) < 1.0, (len(latencies), max(latencies))
    assert len(outcome) == 1 and isinstance(outcome[0], upgrade.MigrateError), outcome
    assert f"pid {wallet_pid}" in str(outcome[0]) and "nothing changed" in str(outcome[0])
    assert "\n" not in str(outcome[0])
    wallet.execute("ROLLBACK")
    assert migrations.migrate(dsn, db_dir=db_dir) == ([], 2)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_migrate_leaves_nothing_behind(insert_pr, dsn, db, connect, signum):
    """`runner migrate` killed while it waits for a lock (SIGTERM, or SIGKILL): it stops at once (SIGTERM
    without a traceback), its transaction is gone within the lock_timeout, no lock row is left, and the next
    `runner migrate` and `--rollback 1` answer at once."""
    forget_recorded_files(db)
    wallet = open_wallet_transaction(connect)
    proc = subprocess.Popen([sys.executable, "-m", "runner", "--dsn", dsn, "migrate"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        until(lambda: proc.poll() is not None or waiting_on(db, "tiers.wallet") > 0)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    assert "Traceback" not in stderr
    until(lambda: waiting_on(db, "tiers.wallet") == 0, timeout_s=5)
    assert db.execute("SELECT count(*) FROM yoyo.yoyo_lock").fetchone()[0] == 0
    wallet.execute("ROLLBACK")

    again = cli(dsn)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("0 migrations applied,")
    back = cli(dsn, "--rollback", "1")  # refused on this database (see test_rollback.py), but at once, in one line
    assert len((back.stdout + back.stderr).strip().splitlines()) == 1, back


def test_a_lock_row_left_by_an_older_runner_is_reported_in_one_line(insert_pr, dsn, db):
    """yoyo's lock row, as an older runner killed by SIGTERM left it: migrate and rollback say so in one line,
    at once, naming the process and how to remove it; nothing changes; after removing it migrate works."""
    db.execute("INSERT INTO yoyo.yoyo_lock (locked, ctime, pid) VALUES (1, now() AT TIME ZONE 'UTC', 4242)")
    for args in ((), ("--rollback", "1")):
        started = time.monotonic()
        result = cli(dsn, *args, timeout=60)
        assert time.monotonic() - started < 30
        assert result.returncode == 1 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "process 4242" in result.stderr and "DELETE FROM yoyo.yoyo_lock" in result.stderr
    db.execute("DELETE FROM yoyo.yoyo_lock")
    assert cli(dsn).returncode == 0


def test_a_read_only_role_cannot_hold_the_migration_lock(insert_pr, dsn, db, connect):
    """rewards_bi holding the advisory key the migration lock used to be does not stall `runner migrate`, and
    neither rewards_bi nor rewards_app may lock yoyo.yoyo_lock in any mode."""
    bi = connect()
    bi.execute("SET ROLE rewards_bi")
    bi.execute("SELECT pg_advisory_lock(hashtext('runner.migrate'))")
    result: list = []
    run = threading.Thread(target=lambda: result.append(migrations.migrate(dsn)), daemon=True)
    run.start()
    run.join(60)
    assert not run.is_alive() and result == [([], 0)]
    for role in ("rewards_bi", "rewards_app"):
        session = connect(autocommit=False)
        session.execute(f"SET ROLE {role}")
        with pytest.raises(errors.InsufficientPrivilege):
            session.execute("LOCK TABLE yoyo.yoyo_lock IN ACCESS SHARE MODE")
        session.rollback()


def test_migrate_stops_when_its_watchdog_session_fails(insert_pr, dsn, db, connect, tmp_path, monkeypatch):
    """The session that watches for waiting applications is terminated while migrate works: migrate stops at
    once with one line and nothing changed, rather than hold locks unwatched."""
    monkeypatch.setattr(upgrade, "POLL_S", 0.02)
    forget_recorded_files(db)
    wallet = open_wallet_transaction(connect)  # keeps migrate busy: it waits for tiers.wallet, gives way, retries
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(migrations.migrate(dsn))
        except Exception as exc:  # noqa: BLE001 - the test asserts what it was
            outcome.append(exc)

    migrate = threading.Thread(target=run, daemon=True)
    migrate.start()
    until(lambda: db.execute("SELECT count(*) FROM pg_stat_activity "
                             "WHERE application_name = 'runner migrate watchdog'").fetchone()[0] == 1)
    deadline = time.monotonic() + 30
    while migrate.is_alive() and time.monotonic() < deadline:  # each attempt has its watchdog: end every one
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   "WHERE application_name = 'runner migrate watchdog'")
        migrate.join(0.05)
    assert not migrate.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], upgrade.MigrateError), outcome
    assert "watchdog session failed" in str(outcome[0]) and "\n" not in str(outcome[0])
    wallet.execute("ROLLBACK")
    assert db.execute("SELECT count(*) FROM yoyo.runner_release").fetchone()[0] == 0  # nothing recorded
