"""A merged PR counts in the UTC year of merged_at, whatever the session's TimeZone: 2021-01-01T03:00Z is still
2020 on the west coast of America, and must count in 2021 through the trigger, an import and the backfill."""

import os
import subprocess
import sys

import pytest

WEST = "America/Los_Angeles"  # UTC-8 in January: 2021-01-01T03:00Z is 2020-12-31 19:00 there
MERGED = "2021-01-01T03:00:00Z"


@pytest.fixture
def west(world, db):
    db.execute(f"SET TimeZone = '{WEST}'")
    assert db.execute("SELECT extract(year FROM %s::timestamptz)::integer", (MERGED,)).fetchone() == (2020,)
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2021, 1, 1)
    return world


def test_the_trigger_counts_in_the_utc_year(west):
    west.pr(1, "alice", MERGED)
    assert west.claims() == {(2021, 1, "alice", 1)}
    assert (west.count("alice", 2021), west.count("alice", 2020)) == (1, None)


def test_an_import_counts_in_the_utc_year(west, dsn, tmp_path):
    path = tmp_path / "prs.csv"
    path.write_text(f"number,title,author,merged_at,merge_commit_sha\n7,New year,alice,{MERGED},abcdef1\n")
    env = {**os.environ, "PGTZ": WEST}  # libpq sends it as the session's TimeZone
    subprocess.run([sys.executable, "-m", "runner", "--dsn", dsn, "import-prs", str(path), "--repo", "acme/rocket"],
                   check=True, capture_output=True, env=env)
    assert west.claims() == {(2021, 1, "alice", 7)}
    assert (west.count("alice", 2021), west.count("alice", 2020)) == (1, None)


def test_the_backfill_counts_in_the_utc_year(west, db):
    with db.transaction():
        db.execute("SET LOCAL rewards.defer_claims = on")
        west.pr(3, "alice", MERGED)
    assert west.claims() == set()
    db.execute("SELECT * FROM gitpoap.backfill_claims()")
    assert west.claims() == {(2021, 1, "alice", 3)}
    assert (west.count("alice", 2021), west.count("alice", 2020)) == (1, None)
