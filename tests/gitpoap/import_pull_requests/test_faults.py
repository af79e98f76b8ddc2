"""Faults: an import whose backend is terminated in the middle of its COPY.

(The killed-backfill case lives in test_backfill.py::test_killed_backfill_then_rerun_gives_exact_claims.)
"""

from __future__ import annotations

import csv
import random
import threading
import time
from datetime import datetime, timedelta, timezone

import psycopg
from click.testing import CliRunner

from runner.cli import main
from runner.gitpoap import import_pull_requests
from tests.gitpoap.oracle import expected_claims

RECORDS = 20_000
LADDERS = {2019: [1, 20, 40], 2020: [1, 20, 40], 2021: [1, 20, 40]}


def write_big_csv(path, n=RECORDS, seed=6):
    """A deterministic generated history: n PRs by 600 authors (some bots, some unmerged) over 2019-2021."""
    rng = random.Random(seed)
    start = datetime(2019, 1, 1, tzinfo=timezone.utc)
    rows = []
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["number", "title", "author", "merged_at", "merge_commit_sha"])
        for number in range(1, n + 1):
            login = f"dev{int(rng.paretovariate(1.2)) % 600}" if rng.random() > 0.03 else "renovate[bot]"
            merged = None if rng.random() < 0.05 else start + timedelta(seconds=rng.randrange(3 * 365 * 86400))
            writer.writerow([number, f"PR {number}", login, merged.isoformat() if merged else "",
                             f"{rng.getrandbits(160):040x}"])
            rows.append((number, login, merged))
    return rows


def test_import_killed_during_copy_loads_nothing_and_a_rerun_loads_everything(dsn, db, connect, tmp_path, checksum):
    path = tmp_path / "big.csv"
    rows = write_big_csv(path)
    db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme/big')")
    for year, thresholds in LADDERS.items():
        db.execute("SELECT gitpoap.add_gitpoaps('acme/big', %s, %s)", (year, thresholds))
    before = checksum()

    importer = connect()
    pid = importer.info.backend_pid
    halfway, resume = threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def pause(copied, done):
        if copied == RECORDS // 2 and not done:  # progress is reported every 10,000 records
            halfway.set()
            resume.wait(60)

    def run_import():
        try:
            with open(path, "rb") as stream:
                import_pull_requests(importer, stream, "acme/big", progress=pause)
        except BaseException as exc:  # noqa: BLE001 - the failure is the point
            failure.append(exc)

    thread = threading.Thread(target=run_import)
    thread.start()
    try:
        assert halfway.wait(60), "the import never reached the middle of the file"
        # The backend is inside COPY … FROM STDIN and has already stored rows of this transaction.
        deadline = time.monotonic() + 30
        while True:
            copied = db.execute("SELECT tuples_processed FROM pg_stat_progress_copy WHERE pid = %s", (pid,)).fetchone()
            if copied and copied[0] > 0 or time.monotonic() > deadline:
                break
            time.sleep(0.01)  # polling interval of the check above
        assert copied and copied[0] > 0
        assert db.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()[0].startswith(
            "COPY gitpoap.pr_import")
        assert db.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)
    finally:
        resume.set()
        thread.join(60)
    assert not thread.is_alive()
    assert failure and isinstance(failure[0], psycopg.OperationalError), failure
    assert checksum() == before  # nothing loaded: no PR, no user, no staging row, no claim

    result = CliRunner().invoke(main, ["--dsn", dsn, "import-prs", str(path), "--repo", "acme/big"])
    assert result.exit_code == 0, result.output
    assert f"records read{RECORDS:>18}" in result.output and f"PRs inserted{RECORDS:>18}" in result.output
    assert db.execute("SELECT count(*) FROM gitpoap.pull_request").fetchone() == (RECORDS,)
    claims = set(db.execute(
        """SELECT g.year, g.level, u.login, pr.number FROM gitpoap.claim c
           JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id JOIN gitpoap.github_user u ON u.id = c.user_id
           JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id""").fetchall())
    expected = expected_claims(rows, LADDERS)
    assert len(expected) > 300 and claims == expected
