"""One voice for every error, as a new user meets them: each command's failure modes as one table — the exit code
and the one line it prints (the field as the command names it, the rule, the value given, the fix) — and, under
it, runner.errors.explain on the database's own errors (SQLSTATE and field, whatever PostgreSQL's wording).
"""

from __future__ import annotations

import json

import click
import psycopg
import pytest
from click.testing import CliRunner
from psycopg.conninfo import make_conninfo

from runner import errors
from runner.cli import main

PR = {"number": 1, "title": "First", "author": {"login": "alice"}, "mergedAt": "2020-01-01T10:00:00Z",
      "mergeCommit": None}
CSV_HEADER = "number,title,author,merged_at,merge_commit_sha\n"
SCORE = {"address": "0x" + "a" * 40, "community_id": 1, "score": 25, "scored_at": "2025-07-01T00:00:00Z", "stamps": []}
NO_PROJECT = "--project: no project named 'no/such'; runner import-prs creates a project with its first repo; " \
             "runner status lists the repos"

# (command line, exit code, the line printed: "runner: " + this, or, for a usage error, "Error: " + this)
CASES = [
    (["import-prs", "{prs}", "--repo", "notaslash"], 1,
     "--repo must be owner/name of letters, digits, _ . -, at most 200 characters, e.g. pallets/flask (got 'notaslash')"),
    (["import-prs", "{prs}", "--repo", "acme/rocket", "--project", "other"], 1,
     "--project: repo 'acme/rocket' belongs to project 'acme/rocket', not 'other'; leave the project out, "
     "or name 'acme/rocket'"),
    (["import-prs", "{bad_prs}", "--repo", "acme/rocket"], 1,
     '{bad_prs}: records[1].mergedAt must be an ISO 8601 timestamp with a time zone, e.g. 2023-05-31T16:14:56Z '
     '(got "yesterday"); nothing was loaded'),
    (["import-prs", "{far_prs}", "--repo", "acme/rocket"], 1,
     '{far_prs}: records[0].mergedAt must be a time in the UTC years 2008 to 2100 (null while unmerged) '
     '(got "10000-01-01T04:00:00+00:00"); nothing was loaded'),
    (["import-prs", "{zone_prs}", "--repo", "acme/rocket"], 1,
     '{zone_prs}: records[0].merged_at must be an ISO 8601 timestamp of a real date and time, zone offset within '
     '±15:59 (got "2020-01-01T00:00:00+20:00"); nothing was loaded'),
    (["import-prs", "{nul_prs}", "--repo", "acme/rocket"], 1,
     "{nul_prs}: records[1].title must not contain NUL characters (U+0000, which PostgreSQL text cannot hold); "
     "nothing was loaded"),
    (["import-prs", "{big_prs}", "--repo", "acme/rocket"], 1,
     '{big_prs}: records[0].number must be a whole number from 1 to 2147483647 (got "2147483648"); nothing was loaded'),
    (["gitpoaps", "add", "--project", "acme/rocket", "--year", "2020", "--levels", "1,5"], 1,
     "gitpoap.gitpoap (project_id, year, level) must be unique: a project has one GitPOAP per year and level "
     "(runner gitpoaps list shows them)"),
    (["gitpoaps", "add", "--project", "acme/rocket", "--year", "1800", "--levels", "1"], 1,
     "--year must be between 2008 and 2100 (got 1800)"),
    (["gitpoaps", "add", "--project", "acme/rocket", "--year", "2021", "--levels", "0,5"], 1,
     "--levels must be at least 1 merged pull request (got 0,5)"),
    (["gitpoaps", "add", "--project", "acme/rocket", "--year", "2021", "--levels", "5,5"], 1,
     "gitpoap.threshold: level 2 needs a threshold greater than level 1's 5 (got 5) in project 1 year 2021"),
    (["gitpoaps", "add", "--project", "no/such", "--year", "2021", "--levels", "1"], 1, NO_PROJECT),
    (["backfill-claims", "--project", "no/such"], 1, NO_PROJECT),
    (["backfill-claims", "--gitpoap", "99"], 1, "--gitpoap: no GitPOAP with id 99"),
    (["backfill-claims", "--gitpoap", "1", "--project", "acme/rocket"], 2, "give --gitpoap or --project, not both"),
    (["repos", "add", "notaslash"], 1,
     "OWNER/NAME must be owner/name of letters, digits, _ . -, at most 200 characters, e.g. pallets/flask "
     "(got 'notaslash')"),
    (["repos", "add", "acme/rocket", "--project", "other"], 1,
     "--project: repo 'acme/rocket' belongs to project 'acme/rocket', not 'other'; leave the project out, "
     "or name 'acme/rocket'"),
    (["tiers", "show", "vip"], 1, "TIER 'vip' does not exist"),
    (["tiers", "delete", "9"], 1, "TIER 9 does not exist"),
    (["tiers", "create", "--key", "vip", "--name", "VIP", "--minimum-balance", "-5"], 1,
     "--minimum-balance must be >= 0 (got -5)"),
    (["tiers", "update", "elite", "--discount-percent", "150"], 1, "--discount-percent must be between 0 and 100 (got 150)"),
    (["tiers", "preview", "2", "--minimum-balance", "5000"], 1,
     "--minimum-balance must differ between active tiers (5000 is already the minimum of 'elite')"),
    (["tiers", "for-balance", "lots"], 2, "Invalid value for 'AMOUNT': 'lots' is not a number"),
    (["tiers", "wallet", "0xABC"], 1, "ADDRESS must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 "
                                      "characters (Solana) (got '0xABC')"),
    (["tiers", "set-balance", "0x" + "a" * 40, "lots"], 2, "Invalid value for 'AMOUNT': 'lots' is not a number"),
    (["tiers", "set-balance", "0x" + "a" * 40, "-5"], 1, "AMOUNT must be >= 0 (got -5)"),
    (["tiers", "import-balances", "{bad_balances}"], 1,
     "{bad_balances}: records[2].balance must be a finite number >= 0 (got 'many'); nothing was loaded"),
    (["points", "show", "0xnope"], 1, "ADDRESS must be 0x followed by 40 hex digits (got '0xnope')"),
    (["points", "import-scores", "{bad_scores}"], 1,
     '{bad_scores}: events[0].community_id must be a human_points.community id (got 9); nothing was loaded'),
    (["points", "import-scores", "{float_id_scores}"], 1,
     '{float_id_scores}: events[0].community_id must be an integer (got 1.0); nothing was loaded'),
    (["points", "populate-multipliers"], 2, "give exactly one of --file PATH or --returning-before TIMESTAMP"),
    (["points", "populate-multipliers", "--returning-before", "2025-01-01"], 1,
     "--returning-before must be an ISO 8601 timestamp with a time zone, e.g. 2025-07-15T00:00:00Z (got '2025-01-01')"),
    (["points", "communities", "add", "0", "zero"], 1, "ID must be at least 1 (got 0)"),
    (["points", "communities", "add", "7", "x" * 201], 1, f"NAME must be at most 200 characters (got '{'x' * 201}')"),
    (["points", "communities", "set-program", "9", "on"], 1,
     "ID: no community with id 9; runner points communities add ID NAME creates one; "
     "runner points communities list shows them"),
    (["points", "communities", "set-program", "1", "maybe"], 2, "Invalid value for 'on|off': 'maybe' is not one of 'on', 'off'."),
    (["points", "communities", "set-program", "1", "off", "--count-since", "2025-01-01T00:00:00Z"], 2,
     "--count-since counts past scores of a community switched on, not off"),
    (["points", "communities", "set-program", "1", "on", "--count-since", "2025"], 1,
     "--count-since must be an ISO 8601 timestamp with a time zone, e.g. 2025-07-15T00:00:00Z (got '2025')"),
    (["report", "nope"], 1, "no report named 'nope'; there are: contributor_progress, gitpoap_claims, "
                            "points_daily, points_leaderboard, points_program_summary, tier_changes_daily, wallet_tiers"),
    (["docs", "--output", "{missing}/sql-api.md"], 2,
     "Invalid value for '--output': folder '{missing}' does not exist (create it, or pick another path)"),
]


