"""Integration: the real pallets/flask history through `runner import-prs` and `runner gitpoaps add`."""

import json

from click.testing import CliRunner

from runner.cli import main
from tests.gitpoap.oracle import expected_claims, parse_time

LADDERS = {2014: [1, 5, 20], 2017: [1, 3, 10], 2019: [1, 5, 20], 2021: [2, 4, 8, 16]}


def flask_rows(path):
    """One row per PR number, earliest mergedAt — computed here from the JSON, not by the importer."""
    earliest = {}
    for item in json.loads(path.read_text()):
        row = (item["number"], item["author"]["login"], parse_time(item["mergedAt"]))
        if item["number"] not in earliest or row[2] < earliest[item["number"]][2]:
            earliest[item["number"]] = row
    return list(earliest.values())


def test_flask_history_issues_exactly_the_oracles_claims(dsn, db, shared_data):
    path = shared_data("flask-merged-prs.json")
    rows = flask_rows(path)
    cli = CliRunner()
    imported = cli.invoke(main, ["--dsn", dsn, "import-prs", str(path), "--repo", "pallets/flask"])
    assert imported.exit_code == 0, imported.output
    bots = sum(1 for _, login, _ in rows if login.endswith("[bot]"))
    assert f"records read{1196:>18}" in imported.output
    assert f"PRs inserted{len(rows):>18}" in imported.output
    assert f"duplicates in file{1196 - len(rows):>12}" in imported.output
    assert f"bot PRs{bots:>23}" in imported.output

    for year, thresholds in LADDERS.items():
        added = cli.invoke(main, ["--dsn", dsn, "gitpoaps", "add", "--project", "pallets/flask",
                                  "--year", str(year), "--levels", ",".join(map(str, thresholds))])
        assert added.exit_code == 0, added.output
        for level, threshold in enumerate(thresholds, start=1):
            count = len([c for c in expected_claims(rows, {year: thresholds}) if c[1] == level])
            issued = f"{count} claim" if count == 1 else f"{count} claims"
            assert f"{year} level {level} (threshold {threshold}): {issued} issued" in added.output

    claims = set(db.execute(
        """SELECT g.year, g.level, u.login, pr.number FROM gitpoap.claim c
           JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id JOIN gitpoap.github_user u ON u.id = c.user_id
           JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id""").fetchall())
    expected = expected_claims(rows, LADDERS)
    assert len(expected) > 250
    assert claims == expected

    again = cli.invoke(main, ["--dsn", dsn, "import-prs", str(path), "--repo", "pallets/flask"])
    assert again.exit_code == 0
    assert f"PRs inserted{0:>18}" in again.output
    assert f"already stored{len(rows):>16}" in again.output
    assert f"claims issued{0:>17}" in again.output
    assert db.execute("SELECT count(*) FROM gitpoap.claim").fetchone()[0] == len(expected)
