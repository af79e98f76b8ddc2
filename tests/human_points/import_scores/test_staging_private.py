"""human_points.score_import is private to the transaction that fills it: what another session stages (committed or
not) never fails, never joins an import, cannot be read, and committed leftovers are cleared by the next import."""

import json

import psycopg
from psycopg.types.json import Jsonb

from runner import points
from tests.human_points.helpers import ALICE, BOB
from tests.support import assert_staging_insert_only

EVENT = {"address": ALICE, "community_id": 1, "score": 25, "scored_at": "2025-07-01T00:00:00Z", "stamps": []}


def _app(connect) -> psycopg.Connection:
    conn = connect()
    conn.execute("SET ROLE rewards_app")
    return conn


def _file(tmp_path, events):
    path = tmp_path / "scores.json"
    path.write_text(json.dumps(events))
    return path


def test_events_another_session_committed_neither_fail_nor_join_an_import(hp, connect, tmp_path):
    other = _app(connect)
    other.execute("INSERT INTO human_points.score_import (idx, event) VALUES (0, %s), (1, '\"not an event\"')",
                  (Jsonb({**EVENT, "address": BOB}),))
    assert points.import_scores(_app(connect), _file(tmp_path, [EVENT])) == 1
    assert hp.execute("SELECT address FROM human_points.score").fetchall() == [(ALICE,)]
    assert hp.execute("SELECT count(*) FROM human_points.score_import").fetchone() == (0,)  # the leftovers cleared


def test_events_another_transaction_has_in_flight_stay_its_own(hp, connect, tmp_path):
    other = connect(autocommit=False)
    other.execute("SET ROLE rewards_app")
    other.execute("INSERT INTO human_points.score_import (idx, event) VALUES (0, %s)", (Jsonb({**EVENT, "address": BOB}),))
    assert points.import_scores(_app(connect), _file(tmp_path, [EVENT])) == 1
    assert other.execute("SELECT human_points.import_scores()").fetchone() == (1,)
    other.commit()
    assert hp.execute("SELECT address FROM human_points.score ORDER BY id").fetchall() == [(ALICE,), (BOB,)]


def test_clients_may_only_insert_and_cannot_forge_the_transaction(hp, connect):
    assert_staging_insert_only(_app(connect), "human_points.score_import", "idx")
