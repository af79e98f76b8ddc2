"""Multi-statement transactions: which ones cannot deadlock any more, which still may (and are retried).

GitPOAP changes and backfill chunks take one table lock (gitpoap._lock_counters) before anything else, so an
application transaction writing PRs of several years, in any order, waits for them or they for it, never both.
Two application transactions writing the same contributors' counters in opposite orders still deadlock, as any two
transactions updating rows in opposite orders do: PostgreSQL aborts one, and runner.db.run_transaction runs it again.
"""

import logging
import threading

import psycopg
import pytest
from psycopg import errors

from runner.db import run_transaction
from runner.gitpoap import backfill_claims

INSERT = ("INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)"
          " VALUES (%s, %s, %s, %s, %s)")


def in_thread(fn):
    outcome = {}

    def target():
        try:
            outcome["value"] = fn()
        except Exception as exc:  # surfaced by the test
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, outcome


def pr(conn, world, number, user_id, merged_at):
    conn.execute(INSERT, (world.repo_id, world.project_id, number, user_id, merged_at))


def test_an_app_transaction_writing_2024_then_2023_and_a_backfill_both_commit(world, connect, wait_until_blocked):
    for year in (2023, 2024):
        world.gitpoap(year, 1, 1)
    alice = world.user("alice")
    writer, admin = connect(), connect()
    with writer.transaction():
        pr(writer, world, 1, alice, "2024-03-01Z")
        thread, outcome = in_thread(lambda: admin.execute("SELECT claims_issued FROM gitpoap.backfill_claims()").fetchone())
        wait_until_blocked(admin.info.backend_pid)  # the backfill waits for the writer's counting
        pr(writer, world, 2, alice, "2023-03-01Z")  # the writer goes on: no cycle
    thread.join(30)
    assert outcome == {"value": (0,)}  # everything was counted and issued by the writer already
    assert world.claims() == {(2023, 1, "alice", 2), (2024, 1, "alice", 1)}


def test_gitpoaps_of_two_years_in_one_statement_and_an_app_transaction_both_commit(world, connect, wait_until_blocked):
    alice = world.user("alice")
    writer, admin = connect(), connect()
    with writer.transaction():
        pr(writer, world, 1, alice, "2024-03-01Z")
        thread, outcome = in_thread(lambda: admin.execute(
            "INSERT INTO gitpoap.gitpoap (project_id, name, year, level, threshold)"
            " VALUES (%s, 'a', 2023, 1, 1), (%s, 'b', 2024, 1, 1)", (world.project_id, world.project_id)))
        wait_until_blocked(admin.info.backend_pid)
        pr(writer, world, 2, alice, "2023-03-01Z")
    thread.join(30)
    assert "error" not in outcome, outcome
    assert world.claims() == {(2023, 1, "alice", 2), (2024, 1, "alice", 1)}


def test_opposite_orders_of_contributors_deadlock_and_run_transaction_runs_the_victim_again(world, connect, caplog):
    world.gitpoap(2023, 1, 2)
    alice, bob = world.user("alice"), world.user("bob")
    first_inserts_done = threading.Barrier(2, timeout=10)
    numbers = iter(range(1, 100))
    lock = threading.Lock()

    def transaction(conn, authors, attempts):
        attempts.append(1)
        for position, author in enumerate(authors):
            with lock:
                number = next(numbers)
            pr(conn, world, number, author, "2023-05-01Z")
            if position == 0 and len(attempts) == 1:
                first_inserts_done.wait()  # both hold their first contributor's counter: the cycle is certain

    results = []
    for authors in ((alice, bob), (bob, alice)):
        conn = connect()
        conn.execute("SET deadlock_timeout = '100ms'")
        attempts: list[int] = []
        results.append((attempts, *in_thread(lambda c=conn, a=authors, t=attempts: run_transaction(
            c, lambda tx: transaction(tx, a, t), first_delay_s=0.01))))
    with caplog.at_level(logging.WARNING, logger="runner.db"):
        for _, thread, _ in results:
            thread.join(30)
    assert [outcome for _, _, outcome in results] == [{"value": None}, {"value": None}]
    assert sorted(len(attempts) for attempts, _, _ in results) == [1, 2]  # one victim, run once more
    assert any("40P01" in record.getMessage() for record in caplog.records)
    assert (world.count("alice", 2023), world.count("bob", 2023)) == (2, 2)
    assert {(y, level, login) for y, level, login, _ in world.claims()} == {(2023, 1, "alice"), (2023, 1, "bob")}


