"""`runner points import-scores FILE`: streamed JSON → COPY → one set-based insert; a malformed event loads nothing."""

import json

import psycopg
import pytest

from tests.human_points.helpers import ALICE, BOB, OUTSIDE, stamp
from runner import points

GOOD = [
    {"address": ALICE.upper().replace("0X", "0x"), "community_id": 1, "score": 25.5,
     "scored_at": "2025-07-01T00:00:00Z", "stamps": [stamp("SelfStakingGold")]},
    {"address": ALICE, "community_id": 2, "score": 20, "scored_at": "2025-07-02T00:00:00+02:00", "stamps": []},
    {"address": BOB, "community_id": OUTSIDE, "score": 40.125, "scored_at": "2025-07-03T00:00:00Z"},
    {"address": ALICE, "community_id": 3, "score": 33, "scored_at": "2025-07-04T00:00:00Z", "stamps": None},
]


def _write(tmp_path, events, name="scores.json"):
    path = tmp_path / name
    path.write_text(events if isinstance(events, str) else json.dumps(events))
    return path


def test_import_scores_cli(hp, cli, tmp_path):
    result = cli("points", "import-scores", str(_write(tmp_path, GOOD)))
    assert result.exit_code == 0, result.output
    assert result.output == "imported 4 score events\n"
    rows = hp.execute("SELECT address, community_id, score, stamps = '[]', scored_at = %s::timestamptz"
                      " FROM human_points.score ORDER BY id", ("2025-07-01T22:00:00Z",)).fetchall()
    assert rows == [(ALICE, 1, 25.5, False, False), (ALICE, 2, 20, True, True), (BOB, OUTSIDE, 40.125, True, False),
                    (ALICE, 3, 33, True, False)]
    assert points.points_data(hp, ALICE) == {
        "total_points": 1000, "is_eligible": True, "multiplier": 1,
        "breakdown": {"identity_staking_gold": 500, "scoring_bonus": 500}}


def test_the_trigger_runs_once_for_the_whole_file(hp, tmp_path):
    hp.execute("CREATE TABLE public.statements (n int)")
    hp.execute("GRANT INSERT ON public.statements TO rewards_owner")  # import_scores inserts as its owner
    hp.execute("CREATE FUNCTION public.count_statement() RETURNS trigger LANGUAGE plpgsql AS"
               " $$BEGIN INSERT INTO public.statements VALUES (1); RETURN NULL; END$$")
    hp.execute("CREATE TRIGGER count_statement AFTER INSERT ON human_points.score"
               " FOR EACH STATEMENT EXECUTE FUNCTION public.count_statement()")
    assert points.import_scores(hp, _write(tmp_path, GOOD * 50)) == 200
    assert hp.execute("SELECT count(*) FROM public.statements").fetchone()[0] == 1


BAD = [
    (2, {"address": "0x1234"}, 'events[2].address must be 0x followed by 40 hex digits (got "0x1234")'),
    (0, {"address": None}, "events[0].address must be 0x followed by 40 hex digits (got null)"),
    (1, {"address": 7}, "events[1].address must be 0x followed by 40 hex digits (got 7)"),
    (3, {"community_id": "1"}, 'events[3].community_id must be an integer (got "1")'),
    (3, {"community_id": 1.5}, "events[3].community_id must be an integer (got 1.5)"),
    (1, {"community_id": 99}, "events[1].community_id must be a human_points.community id (got 99)"),
    (0, {"score": "high"}, 'events[0].score must be a number >= 0 (got "high")'),
    (0, {"score": -1}, "events[0].score must be a number >= 0 (got -1)"),
    (2, {"scored_at": "yesterday"},
     'events[2].scored_at must be an ISO 8601 timestamp with a time zone (got "yesterday")'),
    (2, {"scored_at": "2025-07-01T00:00:00"},
     'events[2].scored_at must be an ISO 8601 timestamp with a time zone (got "2025-07-01T00:00:00")'),
    (2, {"scored_at": "2025-02-30T00:00:00Z"},
     'events[2].scored_at must be an ISO 8601 timestamp with a time zone (got "2025-02-30T00:00:00Z")'),
    (1, {"stamps": {}}, "events[1].stamps must be an array (got {})"),
    (1, {"stamps": [stamp("Google"), 3]}, "events[1].stamps[1] must be an object (got 3)"),
    (1, {"stamps": [{"credential": {}}]}, "events[1].stamps[0].provider must be a string (got nothing)"),
    (1, {"stamps": [{"provider": "Google"}]}, "events[1].stamps[0].credential must be an object (got nothing)"),
    (1, {"stamps": [stamp("Google"), stamp("Ens", "soon")]},
     'events[1].stamps[1].credential.expirationDate must be an ISO 8601 timestamp with a time zone (got "soon")'),
    (1, {"stamps": [stamp("Google", nullifiers="v0:1")]},
     'events[1].stamps[0].credential.credentialSubject.nullifiers must be an array (got "v0:1")'),
    # The bounds (README, Human Points): community_id written as an integer, at most 1000 stamps of at most 1 MiB
    # of JSON, providers of at most 200 characters.
    (3, {"community_id": 1.0}, "events[3].community_id must be an integer (got 1.0)"),
    (3, {"community_id": 2 ** 31}, "events[3].community_id must be an integer (got 2147483648)"),
    (0, {"stamps": [stamp("Google")] * 1001}, "events[0].stamps must hold at most 1000 stamps (got 1001)"),
    (0, {"stamps": [stamp("Google"), stamp("x" * 201)]},
     "events[0].stamps[1].provider must be at most 200 characters (got 201 characters)"),
    (0, {"stamps": [{**stamp("Google"), "pad": "x" * 1048576}]},
     "events[0].stamps must be at most 1048576 bytes of JSON (got 1048804)"),
]


