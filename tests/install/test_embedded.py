"""The embedded PostgreSQL 18 (runner.embedded): `runner demo`'s fallback and its limits, `runner dev`, and the
PostgreSQL 18 smoke run CI makes beside the full suite on 15 — migrate, a GitPOAP + tiers + points round trip,
migrate → roll back everything → migrate. Each test starts its own embedded servers, whatever server the suite uses.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from runner import embedded
from runner import migrate as migrations
from runner.cli import main
from tests.support import MIGRATIONS, PROJECT_SCHEMAS, schema_dump
from tests.runner.helpers import free_port

ALICE = "0x" + "a1" * 20


def runner(*args, **env) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*map(str, args)], env=env or None)
    return result.exit_code, result.output


@pytest.fixture
def nothing_at_defaults(monkeypatch) -> str:
    """No --dsn / DATABASE_URL, and libpq's defaults point at a closed port; returns that port."""
    for name in ("DATABASE_URL", "PGSERVICE", "PGDATABASE", "PGUSER"):
        monkeypatch.delenv(name, raising=False)
    port = str(free_port())
    monkeypatch.setenv("PGHOST", "127.0.0.1")
    monkeypatch.setenv("PGPORT", port)
    return port


@pytest.fixture
def own_tempdir(monkeypatch) -> Path:
    """A fresh temporary folder (open to the server's own user when root runs the tests) as tempfile's default."""
    folder = Path(tempfile.mkdtemp(prefix="pg-rewards-test-"))
    folder.chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_demo_with_nothing_answering_runs_on_a_throwaway_embedded_server(nothing_at_defaults, own_tempdir):
    code, output = runner("demo")
    assert code == 0, output
    lines = output.splitlines()
    assert re.fullmatch(rf"server: a throwaway embedded PostgreSQL 18\.\d+, because nothing answers at "
                        rf"host=127\.0\.0\.1 port={nothing_at_defaults} dbname=\S+ user=\S+ "
                        r"\(choose a server with --dsn or DATABASE_URL\)", lines[0]), lines[0]
    assert lines[2] == f"migrated: {len(migrations.migration_files())} migrations"
    assert lines[-1] == "0xc4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4       0 points"
    assert list(own_tempdir.iterdir()) == []  # the server and its data are gone


def test_demo_keep_needs_a_lasting_server(nothing_at_defaults, own_tempdir):
    code, output = runner("demo", "--keep")
    assert code == 1 and len(output.splitlines()) == 1
    assert output.startswith(f"runner: nothing answers at host=127.0.0.1 port={nothing_at_defaults} ")
    assert output.endswith(", and --keep needs a server that outlives the demo: run `runner dev start` and export "
                           "the DATABASE_URL it prints\n")
    assert list(own_tempdir.iterdir()) == []


@pytest.mark.parametrize("how", ["--dsn", "DATABASE_URL"])
def test_given_settings_never_fall_back(how, nothing_at_defaults, own_tempdir):
    closed = f"host=127.0.0.1 port={free_port()} dbname=nowhere"
    args, env = (["--dsn", closed], {}) if how == "--dsn" else ([], {"DATABASE_URL": closed})
    code, output = runner(*args, "demo", **env)
    assert code == 2
    assert output.startswith(f"runner: cannot connect to PostgreSQL at {closed} ")
    assert len(output.splitlines()) == 1
    assert list(own_tempdir.iterdir()) == []


def test_other_commands_never_fall_back(nothing_at_defaults, own_tempdir):
    code, output = runner("migrate")
    assert code == 2
    assert output.startswith(f"runner: cannot connect to PostgreSQL at host=127.0.0.1 port={nothing_at_defaults} ")
    assert len(output.splitlines()) == 1


