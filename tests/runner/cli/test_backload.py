"""The backloader flag decides (issue 15 item 5): `gitpoaps add` says when a project's repository history was never
loaded, `import-prs --if-not-backloaded` skips a repository already loaded, `status` lists those never loaded."""

import json

from click.testing import CliRunner

from runner.cli import main

CSV = "number,title,author,merged_at,merge_commit_sha\n1,First,alice,2020-01-01T00:00:00Z,\n2,Second,bob,2020-02-01T00:00:00Z,\n"


def run(dsn, *args):
    return CliRunner().invoke(main, ["--dsn", dsn, *args])


def test_gitpoaps_add_names_a_repository_never_loaded(dsn, db, tmp_path):
    prs = tmp_path / "prs.csv"
    prs.write_text(CSV)
    assert run(dsn, "import-prs", str(prs), "--repo", "acme/rocket", "--project", "acme").exit_code == 0
    assert run(dsn, "repos", "add", "acme/booster", "--project", "acme").exit_code == 0  # registered, never loaded

    result = run(dsn, "gitpoaps", "add", "--project", "acme", "--year", "2020", "--levels", "1,2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "runner: history never loaded for acme/booster: the claims cover only the PRs stored so far; "
        "load it with runner import-prs FILE --repo acme/booster",
        "gitpoap 1: acme 2020 level 1 (threshold 1): 2 claims issued",
        "gitpoap 2: acme 2020 level 2 (threshold 2): 0 claims issued",
    ]
    # once every repo is loaded, nothing is said
    assert run(dsn, "import-prs", str(prs), "--repo", "acme/booster", "--project", "acme").exit_code == 0
    result = run(dsn, "gitpoaps", "add", "--project", "acme", "--year", "2021", "--levels", "1", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"id": 3, "level": 1, "threshold": 1, "claims_issued": 0}]


def test_import_prs_if_not_backloaded_loads_once(dsn, db, tmp_path):
    prs = tmp_path / "prs.csv"
    prs.write_text(CSV)
    assert run(dsn, "repos", "add", "acme/rocket").exit_code == 0  # registered is not loaded
    first = run(dsn, "import-prs", str(prs), "--repo", "acme/rocket", "--if-not-backloaded", "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["inserted"] == 2
    loaded_at = db.execute("SELECT backloaded_at FROM gitpoap.repo WHERE name = 'acme/rocket'").fetchone()[0]

    prs.write_text(CSV + "3,Third,carol,2020-03-01T00:00:00Z,\n")
    again = run(dsn, "import-prs", str(prs), "--repo", "acme/rocket", "--if-not-backloaded")
    assert again.exit_code == 0, again.output
    assert again.output == (f"acme/rocket: history already loaded at {loaded_at.isoformat()}; nothing imported "
                            "(--if-not-backloaded)\n")
    assert db.execute("SELECT count(*) FROM gitpoap.pull_request").fetchone() == (2,)
    skipped = run(dsn, "import-prs", str(prs), "--repo", "acme/rocket", "--if-not-backloaded", "--json")
    assert json.loads(skipped.output) == {"skipped": True, "repo": "acme/rocket", "backloaded_at": loaded_at.isoformat()}
    # without the flag the file is imported as ever
    assert json.loads(run(dsn, "import-prs", str(prs), "--repo", "acme/rocket", "--json").output)["inserted"] == 1


def test_status_lists_repositories_never_loaded(dsn, db, tmp_path):
    prs = tmp_path / "prs.csv"
    prs.write_text(CSV)
    assert run(dsn, "import-prs", str(prs), "--repo", "acme/rocket").exit_code == 0
    for repo in ("acme/docs", "acme/booster"):
        assert run(dsn, "repos", "add", repo).exit_code == 0
    state = json.loads(run(dsn, "status", "--json").output)
    assert state["gitpoap"]["never_loaded"] == ["acme/booster", "acme/docs"]
    text = run(dsn, "status").output.splitlines()
    assert "never loaded   acme/booster, acme/docs (runner import-prs FILE --repo OWNER/NAME loads a history)" in text
