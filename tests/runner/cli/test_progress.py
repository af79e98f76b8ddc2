"""Long work reports progress off a terminal: a line on stderr every $RUNNER_PROGRESS_SECONDS, the result on stdout."""

import re

from click.testing import CliRunner

from runner.cli import main


def test_an_import_and_a_backfill_report_progress_every_few_seconds(dsn, db, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNNER_PROGRESS_SECONDS", "0.05")
    path = tmp_path / "prs.csv"
    rows = [f"{n},PR {n},dev{n % 500},2021-{1 + n % 12:02d}-01T00:00:00Z," for n in range(1, 40_001)]
    path.write_text("number,title,author,merged_at,merge_commit_sha\n" + "\n".join(rows) + "\n")
    result = CliRunner().invoke(main, ["--dsn", dsn, "import-prs", str(path), "--repo", "acme/rocket",
                                       "--defer-claims", "--batch-size", "50"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines and all(re.fullmatch(r"import-prs prs\.csv: .+ \(\d+ s\)", line) for line in lines), lines
    assert "PRs inserted             40000" in result.stdout.splitlines()

    backfill = CliRunner().invoke(main, ["--dsn", dsn, "backfill-claims", "--batch-size", "10"])
    assert backfill.exit_code == 0
    assert backfill.stdout == "0 claims issued\n"
    lines = backfill.stderr.splitlines()
    assert lines and all(re.fullmatch(r"backfill-claims: .+ merged PRs recounted, 0 claims issued \(\d+ s\)", line)
                         for line in lines[1:]), lines
