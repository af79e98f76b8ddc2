"""The package carries its SQL: runner.sql is the checkout's db/, `runner --version` names the newest migration,
and `runner migrate` refuses when it finds no migration files."""

import os
import tomllib
from importlib import metadata
from importlib.resources import files
from pathlib import Path

import psycopg
from click.testing import CliRunner

from runner import migrate as migrations
from runner.cli import main
from tests.support import MIGRATIONS, ROOT


def test_sql_is_read_through_the_package():
    assert Path(files("runner.sql")) == migrations.DB_DIR == ROOT / "db"


def test_pyproject_lists_every_package_the_wheel_needs():
    # An editable install finds any package under runner/; a wheel holds only those listed (and .ci/run's wheel
    # check fails on the missing import).
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "runner").rglob("__init__.py")}
    assert sorted(listed) == sorted(found | {"runner.sql"})


def test_version_names_the_package_version_and_the_newest_migration():
    newest = sorted(p.name for p in MIGRATIONS.glob("*.sql") if not p.name.endswith(".rollback.sql"))[-1]
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == (f"runner {metadata.version('pg-rewards')} (pg-rewards), "
                             f"migrations up to {newest.removesuffix('.sql')}\n")


def test_migrate_without_migration_files_refuses_in_one_line_and_touches_nothing(dsn, db, tmp_path, monkeypatch):
    before = db.execute("SELECT count(*) FROM yoyo._yoyo_migration").fetchone()[0]
    (tmp_path / "migrations").mkdir()
    monkeypatch.setattr(migrations.migrate, "__defaults__", (None, tmp_path))  # a runner installed without its SQL
    refusal = (f"runner: no migration files in {tmp_path / 'migrations'}: this runner was installed without its SQL; "
               "reinstall pg-rewards from a wheel or a checkout")
    result = CliRunner().invoke(main, ["--dsn", dsn, "migrate"])
    assert (result.exit_code, result.output) == (1, refusal + "\n")
    assert db.execute("SELECT count(*) FROM yoyo._yoyo_migration").fetchone()[0] == before
    demo = CliRunner().invoke(main, ["--dsn", psycopg.conninfo.make_conninfo(dsn, dbname="postgres"), "demo"])
    name = f"runner_demo_{os.getpid()}"  # the demo's database, created and dropped again
    assert (demo.exit_code, demo.output) == (1, refusal + "\n")
    assert db.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).fetchone() == (0,)
    assert migrations.newest_migration(tmp_path) is None
