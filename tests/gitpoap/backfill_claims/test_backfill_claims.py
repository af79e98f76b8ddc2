"""gitpoap.backfill_claims and the three ways of loading history, checked against an oracle."""

import random
import re
import threading
from datetime import datetime, timedelta, timezone

import pytest
from psycopg import errors

from runner.gitpoap import backfill_claims, import_pull_requests
from tests.gitpoap.oracle import expected_claims
from tests.gitpoap.world import pr_file

LADDERS = {2019: [1, 3, 6], 2020: [1, 4], 2021: [2, 5]}


def history(seed=11, n=160):
    """Deterministic rows (number, login, merged_at) across a year boundary, with bots and unmerged PRs."""
    rng = random.Random(seed)
    logins = [f"dev{i}" for i in range(12)] + ["renovate[bot]"]
    start = datetime(2019, 6, 1, tzinfo=timezone.utc)
    rows = []
    for number in range(1, n + 1):
        merged = None if rng.random() < 0.08 else start + timedelta(hours=rng.randrange(0, 24 * 900))
        if merged is not None and rng.random() < 0.1:  # land some right at the UTC new year
            merged = datetime(2020 + rng.randrange(2), 1, 1, tzinfo=timezone.utc) - timedelta(minutes=rng.randrange(-90, 90))
        rows.append((number, rng.choice(logins[: rng.randrange(1, len(logins) + 1)]), merged))
    return rows


def add_ladders(world, project_id):
    for year, thresholds in LADDERS.items():
        for level, threshold in enumerate(thresholds, start=1):
            world.gitpoap(year, level, threshold, project_id=project_id)


def claims_of(world, project_id):
    return {
        row[1:]
        for row in world.conn.execute(
            """SELECT g.project_id, g.year, g.level, u.login, pr.number FROM gitpoap.claim c
               JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id JOIN gitpoap.github_user u ON u.id = c.user_id
               LEFT JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id
               WHERE g.project_id = %s""",
            (project_id,),
        )
    }


def test_same_history_same_claims_row_by_row_one_statement_or_deferred(world):
    rows = history()
    expected = expected_claims(rows, LADDERS)
    assert len(expected) > 20  # the history reaches a fair number of levels

    add_ladders(world, world.project_id)
    for row in sorted(rows, key=lambda r: (r[2] is None, r[2] or datetime.min.replace(tzinfo=timezone.utc), r[0])):
        world.pr(*row)  # one statement per PR, in merge order
    assert claims_of(world, world.project_id) == expected

    one = world.project("one-statement")
    one_repo = world.repo("acme/one", one)
    add_ladders(world, one)
    world.prs(rows, repo_id=one_repo, project_id=one)
    assert claims_of(world, one) == expected

    result = import_pull_requests(world.conn, pr_file(rows), "acme/deferred", defer_claims=True)
    add_ladders(world, result.project_id)
    assert claims_of(world, result.project_id) == set()  # counting was off during the load
    chunks = list(backfill_claims(world.conn, project_id=result.project_id, batch_size=5))
    assert len(chunks) > 3 and chunks[-1].done and not any(c.done for c in chunks[:-1])
    assert sum(c.claims_issued for c in chunks) == len(expected)
    assert claims_of(world, result.project_id) == expected
    assert sum(c.merged_prs for c in chunks) == sum(1 for _, login, merged in rows if merged and "[bot]" not in login)


def test_backfill_repairs_lost_claims_and_wrong_counters(world, db):
    rows = history(seed=3, n=60)
    add_ladders(world, world.project_id)
    world.prs(rows)
    expected = expected_claims(rows, LADDERS)
    counters = db.execute("SELECT * FROM gitpoap.contribution ORDER BY 1, 2, 3").fetchall()
    db.execute("DELETE FROM gitpoap.claim")
    db.execute("UPDATE gitpoap.contribution SET merged_prs = merged_prs + 7")
    db.execute("""INSERT INTO gitpoap.contribution (project_id, year, user_id, merged_prs)
                  SELECT %s, 2030, id, 99 FROM gitpoap.github_user WHERE login = 'dev0'""", (world.project_id,))
    (issued,) = db.execute("SELECT claims_issued FROM gitpoap.backfill_claims()").fetchone()
    assert issued == len(expected)
    assert claims_of(world, world.project_id) == expected
    repaired = db.execute("SELECT * FROM gitpoap.contribution WHERE year <> 2030 ORDER BY 1, 2, 3").fetchall()
    assert [r[:4] for r in repaired] == [c[:4] for c in counters]
    assert db.execute("SELECT merged_prs FROM gitpoap.contribution WHERE year = 2030").fetchone() == (0,)
    # Idempotent: a second run issues nothing.
    assert db.execute("SELECT claims_issued FROM gitpoap.backfill_claims()").fetchone() == (0,)