@pytest.fixture
def files(tmp_path, db):
    db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme/rocket')")
    db.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (1, 'acme/rocket')")
    db.execute("SELECT gitpoap.add_gitpoaps('acme/rocket', 2020, '{1}')")
    paths = {"prs": tmp_path / "prs.json", "bad_prs": tmp_path / "bad.json", "bad_scores": tmp_path / "scores.json",
             "float_id_scores": tmp_path / "float_id.json",
             "missing": tmp_path / "missing", "bad_balances": tmp_path / "balances.csv",
             "far_prs": tmp_path / "far.json", "zone_prs": tmp_path / "zone.csv",
             "nul_prs": tmp_path / "nul.json", "big_prs": tmp_path / "big.csv"}
    paths["bad_balances"].write_text(f"address,balance\n0x{'a' * 40},5000\n0x{'b' * 40},many\n")
    paths["prs"].write_text(json.dumps([PR]))
    paths["bad_prs"].write_text(json.dumps([PR, {**PR, "number": 2, "mergedAt": "yesterday"}]))
    paths["far_prs"].write_text(json.dumps([{**PR, "mergedAt": "9999-12-31T23:00:00-05:00"}]))
    paths["zone_prs"].write_text(f"{CSV_HEADER}1,x,alice,2020-01-01T00:00:00+20:00,\n")
    paths["nul_prs"].write_text(json.dumps([PR, {**PR, "number": 2, "title": "a\x00b"}]))
    paths["big_prs"].write_text(f"{CSV_HEADER}2147483648,x,alice,,\n")
    paths["bad_scores"].write_text(json.dumps([{**SCORE, "community_id": 9}]))
    paths["float_id_scores"].write_text(json.dumps([{**SCORE, "community_id": 1.0}]))
    db.execute("SELECT human_points.upsert_community(1, 'one', false)")
    return {name: str(path) for name, path in paths.items()}


