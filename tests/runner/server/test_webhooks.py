"""POST /webhooks/github: GitHub's own example deliveries (octokit/webhooks, fixtures/github/README.md), signed
with the secret, handled as issue 13 says; signature before anything; redeliveries change nothing; unregistered
repositories ignored and logged once; the 25 MB cap; 1,000 deliveries from 8 concurrent clients against a real
`runner serve` land exactly once and issue the claims an import of the same PRs issues."""

from __future__ import annotations

import asyncio
import copy
import csv
import hashlib
import hmac
import io
import json
import logging
import random
import threading
import uuid
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

with warnings.catch_warnings():  # starlette 1.x prefers httpx2 for its test client; httpx is what the tests have
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from runner.gitpoap import import_pull_requests
from runner.server import create_app
from runner.server.webhooks import MAX_BODY, NO_SECRET, PATH

SECRET = "It's a Secret to Everybody"  # the example secret of GitHub's "Validating webhook deliveries"
FIXTURES = Path(__file__).parent / "fixtures" / "github"
REPO = "Codertocat/Hello-World"


def example(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.payload.json").read_text())


def merged_close() -> dict:
    """octokit/webhooks has no merged close: its closed example (merged: false) turned into the delivery GitHub
    sends when a PR is merged, as GitHub's docs describe it: ``merged`` true, ``merged_at`` the merge time (the
    close), ``merge_commit_sha`` the merge commit (the example already carries one)."""
    payload = example("pull_request.closed")
    pr = payload["pull_request"]
    pr.update(merged=True, merged_at=pr["closed_at"], merge_commit_sha=pr["merge_commit_sha"])
    return payload


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(client, event: str, payload: dict | bytes, delivery: str | None = None, signature: str | None = None):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", "X-GitHub-Event": event,
               "X-GitHub-Delivery": delivery or str(uuid.uuid4()),
               "X-Hub-Signature-256": sign(body) if signature is None else signature}
    return client.post(PATH, content=body, headers=headers)


@pytest.fixture
def webhooks(dsn, monkeypatch):
    """The server's ASGI app in process, with GITHUB_WEBHOOK_SECRET set."""
    monkeypatch.setenv("GITHUB_WEBHOOK_SECRET", SECRET)
    with TestClient(create_app(dsn)) as client:
        yield client


def stored(db) -> dict:
    return {
        "prs": db.execute("SELECT r.name, p.number, p.title, u.login, p.merged_at, p.merge_commit_sha"
                          " FROM gitpoap.pull_request p JOIN gitpoap.repo r ON r.id = p.repo_id"
                          " JOIN gitpoap.github_user u ON u.id = p.author_id ORDER BY 1, 2").fetchall(),
        "claims": db.execute("SELECT u.login, g.year, g.level, p.number FROM gitpoap.claim c"
                             " JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id"
                             " JOIN gitpoap.github_user u ON u.id = c.user_id"
                             " LEFT JOIN gitpoap.pull_request p ON p.id = c.pull_request_earned_id ORDER BY 1, 2, 3"
                             ).fetchall(),
        "deliveries": db.execute("SELECT count(*) FROM gitpoap.webhook_delivery").fetchone()[0],
    }


def test_githubs_example_deliveries(webhooks, db):
    db.execute("SELECT gitpoap.register_repo(%s)", (REPO,))
    db.execute("SELECT gitpoap.add_gitpoaps(%s, 2019, ARRAY[1, 2])", (REPO,))
    nothing = stored(db)

    response = deliver(webhooks, "ping", example("ping"))
    assert (response.status_code, response.json()["outcome"]) == (200, "pong")
    for event, name in (("pull_request", "pull_request.opened"), ("pull_request", "pull_request.synchronize"),
                        ("pull_request", "pull_request.closed")):  # the closed example is not merged
        response = deliver(webhooks, event, example(name))
        assert (response.status_code, response.json()) == (
            202, {"outcome": "ignored", "repo": REPO, "number": None, "claims_issued": None}), name
    response = deliver(webhooks, "issues", merged_close())  # a merged PR's shape under another event
    assert (response.status_code, response.json()["outcome"]) == (202, "ignored")
    assert stored(db) == nothing

    delivery = str(uuid.uuid4())
    response = deliver(webhooks, "pull_request", merged_close(), delivery)
    assert (response.status_code, response.json()) == (
        200, {"outcome": "stored", "repo": REPO, "number": 2, "claims_issued": 1})
    after = stored(db)
    assert after["prs"] == [(REPO, 2, "Update the README with new information.", "Codertocat",
                             datetime(2019, 5, 15, 15, 21, 18, tzinfo=timezone.utc),
                             "c4295bd74fb0f4fda03689c3df3f2803b658fd85")]
    assert after["claims"] == [("Codertocat", 2019, 1, 2)]
    assert after["deliveries"] == 1
    # one PR is not the repository's history
    assert db.execute("SELECT backloaded_at FROM gitpoap.repo WHERE name = %s", (REPO,)).fetchone() == (None,)

    response = deliver(webhooks, "pull_request", merged_close(), delivery)  # GitHub's redelivery: same GUID
    assert (response.status_code, response.json()["outcome"]) == (200, "redelivery")
    response = deliver(webhooks, "pull_request", merged_close())  # the same PR in another delivery
    assert (response.status_code, response.json()) == (
        200, {"outcome": "already_stored", "repo": REPO, "number": 2, "claims_issued": 0})
    assert stored(db) == after | {"deliveries": 2}