def test_a_backfill_chunk_that_is_a_deadlock_victim_runs_again(world, db, connect, wait_until_blocked):
    """A cycle through a lock the chunk takes after its table lock: the chunk (waiting first, deadlock_timeout 2 s)
    is the victim, its subtransaction rolls back and releases what it took, and it runs again once the other
    transaction is done."""
    world.gitpoap(2023, 1, 1)
    with db.transaction():
        db.execute("SET LOCAL rewards.defer_claims = on")
        world.pr(1, "alice", "2023-02-01Z")
    backfiller = connect()
    backfiller.execute("SET deadlock_timeout = '2s'")
    warnings = []
    backfiller.add_notice_handler(lambda notice: warnings.append(notice.message_primary))
    other = connect()
    other.execute("SET deadlock_timeout = '60s'")
    with other.transaction():
        other.execute("LOCK TABLE gitpoap.github_user IN ACCESS EXCLUSIVE MODE")
        thread, outcome = in_thread(lambda: backfiller.execute(
            "SELECT claims_issued, done FROM gitpoap.backfill_claims()").fetchone())
        wait_until_blocked(backfiller.info.backend_pid)  # holds the counters lock, waits for github_user
        other.execute("INSERT INTO gitpoap.contribution (project_id, year, user_id, merged_prs)"
                      " SELECT %s, 2022, id, 7 FROM gitpoap.github_user WHERE login = 'alice'", (world.project_id,))
    thread.join(30)
    assert outcome == {"value": (1, True)}
    assert len(warnings) == 1 and "40P01" in warnings[0]
    assert world.claims() == {(2023, 1, "alice", 1)}
    assert (world.count("alice", 2023), world.count("alice", 2022)) == (1, 0)  # the stray counter recounted


def test_run_transaction_retries_deadlocks_and_serialization_failures_a_bounded_number_of_times(db, caplog):
    calls = []

    def fails_twice(conn):
        calls.append(1)
        if len(calls) <= 2:
            state = "deadlock_detected" if len(calls) == 1 else "serialization_failure"
            conn.execute(f"DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '{state}'; END $$")
        return conn.execute("SELECT 42").fetchone()[0]

    with caplog.at_level(logging.WARNING, logger="runner.db"):
        assert run_transaction(db, fails_twice, first_delay_s=0.001) == 42
    assert len(calls) == 3 and len(caplog.records) == 2

    def always(conn):
        calls.append(1)
        conn.execute("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'deadlock_detected'; END $$")

    calls.clear()
    with pytest.raises(errors.DeadlockDetected):
        run_transaction(db, always, attempts=3, first_delay_s=0.001)
    assert len(calls) == 3

    calls.clear()
    with pytest.raises(errors.DivisionByZero):  # any other error: at once
        run_transaction(db, lambda conn: calls.append(1) or conn.execute("SELECT 1 / 0"))
    assert len(calls) == 1


def test_run_transaction_refuses_a_connection_inside_a_transaction(connect):
    conn = connect(autocommit=False)
    conn.execute("SELECT 1")
    with pytest.raises(ValueError, match="not inside a transaction"):
        run_transaction(conn, lambda c: None)
    with pytest.raises(ValueError, match="attempts"):
        run_transaction(connect(), lambda c: None, attempts=0)


def test_runner_backfill_retries_a_chunk_that_deadlocks(world, db, connect, monkeypatch):
    """runner's backfill commits chunk by chunk through run_transaction: a chunk aborted by a deadlock (here a
    40P01 raised the first time the chunk's statement runs) is run again and the backfill completes."""
    world.gitpoap(2023, 1, 1)
    with db.transaction():
        db.execute("SET LOCAL rewards.defer_claims = on")
        world.prs([(n, f"dev{n}", "2023-02-01Z") for n in range(1, 6)])
    conn = connect()
    failed = []
    original = psycopg.Connection.execute

    def execute(self, query, params=None, **kwargs):
        if self is conn and "backfill_claims" in str(query) and not failed:
            failed.append(1)
            original(self, "DO $$ BEGIN RAISE EXCEPTION 'cycle' USING ERRCODE = 'deadlock_detected'; END $$")
        return original(self, query, params, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "execute", execute)
    chunks = list(backfill_claims(conn, batch_size=2))
    assert failed == [1] and chunks[-1].done and sum(c.claims_issued for c in chunks) == 5
    assert len(world.claims()) == 5
