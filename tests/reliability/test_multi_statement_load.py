"""Multi-statement transactions under load: application writers whose transactions insert and merge PRs of shared
contributors in random orders (so they deadlock each other), backfills committing chunk by chunk, and GitPOAP
changes, all at once. Every transaction runs through runner.db.run_transaction: each ends committed (some after
retries) and the claims and counters equal the oracle's.

Counts only grow here (new PRs, merges of unmerged ones), so the claims the rules give are a fact of the final
data whatever the interleaving; the earning PR is whichever arrival reached a threshold, so only its author and
year are checked.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from runner.db import run_transaction
from runner.gitpoap import backfill_claims
from tests.gitpoap.oracle import assert_claims_and_counters_match

WRITERS = 6
TRANSACTIONS_PER_WRITER = 25
DEADLINE_S = 180
LOGINS = [f"dev{i}" for i in range(6)] + ["renovate[bot]"]
LADDER = [1, 5, 20]
FINAL_LADDERS = {2023: LADDER, 2024: [1, 5, 15], 2025: LADDER}  # 2024 level 3 lowered, 2025 added, during the load
UTC = timezone.utc


def plan(writer: int) -> list[list[tuple]]:
    """The writer's transactions, each a list of statements: ("insert", [(number, login, merged_at)]) or
    ("merge", number, merged_at) for a PR this writer inserted unmerged in an earlier transaction."""
    rng = random.Random(500 + writer)
    numbers = iter(range(writer + 1, 100_000, WRITERS))
    unmerged: list[int] = []
    transactions = []
    for _ in range(TRANSACTIONS_PER_WRITER):
        statements, inserted_unmerged = [], []
        for _ in range(rng.randint(2, 4)):
            if unmerged and rng.random() < 0.2:
                statements.append(("merge", unmerged.pop(rng.randrange(len(unmerged))),
                                   datetime(rng.choice((2023, 2024, 2025)), 6, 1, tzinfo=UTC)))
                continue
            rows = []
            for _ in range(rng.randint(1, 3)):
                merged = None if rng.random() < 0.15 else datetime(rng.choice((2023, 2024, 2025)), 1, 1, tzinfo=UTC) + \
                    timedelta(hours=rng.randint(-2, 24 * 360))
                rows.append((next(numbers), rng.choice(LOGINS), merged))
                if merged is None:
                    inserted_unmerged.append(rows[-1][0])
            statements.append(("insert", rows))
        unmerged += inserted_unmerged
        transactions.append(statements)
    return transactions


def final_rows(plans: list[list[list[tuple]]]) -> list[tuple]:
    """(number, login, merged_at) of every PR once all transactions committed."""
    rows: dict[int, list] = {}
    for transactions in plans:
        for statements in transactions:
            for statement in statements:
                if statement[0] == "insert":
                    rows.update({number: [number, login, merged] for number, login, merged in statement[1]})
                else:
                    rows[statement[1]][2] = statement[2]
    return [tuple(row) for row in rows.values()]


def test_multi_statement_writers_backfills_and_gitpoap_changes_all_commit_and_match_the_oracle(db, connect, caplog):
    project_id = db.execute("INSERT INTO gitpoap.project (name) VALUES ('load/multi') RETURNING id").fetchone()[0]
    repo_id = db.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, 'load/multi') RETURNING id",
                         (project_id,)).fetchone()[0]
    ids = {login: db.execute("INSERT INTO gitpoap.github_user (login) VALUES (%s) RETURNING id", (login,)).fetchone()[0]
           for login in LOGINS}
    for year in (2023, 2024):
        db.execute("SELECT gitpoap.add_gitpoaps('load/multi', %s, %s)", (year, LADDER))

    plans = [plan(w) for w in range(WRITERS)]
    committed: dict[str, int] = defaultdict(int)
    counting = threading.Lock()
    failures: list[str] = []

    def done(kind: str) -> None:
        with counting:
            committed[kind] += 1
    start = threading.Barrier(WRITERS + 2)

    def session(role: str):
        conn = connect()
        conn.execute("SET deadlock_timeout = '50ms'")  # deadlocks are expected: find them fast
        conn.execute(f"SET ROLE {role}")
        return conn

    def write(writer: int) -> None:
        conn = session("rewards_app")

        def transaction(statements):
            def work(tx):
                for statement in statements:
                    if statement[0] == "insert":
                        numbers, logins, merged = zip(*statement[1])
                        tx.execute(
                            """INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)
                               SELECT %s, %s, r.n, r.a, r.m FROM unnest(%s::integer[], %s::bigint[], %s::timestamptz[])
                                    AS r(n, a, m)""",
                            (repo_id, project_id, list(numbers), [ids[login] for login in logins], list(merged)))
                    else:
                        tx.execute("UPDATE gitpoap.pull_request SET merged_at = %s WHERE repo_id = %s AND number = %s",
                                   (statement[2], repo_id, statement[1]))
            return work

        start.wait()
        for statements in plans[writer]:
            try:
                run_transaction(conn, transaction(statements), attempts=10, first_delay_s=0.01)
                done("writers")
            except Exception as exc:  # noqa: BLE001 — a transaction that never commits fails the test
                failures.append(f"writer {writer}: {type(exc).__name__}: {exc}")
                return

    def backfill() -> None:
        conn = session("rewards_admin")
        start.wait()
        for _ in range(4):
            try:
                for _chunk in backfill_claims(conn, project_id=project_id, batch_size=4):
                    pass
                done("backfills")
            except Exception as exc:  # noqa: BLE001
                failures.append(f"backfill: {type(exc).__name__}: {exc}")
                return

    def admin() -> None:
        conn = session("rewards_admin")
        start.wait()
        changes = [
            lambda tx: tx.execute("SELECT gitpoap.add_gitpoaps('load/multi', 2025, %s)", (LADDER,)),
            lambda tx: tx.execute("UPDATE gitpoap.gitpoap SET threshold = 15 WHERE project_id = %s AND year = 2024"
                                  " AND level = 3", (project_id,)),
        ]
        for change in changes:
            time.sleep(0.2)
            try:
                run_transaction(conn, change, attempts=10, first_delay_s=0.01)
                done("admin")
            except Exception as exc:  # noqa: BLE001
                failures.append(f"admin: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=write, args=(w,), daemon=True) for w in range(WRITERS)]
    threads += [threading.Thread(target=backfill, daemon=True), threading.Thread(target=admin, daemon=True)]
    deadline = time.monotonic() + DEADLINE_S
    with caplog.at_level(logging.WARNING, logger="runner.db"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), f"still running after {DEADLINE_S} s"
    assert failures == []
    assert dict(committed) == {"writers": WRITERS * TRANSACTIONS_PER_WRITER, "backfills": 4, "admin": 2}
    assert any("40P01" in r.getMessage() for r in caplog.records), "no deadlock happened: the load did not test retries"

    assert_claims_and_counters_match(db, final_rows(plans), FINAL_LADDERS)