def test_dev_start_status_stop_and_commands_against_it(shared_data):
    data_dir = Path(tempfile.mkdtemp(prefix="pg-rewards-dev-test-"))
    dev = ["dev", "--data-dir", data_dir]
    try:
        assert runner(*dev, "status") == (3, f"# not running (data in {data_dir}); start it with `runner dev start`\n")
        code, output = runner(*dev, "start")
        assert code == 0, output
        comment, export = output.splitlines()
        assert re.fullmatch(rf"# embedded PostgreSQL 18\.\d+ running, data in {re.escape(str(data_dir))}; "
                            r"stop it with `runner dev stop`", comment)
        url = export.removeprefix("export DATABASE_URL=").strip("'")
        assert conninfo_to_dict(url) == {"host": str(data_dir), "user": "postgres", "dbname": "rewards"}
        assert runner(*dev, "start")[1].splitlines()[1] == export  # a second start finds it running
        assert runner(*dev, "status") == (0, f"# running, data in {data_dir}\n{export}\n")

        code, output = runner("migrate", DATABASE_URL=url)
        assert code == 0 and f"{len(migrations.migration_files())} migrations applied" in output, output
        code, output = runner("import-prs", shared_data("flask-merged-prs.json"), "--repo", "pallets/flask",
                              DATABASE_URL=url)
        assert code == 0, output
        with psycopg.connect(url) as conn:
            stored = conn.execute("SELECT count(*) FROM gitpoap.pull_request").fetchone()[0]
        assert re.search(rf"^PRs inserted +{stored}$", output, re.M) and stored > 1000

        assert runner(*dev, "stop") == (0, f"# stopped (data in {data_dir})\n")
        assert runner(*dev, "stop") == (0, f"# not running (data in {data_dir})\n")
        assert runner(*dev, "status")[0] == 3
        assert runner(*dev, "start")[0] == 0  # the data stayed
        assert runner("migrate", DATABASE_URL=url)[1].startswith("0 migrations applied")
    finally:
        runner(*dev, "stop")
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="only a server started by root runs as another user")
def test_as_root_a_folder_closed_to_other_users_is_refused_not_opened():
    closed = Path(tempfile.mkdtemp(prefix="pg-rewards-closed-"))  # mode 0700
    try:
        code, output = runner("dev", "--data-dir", closed / "postgres", "start")
        assert code == 1 and len(output.splitlines()) == 1
        assert output.startswith("runner: the embedded PostgreSQL runs as the system user embedded_postgres when "
                                 f"started by root, and {closed} is closed to other users (mode 700)")
        assert oct(closed.stat().st_mode & 0o777) == "0o700"
        assert list(closed.iterdir()) == []
    finally:
        shutil.rmtree(closed)


# --- PostgreSQL 18 smoke run ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg18():
    """``pg18(name)`` → URI of a new empty database on a module-wide embedded PostgreSQL 18."""
    with embedded.throwaway_server() as uri:
        def _database(name: str) -> str:
            with psycopg.connect(uri, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            return make_conninfo(uri, dbname=name)

        yield _database


def test_pg18_migrate_and_a_gitpoap_tiers_points_round_trip(pg18, tmp_path):
    dsn = pg18("round_trip")
    with psycopg.connect(dsn) as conn:
        assert conn.info.server_version // 10000 == 18
    code, output = runner("--dsn", dsn, "migrate")
    assert code == 0 and output.endswith(f"{len(migrations.repeatable_files())} function/trigger files re-applied\n")

    prs = tmp_path / "prs.json"
    prs.write_text(json.dumps([
        {"number": n, "title": f"PR {n}", "author": {"login": login}, "mergedAt": f"2024-0{n}-01T12:00:00Z",
         "mergeCommit": {"oid": f"{n:07x}"}}
        for n, login in ((1, "alice"), (2, "alice"), (3, "alice"), (4, "bob"), (5, "dependabot[bot]"))]))
    assert runner("--dsn", dsn, "import-prs", prs, "--repo", "acme/rocket")[0] == 0
    code, output = runner("--dsn", dsn, "gitpoaps", "add", "--project", "acme/rocket", "--year", 2024, "--levels", "1,3")
    assert re.findall(r"level (\d) \(threshold (\d)\): (\d) claims? issued", output) == [
        ("1", "1", "2"), ("2", "3", "1")], output

    code, output = runner("--dsn", dsn, "tiers", "for-balance", 60000)
    assert code == 0 and "grandmaster" in output, output

    score = {"address": ALICE, "community_id": 1, "score": 25,
             "scored_at": "2025-07-01T00:00:00Z",
             "stamps": [{"provider": "SelfStakingGold", "credential": {"expirationDate": "2026-01-01T00:00:00Z"}}]}
    (tmp_path / "scores.json").write_text(json.dumps([score]))
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT human_points.upsert_community(1, 'c', true)")
        conn.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 60000)", (ALICE,))
        assert conn.execute("SELECT tier_key FROM tiers.wallet").fetchall() == [("grandmaster",)]
        assert runner("--dsn", dsn, "points", "import-scores", tmp_path / "scores.json")[0] == 0
        assert json.loads(runner("--dsn", dsn, "points", "show", ALICE, "--json")[1]) == {
            "total_points": 500, "is_eligible": True, "multiplier": 1, "breakdown": {"identity_staking_gold": 500}}
        claims = conn.execute("""SELECT u.login, g.level FROM gitpoap.claim c JOIN gitpoap.github_user u ON u.id = c.user_id
                                 JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id ORDER BY 1, 2""").fetchall()
    assert claims == [("alice", 1), ("alice", 2), ("bob", 1)]


def test_pg18_migrate_rollback_everything_migrate_gives_the_same_schema(pg18):
    dsn = pg18("rollback_all")
    migrations.migrate(dsn)
    before = schema_dump(dsn, 18)  # the embedded wheel's pg_dump 18
    ids = [p.stem for p in sorted(MIGRATIONS.glob("*.sql")) if not p.name.endswith(".rollback.sql")]
    assert migrations.rollback(dsn, steps=len(ids)) == ids[::-1]
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = ANY(%s)",
                            (list(PROJECT_SCHEMAS),)).fetchone() == (0,)
    assert migrations.migrate(dsn)[0] == ids
    assert schema_dump(dsn, 18) == before
