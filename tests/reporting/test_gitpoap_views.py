"""reporting views over gitpoap, read as rewards_bi, and `runner report`."""

import json

import pytest
from click.testing import CliRunner
from psycopg import errors

from runner.cli import main


@pytest.fixture
def history(world):
    world.gitpoap(2020, 1, 1)
    level2 = world.gitpoap(2020, 2, 3)
    world.gitpoap(2020, 3, 6)
    world.prs([(n, "alice", f"2020-0{n}-01Z") for n in range(1, 5)] + [(9, "bob", "2020-01-01Z")])
    world.conn.execute("UPDATE gitpoap.claim SET status = 'CLAIMED' WHERE gitpoap_id = %s", (level2,))
    return world


def test_claims_per_gitpoap_as_bi(history, db):
    db.execute("SET ROLE rewards_bi")
    rows = db.execute("SELECT year, level, threshold, issued, claimed FROM reporting.gitpoap_claims ORDER BY level").fetchall()
    assert rows == [(2020, 1, 1, 2, 0), (2020, 2, 3, 1, 1), (2020, 3, 6, 0, 0)]


def test_contributor_progress_as_bi(history, db):
    db.execute("SET ROLE rewards_bi")
    rows = db.execute("""SELECT login, merged_prs, current_level, next_level, next_threshold, prs_to_go
                         FROM reporting.contributor_progress ORDER BY login""").fetchall()
    assert rows == [("alice", 4, 2, 3, 6, 2), ("bob", 1, 1, 2, 3, 2)]


def test_bi_reads_reporting_only(history, db):
    db.execute("SET ROLE rewards_bi")
    with pytest.raises(errors.InsufficientPrivilege):
        db.execute("SELECT * FROM gitpoap.contribution")


def test_runner_report_lists_and_prints(history, dsn):
    cli = CliRunner()
    listing = cli.invoke(main, ["--dsn", dsn, "report"])
    assert listing.exit_code == 0
    assert any(line.startswith("gitpoap_claims ") and "Claims per GitPOAP" in line for line in listing.output.splitlines())
    as_json = cli.invoke(main, ["--dsn", dsn, "report", "contributor_progress", "--format", "json", "--where",
                                "login = 'bob'"])
    assert json.loads(as_json.output) == [{"project": "acme/rocket", "year": 2020, "login": "bob", "merged_prs": 1,
                                           "current_level": 1, "next_level": 2, "next_threshold": 3, "prs_to_go": 2}]
    as_csv = cli.invoke(main, ["--dsn", dsn, "report", "gitpoap_claims", "--format", "csv", "--limit", "1"])
    assert as_csv.output.splitlines()[0] == "gitpoap_id,project,year,level,threshold,name,status,is_enabled,issued,claimed"
    assert len(as_csv.output.splitlines()) == 2
    table = cli.invoke(main, ["--dsn", dsn, "report", "gitpoap_claims"])
    assert table.output.splitlines()[-1] == "(3 rows)"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["report", "nope"], "no report named 'nope'; there are: contributor_progress, gitpoap_claims"),
     (["report", "gitpoap_claims", "--where", "nope = 1"], 'column "nope" does not exist'),
     # A second statement cannot follow the condition (the query goes on after it: ORDER BY) …
     (["report", "gitpoap_claims", "--where", "true; DELETE FROM gitpoap.claim"], "syntax error"),
     # … and what the condition itself calls runs read-only.
     (["report", "gitpoap_claims", "--where", "human_points.set_write_enabled(false)"],
      "cannot execute UPDATE in a read-only transaction")],
)
def test_runner_report_errors(history, dsn, checksum, args, message):
    before = checksum()
    result = CliRunner().invoke(main, ["--dsn", dsn, *args])
    assert result.exit_code == 1 and message in result.output
    assert checksum() == before


@pytest.mark.parametrize("condition", [
    "true; commit; select human_points.set_write_enabled(false)",
    "true; commit; select human_points.set_write_enabled(false); select 1",
    "true ORDER BY 1; commit; select human_points.set_write_enabled(false); --",
])
def test_runner_report_where_cannot_end_the_read_only_transaction(history, dsn, db, checksum, condition):
    """The condition runs as one statement (a prepared one: the extended protocol) inside the read-only
    transaction; sent as a simple query, "true; commit; …" committed the write that follows (issue 14.14).
    The DSN is a superuser's: only the one-statement rule stops it."""
    before = checksum()
    result = CliRunner().invoke(main, ["--dsn", dsn, "report", "gitpoap_claims", "--where", condition])
    assert result.exit_code == 1
    assert result.output.startswith(f"runner: --where must be one SQL condition over the columns of "
                                     f"reporting.gitpoap_claims, run read-only (got {condition!r}): ")
    assert len(result.output.splitlines()) == 1
    assert db.execute("SELECT write_enabled FROM human_points.settings").fetchone() == (True,)
    assert checksum() == before


def plan(db, query: str) -> str:
    """EXPLAIN of ``query`` with sequential scans priced out: what remains is what no index can serve."""
    db.execute("SET enable_seqscan = off")
    return "\n".join(row[0] for row in db.execute(f"EXPLAIN {query}"))


def test_one_contributors_progress_reads_through_indexes_without_aggregating_every_claim(history, db):
    text = plan(db, "SELECT * FROM reporting.contributor_progress WHERE login = 'alice'")
    assert "Seq Scan" not in text and "HashAggregate" not in text and "GroupAggregate" not in text, text


@pytest.mark.parametrize("where", ["year = 2020", "project = 'acme/rocket'"])
def test_claims_of_some_gitpoaps_read_through_indexes(history, db, where):
    text = plan(db, f"SELECT * FROM reporting.gitpoap_claims WHERE {where}")
    assert "Seq Scan" not in text and "Index Cond: (gitpoap_id = g.id)" in text, text
