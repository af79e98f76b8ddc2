"""`runner repos add | list`: registering a repository for GitHub webhooks, listing repositories."""

import json

from click.testing import CliRunner

from runner.cli import main


def run(dsn, *args):
    return CliRunner().invoke(main, ["--dsn", dsn, *args])


def test_add_registers_and_list_shows_it(dsn, db):
    result = run(dsn, "repos", "add", "acme/rocket")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("acme/rocket (project acme/rocket): webhooks accepted since ")
    assert lines[1] == "its history was never loaded: runner import-prs FILE --repo acme/rocket (docs/webhooks.md)"
    since = db.execute("SELECT w.registered_at FROM gitpoap.webhook_repo w JOIN gitpoap.repo r ON r.id = w.repo_id"
                       " WHERE r.name = 'acme/rocket'").fetchone()[0]
    assert since is not None

    # again, and into a project that already holds it: nothing changes
    result = run(dsn, "repos", "add", "acme/rocket", "--project", "acme/rocket", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"repo": "acme/rocket", "project": "acme/rocket", "backloaded_at": None,
                                         "webhooks_since": since.isoformat(), "pull_requests": 0}

    assert run(dsn, "repos", "add", "acme/booster", "--project", "acme").exit_code == 0
    db.execute("INSERT INTO gitpoap.repo (project_id, name) SELECT id, 'acme/docs' FROM gitpoap.project WHERE name = 'acme'")
    result = run(dsn, "repos", "list", "--project", "acme", "--json")
    assert [(r["repo"], r["project"], r["webhooks_since"] is not None) for r in json.loads(result.output)] == [
        ("acme/booster", "acme", True), ("acme/docs", "acme", False)]
    text = run(dsn, "repos", "list").output.splitlines()
    assert text[0].split() == ["repo", "project", "backloaded_at", "webhooks_since", "pull_requests"]
    assert [line.split()[:3] for line in text[1:4]] == [
        ["acme/booster", "acme", "never"], ["acme/docs", "acme", "never"], ["acme/rocket", "acme/rocket", "never"]]
    assert text[2].split()[3] == "-"


def test_add_of_an_imported_repo_keeps_its_project_and_history(dsn, db, tmp_path):
    prs = tmp_path / "prs.csv"
    prs.write_text("number,title,author,merged_at,merge_commit_sha\n1,First,alice,2020-01-01T00:00:00Z,\n")
    assert run(dsn, "import-prs", str(prs), "--repo", "acme/rocket", "--project", "acme").exit_code == 0
    result = run(dsn, "repos", "add", "acme/rocket", "--json")
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert (row["project"], row["backloaded_at"] is not None, row["pull_requests"]) == ("acme", True, 1)
