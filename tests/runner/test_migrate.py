"""`runner migrate`: idempotent, roles, status and rollback."""

from click.testing import CliRunner

from runner.cli import main


def run(dsn, *args):
    return CliRunner().invoke(main, ["--dsn", dsn, *args], catch_exceptions=False)


def test_second_run_changes_nothing(dsn, db):
    before = db.execute("SELECT count(*) FROM yoyo._yoyo_migration").fetchone()[0]
    result = run(dsn, "migrate")
    assert result.exit_code == 0, result.output
    assert "0 migrations applied" in result.output
    assert "0 function/trigger files re-applied" in result.output  # none changed since the template's run
    assert db.execute("SELECT count(*) FROM yoyo._yoyo_migration").fetchone()[0] == before


def test_roles_exist_as_group_roles(db):
    rows = db.execute(
        "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'rewards\\_%' ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("rewards_admin", False),
        ("rewards_app", False),
        ("rewards_bi", False),
        ("rewards_owner", False),
    ]
    assert db.execute("SELECT pg_has_role('rewards_admin', 'rewards_app', 'MEMBER')").fetchone()[0]


def test_status_lists_every_migration_applied(dsn):
    result = run(dsn, "migrate", "--status")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines and all(line.startswith("applied  ") for line in lines)
    assert lines[0] == "applied  0001_core_roles"


def test_rollback_everything_then_migrate_again(dsn, db):
    count = db.execute("SELECT count(*) FROM yoyo._yoyo_migration").fetchone()[0]
    result = run(dsn, "migrate", "--rollback", str(count))
    assert result.exit_code == 0, result.output
    assert f"{count} migrations rolled back" in result.output
    status = run(dsn, "migrate", "--status").output.splitlines()
    assert status and all(line.startswith("pending  ") for line in status)
    again = run(dsn, "migrate")
    assert f"{count} migrations applied" in again.output
    assert all(line.startswith("applied") for line in run(dsn, "migrate", "--status").output.splitlines())


def test_no_server_gives_one_line_and_exit_2():
    result = CliRunner().invoke(
        main, ["--dsn", "host=127.0.0.1 port=1 dbname=nowhere password=s3cret", "migrate"]
    )
    assert result.exit_code == 2
    assert "host=127.0.0.1 port=1 dbname=nowhere" in result.output
    assert "s3cret" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_database_url_is_read(dsn, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", dsn)
    result = CliRunner().invoke(main, ["migrate", "--status"])
    assert result.exit_code == 0
    assert "applied  0001_core_roles" in result.output
