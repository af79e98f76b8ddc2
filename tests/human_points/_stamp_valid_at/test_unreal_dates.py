"""Issue 14.9: an expirationDate of the right shape that names no instant (2025-02-30, month 13, hour 25, offset
+20:00, year 0000) makes that stamp earn nothing; the INSERT — every row of it — is stored, as README promises.
Edges PostgreSQL reads as instants (24:00:00, 23:59:60, ±15:59, 29 February of a leap year) stay valid."""

import pytest

from tests.human_points.helpers import ALICE, BOB, awarded, scores, stamp, SCORED_AT

UNREAL = ["2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-08-01T25:00:00Z", "2025-08-01T00:00:00+20:00",
          "0000-01-01T00:00:00Z", "2025-06-31T00:00:00Z", "2100-02-29T00:00:00Z", "2025-08-01T00:60:00Z",
          "2025-08-01T00:00:00+02:60", "2025-08-01T00:00:00-1600"]
REAL_EDGES = ["2025-08-01T24:00:00Z", "2025-12-31T23:59:60Z", "2025-08-01T00:00:00+15:59", "2028-02-29T00:00:00Z",
              "2025-08-01T00:00:00.99999999999999999Z"]


@pytest.mark.parametrize("expires", UNREAL)
def test_an_unreal_date_makes_its_stamp_earn_nothing_and_keeps_the_insert(hp, expires):
    scores(hp, [(ALICE, 1, 25, [stamp("SelfStakingGold", expires), stamp("SelfStakingBronze")], SCORED_AT),
                (BOB, 1, 25, [stamp("TrustedCitizen")], SCORED_AT)])
    assert hp.execute("SELECT count(*) FROM human_points.score").fetchone()[0] == 2
    assert awarded(hp) == [(ALICE, "identity_staking_bronze", 100, None), (BOB, "community_staking_trusted", 500, None)]


@pytest.mark.parametrize("expires", REAL_EDGES)
def test_edges_postgresql_reads_as_instants_stay_valid(hp, expires):
    scores(hp, [(ALICE, 1, 25, [stamp("SelfStakingGold", expires)], SCORED_AT)])
    assert awarded(hp) == [(ALICE, "identity_staking_gold", 500, None)]


@pytest.mark.parametrize("expires", UNREAL + REAL_EDGES + ["2025-08-01T00:00:00Z", "2025-06-01T00:00:00Z"])
def test_valid_at_agrees_with_core_to_timestamptz(db, expires):
    # The guard (core._iso_timestamptz_casts) only spares the exception block: the verdict is to_timestamptz's.
    valid, instant = db.execute(
        "SELECT human_points._stamp_valid_at(%s, %s::timestamptz), core.to_timestamptz(%s) > %s::timestamptz",
        (expires, SCORED_AT, expires, SCORED_AT)).fetchone()
    assert valid is bool(instant)