@pytest.mark.parametrize(("index", "change", "message"), BAD)
def test_a_malformed_event_loads_nothing_and_is_named(hp, tmp_path, index, change, message):
    events = [dict(event) for event in GOOD]
    events[index].update(change)
    with pytest.raises(psycopg.errors.InvalidParameterValue) as error:
        points.import_scores(hp, _write(tmp_path, events))
    assert error.value.diag.message_primary == message
    assert hp.execute("SELECT count(*) FROM human_points.score").fetchone()[0] == 0
    assert hp.execute("SELECT count(*) FROM human_points.points").fetchone()[0] == 0


def test_an_event_that_is_not_an_object(hp, tmp_path):
    with pytest.raises(psycopg.errors.InvalidParameterValue) as error:
        points.import_scores(hp, _write(tmp_path, [GOOD[0], [1, 2]]))
    assert error.value.diag.message_primary == "events[1] must be a JSON object (got [1, 2])"


def test_cli_reports_a_malformed_event_on_one_line(hp, cli, tmp_path):
    events = GOOD[:1] + [{**GOOD[1], "score": "x"}]
    path = _write(tmp_path, events)
    result = cli("points", "import-scores", str(path))
    assert result.exit_code == 1
    assert result.output == f'runner: {path}: events[1].score must be a number >= 0 (got "x"); nothing was loaded\n'


def test_invalid_json_names_the_event(hp, cli, tmp_path):
    text = json.dumps(GOOD[:2])[:-1] + ', {"address": ]'
    path = _write(tmp_path, text)
    result = cli("points", "import-scores", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"runner: {path}: events[2] is not valid JSON (")
    assert len(result.output.splitlines()) == 1
    assert hp.execute("SELECT count(*) FROM human_points.score").fetchone()[0] == 0


def test_not_an_array(hp, cli, tmp_path):
    path = _write(tmp_path, {"events": GOOD})
    result = cli("points", "import-scores", str(path))
    assert result.exit_code == 1
    assert result.output == f"runner: {path}: must be a JSON array of events; nothing was loaded\n"


def test_empty_array(hp, cli, tmp_path):
    result = cli("points", "import-scores", str(_write(tmp_path, [])))
    assert result.output == "imported 0 score events\n"


def test_import_as_rewards_app(hp, connect, tmp_path):
    conn = connect()
    conn.execute("SET ROLE rewards_app")
    assert points.import_scores(conn, _write(tmp_path, GOOD)) == 4
    assert points.import_scores(conn, _write(tmp_path, GOOD, "again.json")) == 4
    assert points.points_data(conn, ALICE)["total_points"] == 1000


def test_scores_are_parsed_as_decimals_not_floats(hp, connect, tmp_path):
    """19.999999999999999999 is stored digit for digit and does not pass (20), as an application INSERT stores it."""
    text = ('[{"address": "%s", "community_id": 1, "score": 19.999999999999999999, "scored_at": "2025-07-01T00:00:00Z",'
            ' "stamps": []}, {"address": "%s", "community_id": 2, "score": 2.0E+1, "scored_at": "2025-07-01T00:00:00Z"}]'
            % (ALICE, ALICE))
    assert points.import_scores(hp, _write(tmp_path, text)) == 2
    app = connect()
    app.execute("SET ROLE rewards_app")
    app.execute("INSERT INTO human_points.score (address, community_id, score) VALUES (%s, 3, 19.999999999999999999)",
                (BOB,))
    rows = hp.execute("SELECT address, score::text FROM human_points.score ORDER BY id").fetchall()
    assert rows == [(ALICE, "19.999999999999999999"), (ALICE, "20"), (BOB, "19.999999999999999999")]
    assert hp.execute("SELECT address, community_id FROM human_points.qualified_community ORDER BY 1, 2").fetchall() == [
        (ALICE, 2)]


@pytest.mark.parametrize("stamps", [
    [stamp("Google")] * 1001,
    [stamp("Google"), stamp("x" * 201)],
    [{**stamp("Google"), "pad": "x" * 1048576}],
])
def test_an_application_insert_beyond_the_stamps_bounds_is_refused(hp, connect, stamps):
    app = connect()
    app.execute("SET ROLE rewards_app")
    with pytest.raises(psycopg.errors.CheckViolation) as error:
        app.execute("INSERT INTO human_points.score (address, community_id, score, stamps) VALUES (%s, 1, 25, %s)",
                    (ALICE, json.dumps(stamps)))
    assert error.value.diag.constraint_name == "score_stamps_within_bounds"
    app.execute("INSERT INTO human_points.score (address, community_id, score, stamps) VALUES (%s, 1, 25, %s)",
                (ALICE, json.dumps([stamp("Google")] * 1000)))  # at the bound: stored


@pytest.mark.parametrize("expires", ["2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-08-01T25:00:00Z",
                                     "2025-08-01T00:00:00+20:00", "0000-01-01T00:00:00Z"])
def test_an_unreal_stamp_date_names_the_event(hp, tmp_path, expires):
    # Issue 14.9 on the import path: the shape, but no instant — refused naming the event, never a raw datetime error.
    events = [dict(event) for event in GOOD]
    events[2]["stamps"] = [stamp("Google"), stamp("SelfStakingGold", expires)]
    with pytest.raises(psycopg.errors.InvalidParameterValue) as error:
        points.import_scores(hp, _write(tmp_path, events))
    assert error.value.diag.message_primary == (
        f'events[2].stamps[1].credential.expirationDate must be an ISO 8601 timestamp with a time zone (got "{expires}")')
    assert hp.execute("SELECT count(*) FROM human_points.score").fetchone()[0] == 0