def test_a_wrong_or_missing_signature_stores_nothing(webhooks, db):
    db.execute("SELECT gitpoap.register_repo(%s)", (REPO,))
    db.execute("SELECT gitpoap.add_gitpoaps(%s, 2019, ARRAY[1])", (REPO,))
    nothing = stored(db)
    body = json.dumps(merged_close()).encode()
    for signature in ("", sign(body, "another secret"), sign(body + b" "), sign(body).replace("sha256=", "sha1="),
                      sign(body)[:-1], ("sha256=" + "é" * 64).encode("latin-1")):
        response = deliver(webhooks, "pull_request", body, signature=signature)
        assert response.status_code == 401, signature
        assert "X-Hub-Signature-256" in response.json()["error"]
    response = webhooks.post(PATH, content=body, headers={"X-GitHub-Event": "pull_request"})  # no header at all
    assert response.status_code == 401
    assert stored(db) == nothing


def test_without_a_secret_the_endpoint_says_how_to_set_it(dsn, db, monkeypatch):
    monkeypatch.delenv("GITHUB_WEBHOOK_SECRET", raising=False)
    db.execute("SELECT gitpoap.register_repo(%s)", (REPO,))
    with TestClient(create_app(dsn)) as client:
        response = deliver(client, "pull_request", merged_close())
    assert (response.status_code, response.json()) == (503, {"error": NO_SECRET})
    assert "GITHUB_WEBHOOK_SECRET" in NO_SECRET
    assert stored(db)["prs"] == []


def test_an_unregistered_repository_is_ignored_and_logged_once(webhooks, db, caplog):
    db.execute("SELECT gitpoap.register_repo('acme/other')")
    delivery = str(uuid.uuid4())
    with caplog.at_level(logging.WARNING, logger="runner.webhooks"):
        for guid in (delivery, None, None):
            response = deliver(webhooks, "pull_request", merged_close(), guid)
            assert (response.status_code, response.json()["outcome"]) == (202, "unregistered")
    assert [r.getMessage() for r in caplog.records if r.name == "runner.webhooks"] == [
        f"ignoring pull requests of {REPO}: not registered (runner repos add {REPO})"]
    assert stored(db) == {"prs": [], "claims": [], "deliveries": 0}
    # registered afterwards, the same delivery replayed from GitHub's UI is handled
    db.execute("SELECT gitpoap.register_repo(%s)", (REPO,))
    response = deliver(webhooks, "pull_request", merged_close(), delivery)
    assert (response.status_code, response.json()["outcome"]) == (200, "stored")


def test_bots_and_malformed_deliveries(webhooks, db):
    db.execute("SELECT gitpoap.register_repo(%s)", (REPO,))
    db.execute("SELECT gitpoap.add_gitpoaps(%s, 2019, ARRAY[1])", (REPO,))
    bot = merged_close()
    bot["pull_request"]["user"]["login"] = "dependabot[bot]"
    response = deliver(webhooks, "pull_request", bot)
    assert (response.status_code, response.json()["outcome"], response.json()["claims_issued"]) == (200, "stored", 0)
    assert stored(db)["claims"] == []

    nothing = stored(db)
    response = deliver(webhooks, "pull_request", b"payload=%7B%7D")  # content type form, not JSON
    assert response.status_code == 400
    assert response.json()["error"].startswith("payload must be a JSON object")
    response = deliver(webhooks, "pull_request", merged_close(), delivery="not-a-guid")
    assert (response.status_code, response.json()["error"]) == (
        400, "delivery must be GitHub's delivery GUID (got 'not-a-guid'); send the X-GitHub-Delivery header")
    broken = merged_close()
    broken["pull_request"]["merged_at"] = "yesterday"
    response = deliver(webhooks, "pull_request", broken)
    assert response.status_code == 400
    assert response.json()["error"].startswith("records[0].mergedAt must be an ISO 8601 timestamp")
    assert stored(db) == nothing


