"""Property test: a community switched into the program later, with its past scores counted
(`human_points.set_program` + `human_points.count_past_scores`), ends exactly as if it had been in the program from
the start — the same points_data, passing_scores and qualifications — judged by the points oracle of
tests/human_points/score/test_properties.py, which replays the whole stream with community 5 in the program.

The streams are that test's (score batches by INSERT or import, mints, multiplier changes, kill-switch flips). Before
the switch, multiplier changes and kill-switch flips are left out: the count awards at the multiplier of its moment
and counts events stored while writes were off (README says so), which the oracle, replaying history, does not.
Likewise the nullifiers of community 5's stamps before the switch are its own: a nullifier that a program community's
stamp earned meanwhile stays with that address (points are never taken back), where the oracle would have given it to
the earlier presenter in community 5.
The count runs twice: the second changes nothing.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.human_points.score.test_properties import T0, Oracle, apply_statement, streams

LATE = 5  # in the oracle's program from the start; in the database's only from the switch on


def _late_nullifiers_own(statement: tuple) -> tuple:
    """The statement with the nullifiers of its community-5 stamps renamed, so that none is shared with another
    community (see the module's docstring)."""
    if statement[0] != "scores":
        return statement

    def own(stamp: dict) -> dict:
        subject = stamp.get("credential", {}).get("credentialSubject")
        if not isinstance(subject, dict) or not isinstance(subject.get("nullifiers"), list):
            return stamp
        nullifiers = [f"late:{n}" if isinstance(n, str) else n for n in subject["nullifiers"]]
        return {**stamp, "credential": {**stamp["credential"], "credentialSubject": {**subject, "nullifiers": nullifiers}}}

    rows = [(i, community, score, [own(x) if isinstance(x, dict) else x for x in stamps] if community == LATE else stamps,
             at, upper) for i, community, score, stamps, at, upper in statement[1]]
    return (statement[0], rows, *statement[2:])


@pytest.fixture
def sessions(connect, hp):
    hp.execute("SELECT human_points.upsert_community(%s, 'five', false)", (LATE,))
    app, admin = connect(), connect()
    app.execute("SET ROLE rewards_app")
    admin.execute("SET ROLE rewards_admin")
    return app, admin


serial = itertools.count(1)


@settings(max_examples=30, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(stream=streams(), data=st.data())
def test_a_community_switched_in_with_its_past_counted_equals_one_in_the_program_from_the_start(sessions, stream, data):
    app, admin = sessions
    count, statements = stream
    switch_at = data.draw(st.integers(0, len(statements)), label="switch_at")
    before = [_late_nullifiers_own(s) for s in statements[:switch_at] if s[0] in ("scores", "mints")]
    example = next(serial)
    addresses = [f"0x{example:08x}{i:032x}" for i in range(count)]
    admin.execute("SELECT human_points.set_write_enabled(true)")
    admin.execute("SELECT human_points.set_program(%s, false)", (LATE,))
    oracle = Oracle()  # community 5 in the program all along

    for statement in before:
        apply_statement(app, admin, statement, addresses, oracle, example)
    with admin.transaction():
        admin.execute("SELECT human_points.set_program(%s, true)", (LATE,))
        admin.execute("SELECT human_points.count_past_scores(%s, %s)", (LATE, T0))
    counted = admin.execute("SELECT human_points.count_past_scores(%s, %s)", (LATE, T0)).fetchone()[0]
    assert counted["qualified"] == 0  # a second count changes nothing
    for statement in statements[switch_at:]:
        apply_statement(app, admin, statement, addresses, oracle, example)
    admin.execute("SELECT human_points.set_write_enabled(true)")

    for address in addresses:
        assert app.execute("SELECT human_points.points_data(%s)", (address,)).fetchone()[0] == \
            oracle.points_data(address)
        passing = app.execute("SELECT passing_scores FROM human_points.program_stats WHERE address = %s",
                              (address,)).fetchone()
        assert (passing[0] if passing else 0) == len(oracle.qualified.get(address, ()))
        qualified = {row[0] for row in app.execute(
            "SELECT community_id FROM human_points.qualified_community WHERE address = %s", (address,))}
        assert qualified == oracle.qualified.get(address, set())