@pytest.mark.parametrize(("args", "code", "line"), CASES, ids=[" ".join(c[0][:3]) for c in CASES])
def test_each_failure_is_one_line_naming_field_rule_and_fix(dsn, files, checksum, args, code, line):
    before = checksum()
    result = CliRunner().invoke(main, ["--dsn", dsn, *[a.format(**files) for a in args]])
    expected = line.format(**files)
    assert result.exit_code == code, result.output
    if code == 1:
        assert result.output == f"runner: {expected}\n"
    else:  # click's usage error: the usage, then one line
        assert result.output.rstrip("\n").splitlines()[-1] == f"Error: {expected}"
    assert checksum() == before


# (`runner tiers list` answers from KOHAI_*_MIN there: tests/runner/cli/test_tiers.py)
@pytest.mark.parametrize("args", [["gitpoaps", "list"], ["tiers", "show", "elite"], ["points", "status"], ["status"],
                                  ["backfill-claims"], ["import-prs", "{prs}", "--repo", "a/b"]])
def test_an_unmigrated_database_says_run_runner_migrate(postgresql_server, db, tmp_path, args):
    """A database without the project's schemas: every command says so and what to do, in one line."""
    name = f"{db.info.dbname}_empty"
    db.execute(f'CREATE DATABASE "{name}"')
    try:
        prs = tmp_path / "prs.json"
        prs.write_text(json.dumps([PR]))
        dsn = make_conninfo(host=db.info.host, port=db.info.port, user=db.info.user, dbname=name)
        result = CliRunner().invoke(main, ["--dsn", dsn, *[a.format(prs=prs) for a in args]])
        assert result.exit_code == 1
        assert len(result.output.splitlines()) == 1
        assert result.output.startswith("runner: the database is not migrated to this version of runner (")
        assert result.output.endswith("; run `runner migrate`\n")
    finally:
        db.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_every_command_but_serve_has_json(cli):
    """--json on every command that prints a result (serve prints none: it serves)."""

    def leaves(command: click.Command, path: tuple[str, ...]):
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from leaves(sub, (*path, name))
        else:
            yield path, command

    without = [" ".join(path) for path, command in leaves(main, ())
               if path != ("serve",) and not any(p.name == "as_json" for p in command.params)]
    assert without == []


@pytest.mark.parametrize(
    ("statement", "sqlstate", "field", "column"),
    [
        # PostgreSQL's own messages (a CHECK, a unique key, a NOT NULL, a foreign key): the field and the rule come
        # from the constraint and its comment, never from the message's wording or the failing row.
        ("INSERT INTO gitpoap.repo (project_id, name) VALUES (1, 'notaslash')", "23514", "gitpoap.repo.name", "name"),
        ("INSERT INTO gitpoap.gitpoap (project_id, name, year) VALUES (1, 'x', 2020)", "23505",
         "gitpoap.gitpoap (project_id, year, level)", None),
        ("INSERT INTO gitpoap.project (name) VALUES (NULL)", "23502", "gitpoap.project.name", "name"),
        ("INSERT INTO gitpoap.github_user (login) VALUES ('alice'), ('Alice')", "23505", "gitpoap.github_user.login_key",
         "login_key"),
        ("INSERT INTO gitpoap.github_user (login) VALUES ('alice');"
         " INSERT INTO gitpoap.repo (project_id, name) VALUES (1, 'acme/rocket');"
         " INSERT INTO gitpoap.pull_request (repo_id, project_id, number, title, author_id, merged_at)"
         " VALUES (1, 1, 1, 'x', 1, '9999-12-31T23:00:00-05:00')", "23514", "gitpoap.pull_request.merged_at", "merged_at"),
        ("INSERT INTO human_points.score (address, community_id, score) VALUES ('0x' || repeat('a', 40), 9, 1)",
         "23503", "human_points.score.community_id", "community_id"),
        # The project's own messages: the field is the message's first word, its column the error's COLUMN.
        ("SELECT tiers.create_tier('VIP', 'vip', 1, 150)", "23514", "tiers.tier.discount_percent", "discount_percent"),
        ("SELECT gitpoap.project_id('no/such')", "P0002", "gitpoap.project.name", "project"),
        ("SELECT human_points.points_data('0x1')", "23514", "points_data.address", "address"),
    ],
)
def test_explain_names_the_field_from_the_error_never_the_wording(db, statement, sqlstate, field, column):
    db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme')")
    db.execute("SELECT gitpoap.add_gitpoaps('acme', 2020, '{1}')")
    with pytest.raises(psycopg.Error) as caught:
        db.execute(statement)
    failure = errors.explain(caught.value, errors.constraint_rule(db))
    assert (failure.sqlstate, failure.field, failure.column) == (sqlstate, field, column)
    assert "Failing row" not in failure.line() and "DETAIL" not in failure.line() and "\n" not in failure.line()