def test_bodies_over_the_cap_are_refused_unread(dsn, webhooks, monkeypatch):
    # declared too big: answered before a byte of the body is read
    app = create_app(dsn)
    sent: list[dict] = []

    async def receive():
        raise AssertionError("the body was read")

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": PATH, "raw_path": PATH.encode(), "query_string": b"",
             "headers": [(b"content-length", str(MAX_BODY + 1).encode())], "http_version": "1.1",
             "scheme": "http", "server": ("test", 80), "client": ("test", 1), "root_path": ""}
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    # not declared (chunked): reading stops at the cap
    read = 0

    def chunks():
        nonlocal read
        for _ in range(MAX_BODY // 65536 + 100):
            read += 65536
            yield b" " * 65536

    response = webhooks.post(PATH, content=chunks(), headers={"X-GitHub-Event": "ping"})
    assert response.status_code == 413


def merged_pr_payload(template: dict, number: int, login: str, merged_at: datetime, sha: str) -> dict:
    payload = copy.deepcopy(template)
    payload["repository"]["full_name"] = "acme/hooks"
    pr = payload["pull_request"]
    pr.update(number=number, title=f"PR {number}", merged=True, merged_at=merged_at.isoformat().replace("+00:00", "Z"),
              merge_commit_sha=sha)
    pr["user"]["login"] = login
    payload["number"] = number
    return payload


def test_a_thousand_deliveries_from_eight_clients_land_once(serve, db):
    rng = random.Random(13)
    start = datetime(2019, 1, 1, tzinfo=timezone.utc)
    prs = [(n, "renovate[bot]" if rng.random() < 0.03 else f"dev{int(rng.paretovariate(1.3)) % 40}",
            start + timedelta(seconds=rng.randrange(2 * 365 * 86400)), f"{rng.getrandbits(160):040x}")
           for n in range(1, 1001)]
    for project in ("acme/hooks", "acme/file"):
        db.execute("SELECT gitpoap.register_repo(%s)", (project,))
        for year in (2019, 2020):
            db.execute("SELECT gitpoap.add_gitpoaps(%s, %s, ARRAY[1, 5, 20])", (project, year))

    client = serve(env={"GITHUB_WEBHOOK_SECRET": SECRET})
    url = client.url.replace("/graphql", PATH)
    template = merged_close()
    deliveries = [(str(uuid.uuid4()), json.dumps(merged_pr_payload(template, *pr)).encode()) for pr in prs]
    # every client also redelivers some deliveries of the others
    work = [deliveries[i::8] + rng.sample(deliveries, 20) for i in range(8)]
    answers: list[tuple[int, str]] = []
    failures: list[BaseException] = []

    def send(batch):
        try:
            with httpx.Client(timeout=60) as http:
                for guid, body in batch:
                    response = http.post(url, content=body, headers={
                        "Content-Type": "application/json", "X-GitHub-Event": "pull_request",
                        "X-GitHub-Delivery": guid, "X-Hub-Signature-256": sign(body)})
                    answers.append((response.status_code, response.json().get("outcome", response.text)))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=send, args=(batch,)) for batch in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(answers) == 1000 + 160
    assert {answer for answer in answers if answer[0] != 200} == set()
    assert sum(outcome == "stored" for _, outcome in answers) == 1000
    assert db.execute("SELECT count(*), count(DISTINCT number) FROM gitpoap.pull_request p"
                      " JOIN gitpoap.repo r ON r.id = p.repo_id WHERE r.name = 'acme/hooks'").fetchone() == (1000, 1000)
    assert db.execute("SELECT count(*) FROM gitpoap.webhook_delivery").fetchone() == (1000,)

    # the same PRs imported from a file
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["number", "title", "author", "merged_at", "merge_commit_sha"])
    writer.writerows((n, f"PR {n}", login, merged.isoformat(), sha) for n, login, merged, sha in prs)
    import_pull_requests(db, io.BytesIO(out.getvalue().encode()), "acme/file")

    def claims(project):
        # the earning PR is the arrival that reached the threshold: webhooks arrive in any order, so it is compared
        # as the author's and year's PR it must be, not by number
        return db.execute(
            "SELECT u.login, g.year, g.level, u.id = p.author_id AND gitpoap.contribution_year(p.merged_at) = g.year"
            " FROM gitpoap.claim c JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id"
            " JOIN gitpoap.project pj ON pj.id = g.project_id JOIN gitpoap.github_user u ON u.id = c.user_id"
            " JOIN gitpoap.pull_request p ON p.id = c.pull_request_earned_id"
            " WHERE pj.name = %s ORDER BY 1, 2, 3", (project,)).fetchall()

    from_hooks = claims("acme/hooks")
    assert from_hooks == claims("acme/file")
    assert len(from_hooks) > 60 and all(earned_by_own_pr for *_, earned_by_own_pr in from_hooks)
