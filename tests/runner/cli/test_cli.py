"""The CLI around the gitpoap functions: demo, gitpoaps add/list, backfill-claims, README ↔ CI."""

import json
from pathlib import Path

import psycopg
from click.testing import CliRunner
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from runner.cli import main

ROOT = Path(__file__).resolve().parents[3]


def run(dsn, *args):
    return CliRunner().invoke(main, ["--dsn", dsn, *map(str, args)])


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text().splitlines()
    test_line = next(line for line in readme if line.rstrip().endswith("# the tests"))
    command = test_line.split("#")[0].strip()
    assert command in (ROOT / ".ci" / "run").read_text().splitlines()


def test_demo_runs_and_drops_its_database(dsn, db):
    server = make_conninfo(dsn, dbname="postgres")
    result = run(server, "demo")
    assert result.exit_code == 0, result.output
    name = result.output.splitlines()[0].removeprefix("database: ")
    assert "claims per year and level" in result.output and "top contributors" in result.output
    lines = result.output.splitlines()
    table = lines[lines.index("year  level  threshold  claims") + 1:][:15]
    assert [line.split()[:3] for line in table[:3]] == [["2019", "1", "1"], ["2019", "2", "5"], ["2019", "3", "20"]]
    # Claims fall as the threshold rises, and the generated history reaches every level.
    claims = [int(line.split()[3]) for line in table[:3]]
    assert claims[0] > claims[1] > claims[2] > 0
    assert lines[-3:] == ["0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1    1000 points",
                          "0xb0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0    1800 points",
                          "0xc4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4       0 points"]
    assert db.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).fetchone() == (0,)


def test_demo_keep_leaves_the_database(dsn, db):
    server = make_conninfo(dsn, dbname="postgres")
    result = run(server, "demo", "--keep")
    name = result.output.splitlines()[0].removeprefix("database: ").removesuffix(" (kept)")
    try:
        with psycopg.connect(make_conninfo(dsn, dbname=name)) as kept:
            assert kept.execute("SELECT count(*) > 1000 FROM gitpoap.pull_request").fetchone() == (True,)
    finally:
        db.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_gitpoaps_add_and_list(dsn, db):
    db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme')")
    added = run(dsn, "gitpoaps", "add", "--project", "acme", "--year", 2022, "--levels", "1,5")
    assert added.exit_code == 0, added.output
    assert "acme 2022 level 2 (threshold 5): 0 claims issued" in added.output
    assert json.loads(run(dsn, "gitpoaps", "list", "--json").output)[1] == {
        "id": 2, "project": "acme", "year": 2022, "level": 2, "threshold": 5, "status": "UNAPPROVED", "enabled": True,
        "claims": 0}
    listed = run(dsn, "gitpoaps", "list")
    assert [line.split()[1:] for line in listed.output.splitlines()[1:]] == [
        ["acme", "2022", "1", "1", "UNAPPROVED", "yes", "0"], ["acme", "2022", "2", "5", "UNAPPROVED", "yes", "0"]]


def test_gitpoaps_add_errors(dsn, db, checksum):
    db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme')")
    before = checksum()
    missing = run(dsn, "gitpoaps", "add", "--project", "nope", "--year", 2022, "--levels", "1")
    assert missing.exit_code == 1 and "--project: no project named 'nope'" in missing.output
    bad = run(dsn, "gitpoaps", "add", "--project", "acme", "--year", 2022, "--levels", "1,x")
    assert bad.exit_code == 2 and "want comma-separated whole numbers" in bad.output
    unordered = run(dsn, "gitpoaps", "add", "--project", "acme", "--year", 2022, "--levels", "5,5")
    assert unordered.exit_code == 1 and "level 2 needs a threshold greater than level 1's 5 (got 5)" in unordered.output
    zero = run(dsn, "gitpoaps", "add", "--project", "acme", "--year", 2022, "--levels", "0")
    assert zero.exit_code == 1 and "--levels must be at least 1 merged pull request (got 0)" in zero.output
    assert checksum() == before


def test_backfill_claims_command(dsn, db):
    db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme')")
    db.execute("INSERT INTO gitpoap.repo (project_id, name) SELECT id, 'acme/x' FROM gitpoap.project")
    db.execute("INSERT INTO gitpoap.github_user (login) VALUES ('alice')")
    db.execute("SET rewards.defer_claims = on")
    db.execute("""INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)
                  SELECT r.id, r.project_id, g, u.id, '2022-03-03Z' FROM gitpoap.repo r, gitpoap.github_user u,
                  generate_series(1, 3) g""")
    db.execute("RESET rewards.defer_claims")
    assert run(dsn, "gitpoaps", "add", "--project", "acme", "--year", 2022, "--levels", "1,3").exit_code == 0
    result = run(dsn, "backfill-claims", "--project", "acme", "--batch-size", 1)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "2 claims issued"
    assert run(dsn, "backfill-claims").output.strip().splitlines()[-1] == "0 claims issued"
    assert json.loads(run(dsn, "backfill-claims", "--json").output) == {"claims_issued": 0}
    unknown = run(dsn, "backfill-claims", "--project", "nope")
    assert unknown.exit_code == 1 and "--project: no project named 'nope'" in unknown.output
    both = run(dsn, "backfill-claims", "--project", "acme", "--gitpoap", 1)
    assert both.exit_code == 2 and "not both" in both.output


def test_dsn_names_database_tried_when_missing(dsn):
    params = conninfo_to_dict(dsn)
    result = run(make_conninfo(dsn, dbname="no_such_db"), "gitpoaps", "list")
    assert result.exit_code == 2
    assert f"host={params['host']} port={params['port']} dbname=no_such_db" in result.output