def test_backfill_scoped_to_one_gitpoap_or_one_project(world, db):
    rows = history(seed=5, n=40)
    other = world.project("other")
    other_repo = world.repo("other/x", other)
    db.execute("SELECT set_config('rewards.defer_claims', 'on', false)")
    world.prs(rows)
    world.prs(rows, repo_id=other_repo, project_id=other)
    db.execute("SELECT set_config('rewards.defer_claims', '', false)")
    db.execute("ALTER TABLE gitpoap.gitpoap DISABLE TRIGGER USER")  # GitPOAPs exist before any counting
    add_ladders(world, world.project_id)
    add_ladders(world, other)
    db.execute("ALTER TABLE gitpoap.gitpoap ENABLE TRIGGER USER")
    expected = expected_claims(rows, LADDERS)
    target = db.execute(
        "SELECT id FROM gitpoap.gitpoap WHERE project_id = %s AND year = 2020 AND level = 1", (world.project_id,)
    ).fetchone()[0]
    issued = sum(c.claims_issued for c in backfill_claims(db, gitpoap_id=target, batch_size=3))
    assert claims_of(world, world.project_id) == {c for c in expected if c[:2] == (2020, 1)}
    assert issued == len({c for c in expected if c[:2] == (2020, 1)})
    assert claims_of(world, other) == set()
    list(backfill_claims(db, project_id=other))
    assert claims_of(world, other) == expected
    assert claims_of(world, world.project_id) == {c for c in expected if c[:2] == (2020, 1)}


def test_killed_backfill_then_rerun_gives_exact_claims(world, db, connect, wait_until_blocked):
    rows = history(seed=8, n=80)
    db.execute("SELECT set_config('rewards.defer_claims', 'on', false)")
    world.prs(rows)
    db.execute("SELECT set_config('rewards.defer_claims', '', false)")
    add_ladders(world, world.project_id)
    assert claims_of(world, world.project_id) == set()
    expected = expected_claims(rows, LADDERS)

    runner, blocker = connect(), connect()
    chunks = backfill_claims(runner, batch_size=4)
    first = next(chunks)  # one chunk committed
    assert first.claims_issued > 0 and not first.done
    # The next chunk waits on a PR writer holding its counters; kill the backfill there, mid-transaction.
    with blocker.transaction():
        world.on(blocker).pr(999, "dev11", "2019-07-01Z")
        failure = []

        def finish_backfill():
            try:
                list(chunks)
            except Exception as exc:
                failure.append(exc)

        thread = threading.Thread(target=finish_backfill)
        thread.start()
        wait_until_blocked(runner.info.backend_pid)
        db.execute("SELECT pg_terminate_backend(%s)", (runner.info.backend_pid,))
        thread.join(timeout=30)
    assert failure and "terminating connection" in str(failure[0])
    partial = claims_of(world, world.project_id)
    assert partial and partial < expected | {(2019, 1, "dev11", 999)}

    list(backfill_claims(connect(), batch_size=4))
    rows.append((999, "dev11", datetime(2019, 7, 1, tzinfo=timezone.utc)))
    assert claims_of(world, world.project_id) == expected_claims(rows, LADDERS)


@pytest.mark.parametrize(
    ("args", "message"),
    [("p_project_id => 424242", "p_project_id: no project with id 424242"),
     ("p_gitpoap_id => 424242", "p_gitpoap_id: no GitPOAP with id 424242"),
     ("p_batch_size => 0", "p_batch_size must be at least 1 (got 0)")],
)
def test_backfill_argument_errors(db, args, message):
    with pytest.raises((errors.NoDataFound, errors.InvalidParameterValue), match=re.escape(message)):
        db.execute(f"SELECT * FROM gitpoap.backfill_claims({args})")
