"""gitpoap.pr_import is private to the transaction that fills it: what another session stages (committed or not)
never fails, never joins an import, cannot be read, and committed leftovers are cleared by the next import."""

import io
import json

import psycopg

from runner import gitpoap
from tests.support import assert_staging_insert_only

PR = {"number": 1, "title": "First", "author": {"login": "alice"}, "mergedAt": "2020-01-01T10:00:00Z",
      "mergeCommit": None}


def _admin(connect, **kwargs) -> psycopg.Connection:
    conn = connect(**kwargs)
    conn.execute("SET ROLE rewards_admin")
    return conn


def _import(conn, records):
    return gitpoap.import_pull_requests(conn, io.BytesIO(json.dumps(records).encode()), "acme/rocket")


def test_records_another_session_committed_neither_fail_nor_join_an_import(db, connect):
    other = _admin(connect)
    other.execute("INSERT INTO gitpoap.pr_import (ordinal, number, title, login, merged_at, merge_commit_sha)"
                  " VALUES (0, '2', 'Second', 'bob', '', ''), (1, 'x', '', '', '', '')")
    result = _import(_admin(connect), [PR])
    assert (result.records, result.inserted) == (1, 1)
    assert db.execute("SELECT number FROM gitpoap.pull_request").fetchall() == [(1,)]
    assert db.execute("SELECT count(*) FROM gitpoap.pr_import").fetchone() == (0,)  # the leftovers cleared


def test_records_another_transaction_has_in_flight_stay_its_own(db, connect):
    other = _admin(connect, autocommit=False)
    other.execute("INSERT INTO gitpoap.pr_import (ordinal, number, title, login, merged_at, merge_commit_sha)"
                  " VALUES (0, '2', 'Second', 'bob', '', '')")
    assert _import(_admin(connect), [PR]).inserted == 1
    assert other.execute("SELECT inserted FROM gitpoap.import_pull_requests('acme/rocket')").fetchone() == (1,)
    other.commit()
    assert db.execute("SELECT number FROM gitpoap.pull_request ORDER BY 1").fetchall() == [(1,), (2,)]


def test_clients_may_only_insert_and_cannot_forge_the_transaction(db, connect):
    assert_staging_insert_only(_admin(connect), "gitpoap.pr_import", "ordinal")
