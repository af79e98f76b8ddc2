"""GitPOAP over GraphQL: contributor(login) lists exactly the claims of gitpoap.claim with their earning PRs, and
the progress the flask history gives; gitpoaps(project, year) counts claims issued and claimed."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

import pytest
from click.testing import CliRunner

from runner.cli import main
from tests.gitpoap.import_pull_requests.test_flask import flask_rows
from tests.runner.server.asgi import asgi_client

CONTRIBUTOR = """query ($login: String!) { contributor(login: $login) {
  login
  claims { gitpoapId gitpoap project year level threshold status earnedBy { repo number } issuedAt }
  progress { project year mergedPrs currentLevel nextLevel nextThreshold prsToGo }
} }"""
GITPOAPS = """query ($project: String, $year: Int) {
  gitpoaps(project: $project, year: $year) { id name project year level threshold status isEnabled issued claimed }
}"""
LEVELS = [1, 5, 20]

CLAIMS_ORACLE = """
SELECT g.id::text, g.name, p.name, g.year, g.level, g.threshold, c.status, r.name, pr.number, c.created_at
FROM gitpoap.claim c
JOIN gitpoap.github_user u ON u.id = c.user_id
JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id
JOIN gitpoap.project p ON p.id = g.project_id
LEFT JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id
LEFT JOIN gitpoap.repo r ON r.id = pr.repo_id
WHERE u.login = %s"""


@pytest.fixture
def flask(dsn, db, shared_data):
    """The flask history imported, GitPOAPs 1/5/20 for 2019; returns its (number, login, merged_at) rows."""
    path = shared_data("flask-merged-prs.json")
    cli = CliRunner()
    for args in (["import-prs", str(path), "--repo", "pallets/flask"],
                 ["gitpoaps", "add", "--project", "pallets/flask", "--year", "2019", "--levels", "1,5,20"]):
        result = cli.invoke(main, ["--dsn", dsn, *args])
        assert result.exit_code == 0, result.output
    return flask_rows(path)


def query(http, text: str, **variables) -> dict:
    response = http.post("/graphql", json={"query": text, "variables": variables})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def as_row(claim: dict) -> tuple:
    earned = claim["earnedBy"] or {"repo": None, "number": None}
    return (claim["gitpoapId"], claim["gitpoap"], claim["project"], claim["year"], claim["level"], claim["threshold"],
            claim["status"], earned["repo"], earned["number"], datetime.fromisoformat(claim["issuedAt"]))


def expected_progress(rows, login: str) -> list[dict]:
    """Per year the merged PRs of ``login`` in the file (bots never count), and the next of LEVELS in 2019."""
    per_year = Counter(merged.year for _, author, merged in rows if author == login and not login.endswith("[bot]"))
    progress = []
    for year, merged in sorted(per_year.items()):
        reached = [level for level, threshold in enumerate(LEVELS, 1) if year == 2019 and merged >= threshold]
        following = [(level, threshold) for level, threshold in enumerate(LEVELS, 1)
                     if year == 2019 and threshold > merged]
        level, threshold = following[0] if following else (None, None)
        progress.append({"project": "pallets/flask", "year": year, "mergedPrs": merged,
                         "currentLevel": max(reached, default=None), "nextLevel": level, "nextThreshold": threshold,
                         "prsToGo": None if threshold is None else threshold - merged})
    return progress


def test_contributor_lists_exactly_the_claims_of_the_table(flask, dsn, db):
    db.execute("UPDATE gitpoap.claim SET status = 'CLAIMED' WHERE id IN (SELECT min(id) FROM gitpoap.claim)")
    holders = [login for (login,) in db.execute(
        "SELECT DISTINCT u.login FROM gitpoap.claim c JOIN gitpoap.github_user u ON u.id = c.user_id ORDER BY 1")]
    by_prs = Counter(login for _, login, _ in flask)
    others = [login for login, _ in by_prs.most_common() if login not in holders][:5]  # a bot and 2019-less authors
    assert len(holders) >= 20 and any(login.endswith("[bot]") for login in others)
    with asgi_client(dsn) as http:
        for login in holders + others:
            contributor = query(http, CONTRIBUTOR, login=login)["contributor"]
            expected = sorted(db.execute(CLAIMS_ORACLE, (login,)).fetchall(), key=lambda r: (r[2], r[3], r[4]))
            assert [as_row(c) for c in contributor["claims"]] == expected, login
            assert contributor["login"] == login
            assert contributor["progress"] == expected_progress(flask, login), login
            assert all(c["earnedBy"] and c["issuedAt"].endswith("Z") for c in contributor["claims"])
        # the earning PR numbers are those the counting rule gives: the threshold-th PR of 2019, in merge order
        top = Counter(login for _, login, merged in flask if merged.year == 2019).most_common(1)[0][0]
        merged_2019 = sorted((merged, number) for number, login, merged in flask if login == top and merged.year == 2019)
        claims = query(http, CONTRIBUTOR, login=top)["contributor"]["claims"]
        assert [(c["level"], c["earnedBy"]["number"]) for c in claims] == [
            (level, merged_2019[threshold - 1][1]) for level, threshold in enumerate(LEVELS, 1)
            if len(merged_2019) >= threshold]
        assert len(claims) == 3
        # logins match in any case, as GitHub's do; an unknown login holds nothing
        assert query(http, CONTRIBUTOR, login=top.upper())["contributor"]["claims"] == claims
        assert query(http, CONTRIBUTOR, login="nobody-at-all")["contributor"] == {
            "login": "nobody-at-all", "claims": [], "progress": []}


def test_a_claim_whose_earning_pr_was_deleted_has_no_earned_by(flask, dsn, db):
    login, number = db.execute(
        """SELECT u.login, pr.number FROM gitpoap.claim c JOIN gitpoap.github_user u ON u.id = c.user_id
           JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id ORDER BY c.id LIMIT 1""").fetchone()
    db.execute("DELETE FROM gitpoap.pull_request WHERE number = %s", (number,))
    with asgi_client(dsn) as http:
        claims = query(http, CONTRIBUTOR, login=login)["contributor"]["claims"]
    assert [c["earnedBy"] for c in claims if c["level"] == 1] == [None]


def test_gitpoaps_count_claims_issued_and_claimed(flask, dsn, db):
    db.execute("""UPDATE gitpoap.claim SET status = 'CLAIMED'
                  WHERE id IN (SELECT id FROM gitpoap.claim ORDER BY id LIMIT 3)""")
    issued: dict[int, Counter] = defaultdict(Counter)
    for gitpoap_id, status in db.execute("SELECT gitpoap_id, status FROM gitpoap.claim"):
        issued[gitpoap_id]["issued"] += 1
        issued[gitpoap_id]["claimed"] += status == "CLAIMED"
    gitpoaps = db.execute("SELECT id, name, level, threshold, status, is_enabled FROM gitpoap.gitpoap ORDER BY level")
    expected = [{"id": str(i), "name": name, "project": "pallets/flask", "year": 2019, "level": level,
                 "threshold": threshold, "status": status, "isEnabled": enabled,
                 "issued": issued[i]["issued"], "claimed": issued[i]["claimed"]}
                for i, name, level, threshold, status, enabled in gitpoaps]
    assert [g["threshold"] for g in expected] == LEVELS and sum(g["claimed"] for g in expected) == 3
    with asgi_client(dsn, None) as http:  # no token needed
        assert query(http, GITPOAPS)["gitpoaps"] == expected
        assert query(http, GITPOAPS, project="pallets/flask", year=2019)["gitpoaps"] == expected
        assert query(http, GITPOAPS, project="pallets/flask")["gitpoaps"] == expected
        assert query(http, GITPOAPS, year=2018)["gitpoaps"] == []
        assert query(http, GITPOAPS, project="nope/nope")["gitpoaps"] == []


def test_a_database_that_is_not_migrated_says_so(dsn, db):
    db.execute("DROP FUNCTION gitpoap.gitpoap_claims(text, integer)")
    with asgi_client(dsn) as http:
        body = http.post("/graphql", json={"query": "{ gitpoaps { id } }"}).json()
    assert body["data"] is None
    assert [e["message"].endswith("; run `runner migrate`") for e in body["errors"]] == [True]
