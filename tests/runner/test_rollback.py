"""`runner migrate --rollback N`: the database goes back to the version it had, functions and triggers included,
or the rollback refuses and changes nothing.

Releases of this repository used here: RELEASES[0] has db/ at 0042_core_validate_input_rules (the pull_request
trigger calls gitpoap._count_merged_prs), RELEASES[1] at 0043 (that function dropped, _uncount_merged_prs
added), RELEASES[2] at 0044 (tiers.tier_for_balance runs with the caller's rights and rewards_app may read
tiers.tier; rolling 0044 back revokes that grant, so the 0043 function must come back with it).
"""

from __future__ import annotations

import shutil

import psycopg
import pytest
from click.testing import CliRunner

from runner import migrate as migrations
from runner.cli import main
from runner.upgrade import MigrateError
from tests.support import ROOT, schema_dump, server_major

RELEASES = ("1cdde31", "8ddf44e", "a9df03f")


def application_works(dsn: str) -> None:
    """As rewards_app: look a balance's tier up and insert a merged PR (its trigger counts it)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        project = conn.execute("INSERT INTO gitpoap.project (name) VALUES (md5(random()::text)) RETURNING id").fetchone()[0]
        repo = conn.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, 'o/' || md5(random()::text)) RETURNING id",
                            (project,)).fetchone()[0]
        user = conn.execute("INSERT INTO gitpoap.github_user (login) VALUES (md5(random()::text)) RETURNING id").fetchone()[0]
        conn.execute("SET ROLE rewards_app")
        assert conn.execute("SELECT tier_key FROM tiers.tier_for_balance(100)").fetchone() == ("none",)
        conn.execute("INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at) "
                     "VALUES (%s, %s, 1, %s, '2023-05-01T00:00:00Z')", (repo, project, user))
        conn.execute("RESET ROLE")
        assert conn.execute("SELECT merged_prs FROM gitpoap.contribution WHERE user_id = %s", (user,)).fetchone() == (1,)


def test_rollback_to_a_version_this_database_never_ran_refuses_and_changes_nothing(dsn, db):
    """The test database went from nothing to the newest version in one run, so the files of the version
    before were never applied to it: `--rollback 1` says so in one line, and the schema, the migrations
    applied and the application are as they were."""
    major = server_major(db)
    before = schema_dump(dsn, major)
    result = CliRunner().invoke(main, ["--dsn", dsn, "migrate", "--rollback", "1"])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "cannot roll back to" in result.output and "nothing changed" in result.output
    assert all(state.applied for state in migrations.status(dsn))
    assert schema_dump(dsn, major) == before
    application_works(dsn)


def test_rollback_walks_back_through_the_releases_this_database_ran(fresh_dsn, db, release_tree):
    """Migrated release by release, then to this tree: each rollback gives exactly the schema (pg_dump) the
    database had at that release — functions, triggers and grants included — and the application works at
    every step; migrating again gives the newest schema back."""
    major = server_major(db)
    dumps = []
    for commit in RELEASES:
        migrations.migrate(fresh_dsn, db_dir=release_tree(commit) / "db")
        application_works(fresh_dsn)
        dumps.append(schema_dump(fresh_dsn, major))
    assert len(set(dumps)) == len(RELEASES)  # each release's schema differs from the others
    migrations.migrate(fresh_dsn)
    newest = schema_dump(fresh_dsn, major)

    ids = [state.id for state in migrations.status(fresh_dsn)]
    beyond = len(ids) - ids.index("0044_tiers_tier_readable") - 1  # migrations this tree has past RELEASES[-1]
    if beyond:
        migrations.rollback(fresh_dsn, steps=beyond)
    for dump, expected_id in zip(dumps[::-1], ("0044_tiers_tier_readable", "0043_gitpoap_drop_count_merged_prs",
                                               "0042_core_validate_input_rules")):
        assert schema_dump(fresh_dsn, major) == dump, f"the schema at {expected_id} is not what it was"
        application_works(fresh_dsn)
        if expected_id != "0042_core_validate_input_rules":
            assert migrations.rollback(fresh_dsn, steps=1) == [expected_id]
    migrations.migrate(fresh_dsn)
    assert schema_dump(fresh_dsn, major) == newest


def test_rollback_drops_what_the_newer_version_added_and_restores_what_it_changed(dsn, db, tmp_path):
    """A newer version adds a column, a function reading it (a SQL-standard body, which depends on the
    column), a trigger with its trigger function, and changes an existing function: rolling it back leaves
    exactly the schema before."""
    major = server_major(db)
    before = schema_dump(dsn, major)
    db_dir = tmp_path / "db"
    shutil.copytree(ROOT / "db", db_dir)
    newest = sorted(p.stem for p in (db_dir / "migrations").glob("*.sql") if not p.stem.endswith(".rollback"))[-1]
    (db_dir / "migrations" / "9999_zz_probe.sql").write_text(
        f"-- depends: {newest}\n-- A probe column.\nSET LOCAL lock_timeout = '5s';\n"
        "ALTER TABLE gitpoap.project ADD COLUMN zz_probe integer;\n")
    (db_dir / "migrations" / "9999_zz_probe.rollback.sql").write_text(
        "SET LOCAL lock_timeout = '5s';\nALTER TABLE gitpoap.project DROP COLUMN zz_probe;\n")
    (db_dir / "functions" / "gitpoap" / "zz_probe.sql").write_text(
        "-- gitpoap.zz_probe: reads the probe column.\n"
        "CREATE OR REPLACE FUNCTION gitpoap.zz_probe() RETURNS bigint LANGUAGE sql STABLE\n"
        "BEGIN ATOMIC SELECT count(p.zz_probe) FROM gitpoap.project p; END;\n")
    (db_dir / "triggers" / "gitpoap" / "zz_project.sql").write_text(
        "-- project: a probe trigger.\n"
        "CREATE OR REPLACE FUNCTION gitpoap.tg_project__zz() RETURNS trigger LANGUAGE plpgsql VOLATILE\n"
        "AS $$ BEGIN RETURN NULL; END; $$;\n"
        "CREATE OR REPLACE TRIGGER _900_zz AFTER INSERT ON gitpoap.project\n"
        "    FOR EACH STATEMENT EXECUTE FUNCTION gitpoap.tg_project__zz();\n")
    changed = db_dir / "functions" / "tiers" / "tier_for_balance.sql"
    changed.write_text(changed.read_text().replace("would land in the highest tier.", "would land in the highest tier (probe)."))
    assert "(probe)" in changed.read_text()

    assert migrations.migrate(dsn, db_dir=db_dir) == (["9999_zz_probe"], 3)  # the changed files only
    assert db.execute("SELECT to_regprocedure('gitpoap.zz_probe()') IS NOT NULL").fetchone()[0]
    assert migrations.rollback(dsn, steps=1, db_dir=db_dir) == ["9999_zz_probe"]
    assert schema_dump(dsn, major) == before
    application_works(dsn)


def test_a_database_newer_than_the_release_is_left_alone(dsn, db, tmp_path):
    """A release that does not know the database's newest migration (an older runner after a newer one ran)
    neither migrates nor rolls back: one line naming the migration it does not know; nothing changes."""
    db_dir = tmp_path / "db"
    shutil.copytree(ROOT / "db", db_dir)
    newest = sorted((db_dir / "migrations").glob("*.sql"))[-2:]
    for path in newest:
        path.unlink()
    unknown = newest[0].name.removesuffix(".rollback.sql").removesuffix(".sql")
    major = server_major(db)
    before = schema_dump(dsn, major)
    for attempt in (lambda: migrations.migrate(dsn, db_dir=db_dir), lambda: migrations.rollback(dsn, 1, db_dir=db_dir)):
        with pytest.raises(MigrateError, match=f"does not know \\({unknown}\\)"):
            attempt()
    assert schema_dump(dsn, major) == before
