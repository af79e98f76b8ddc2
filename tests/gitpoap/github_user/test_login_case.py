"""GitHub logins are case-insensitive: Alice and alice are one contributor, in imports and in application INSERTs;
the spelling first stored stays."""

import io
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from psycopg import errors

from runner import gitpoap

PR = {"number": 1, "title": "First", "author": {"login": "Alice"}, "mergedAt": "2020-01-01T10:00:00Z",
      "mergeCommit": None}


def _import(conn, records, repo="acme/rocket"):
    return gitpoap.import_pull_requests(conn, io.BytesIO(json.dumps(records).encode()), repo, "acme/rocket")


def test_an_import_takes_logins_in_any_case_as_one_contributor(db):
    records = [PR, {**PR, "number": 2, "author": {"login": "alice"}}, {**PR, "number": 3, "author": {"login": "ALICE"}}]
    assert _import(db, records).inserted == 3
    assert db.execute("SELECT login, login_key FROM gitpoap.github_user").fetchall() == [("Alice", "alice")]
    db.execute("SELECT gitpoap.add_gitpoaps('acme/rocket', 2020, '{2,3}')")
    assert db.execute("SELECT merged_prs FROM gitpoap.contribution").fetchall() == [(3,)]
    assert db.execute("SELECT count(*) FROM gitpoap.claim").fetchone() == (2,)
    # A later file, another spelling: still the same contributor, still spelt as first seen.
    assert _import(db, [{**PR, "number": 4, "author": {"login": "aLiCe"}}]).inserted == 1
    assert db.execute("SELECT login, count(*) FROM gitpoap.github_user u JOIN gitpoap.pull_request pr"
                      " ON pr.author_id = u.id GROUP BY 1").fetchall() == [("Alice", 4)]


def test_an_application_insert_of_another_spelling_is_the_same_login(db):
    db.execute("SET ROLE rewards_app")
    alice = db.execute("INSERT INTO gitpoap.github_user (login) VALUES ('alice') RETURNING id").fetchone()[0]
    with pytest.raises(errors.UniqueViolation) as caught:
        db.execute("INSERT INTO gitpoap.github_user (login) VALUES ('Alice')")
    assert caught.value.diag.constraint_name == "github_user_login_key_unique"
    assert db.execute("INSERT INTO gitpoap.github_user (login) VALUES ('ALICE') ON CONFLICT (login_key) DO NOTHING"
                      " RETURNING id").fetchall() == []
    assert db.execute("SELECT id FROM gitpoap.github_user WHERE login_key = lower('ALICE')").fetchall() == [(alice,)]
    # An import after the application's row: the application's spelling stays.
    db.execute("RESET ROLE")
    assert _import(db, [PR]).inserted == 1
    assert db.execute("SELECT login, (SELECT author_id FROM gitpoap.pull_request) FROM gitpoap.github_user").fetchall() \
        == [("alice", alice)]


def test_two_imports_at_once_spelling_one_login_two_ways_make_one_contributor(db, connect, wait_until_blocked):
    _import(db, [])  # the project, committed: the two imports below write two of its repos
    first = connect(autocommit=False)
    second = connect()
    first.execute("SELECT 1")  # a transaction open: the import's own block becomes a savepoint in it
    _import(first, [PR])  # Alice, not committed yet
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(_import, second, [{**PR, "number": 2, "author": {"login": "alice"}}], "acme/other")
        wait_until_blocked(second.info.backend_pid)  # waits on Alice's login_key
        first.commit()
        assert pending.result().inserted == 1
    assert db.execute("SELECT u.login, count(*) FROM gitpoap.github_user u JOIN gitpoap.pull_request pr"
                      " ON pr.author_id = u.id GROUP BY 1").fetchall() == [("Alice", 2)]
