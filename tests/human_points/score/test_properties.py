"""Property test: random scoring streams give exactly the points an independent oracle computes.

A stream is a random sequence of statements: score batches (addresses in mixed case, communities in and
out of the program, scores around the pass threshold, stamps valid / expired / malformed / unknown /
with or without nullifiers shared between addresses, scored at different times), mint batches (hashes in mixed
case, repeated, on Optimism, another chain or none),
multiplier changes and kill-switch flips. Score batches go in either as one application INSERT (as
rewards_app) or through `import_score_events` (the path of `runner points import-scores`) when every stamp
is well-formed (the import rejects malformed ones; the INSERT stores them and they earn nothing).

The oracle replays the stream in plain Python from DESIGN's rules and predicts `points_data` for every
address: distinct qualified program communities, scoring_bonus at the 3rd, each binary action once, a stamp's
nullifiers held per action by the first address presenting them (row order within a statement) and a stamp
earning only when its address holds all of them, each mint once per (address, action, tx hash) and holonym_mint
only on chain 10, multiplier read when the points are awarded (later changes do not rewrite), nothing while writes
are disabled. Each example uses its own addresses.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runner.points import import_score_events

PROGRAM, OUTSIDE = (1, 2, 3, 5), (4,)
BASE = {"scoring_bonus": 500, "human_keys": 100, "identity_staking_bronze": 100, "identity_staking_silver": 200,
        "identity_staking_gold": 500, "community_staking_beginner": 100, "community_staking_experienced": 200,
        "community_staking_trusted": 500, "passport_mint": 300, "holonym_mint": 1000}
PROVIDERS = {"SelfStakingBronze": "identity_staking_bronze", "SelfStakingSilver": "identity_staking_silver",
             "SelfStakingGold": "identity_staking_gold", "BeginnerCommunityStaker": "community_staking_beginner",
             "ExperiencedCommunityStaker": "community_staking_experienced", "TrustedCitizen": "community_staking_trusted",
             "Google": None, "Discord": None}
UTC = timezone.utc
T0 = datetime(2025, 7, 1, 12, tzinfo=UTC)
ISO_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

scored_at = st.sampled_from((T0, T0 + timedelta(days=40)))
# Expiration texts: clearly valid, expired, equal to a scored_at (not later: invalid), an offset zone just around
# T0, and malformed ones (no time, no zone, free text).
expirations = st.sampled_from((
    "2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2025-07-01T12:00:00Z", "2025-07-01T15:00:00+02:00",
    "2025-07-01T13:00:00+02:00", "2025-07-01T11:00:00.5-01:00", "2025-07-20T00:00:00Z",
    "2030-01-01", "2025-07-01T12:00:00", "soon",
))
nullifiers = st.sampled_from((None, [], ["v0:1"], ["v0:1", "v1:2"]))


@st.composite
def stamps(draw):
    provider = draw(st.sampled_from(sorted(PROVIDERS)))
    subject = {"provider": provider}
    found = draw(nullifiers)
    if found is not None:
        subject["nullifiers"] = found
    return {"provider": provider, "credential": {"expirationDate": draw(expirations), "credentialSubject": subject}}


@st.composite
def streams(draw):
    count = draw(st.integers(2, 4))
    statements = []
    for _ in range(draw(st.integers(2, 9))):
        kind = draw(st.sampled_from(("scores", "scores", "scores", "mints", "multiplier", "switch")))
        if kind == "scores":
            rows = draw(st.lists(st.tuples(
                st.integers(0, count - 1), st.sampled_from(PROGRAM + OUTSIDE),
                st.sampled_from(("0", "19.99", "20", "20.01", "35")), st.lists(stamps(), max_size=3), scored_at,
                st.booleans()), min_size=1, max_size=6))
            statements.append(("scores", rows, draw(st.sampled_from(("insert", "import")))))
        elif kind == "mints":
            rows = draw(st.lists(st.tuples(st.integers(0, count - 1), st.sampled_from(("passport_mint", "holonym_mint")),
                                           st.sampled_from(("0xab", "0xAB", "0xcd", "tx-1")), st.booleans(),
                                           st.sampled_from((10, 1, None))),
                                 min_size=1, max_size=4))
            statements.append(("mints", rows))
        elif kind == "multiplier":
            statements.append(("multiplier", draw(st.integers(0, count - 1)), draw(st.integers(1, 4))))
        else:
            statements.append(("switch", draw(st.booleans())))
    return count, statements


class Oracle:
    """DESIGN's Human Points rules, replayed statement by statement."""

    def __init__(self):
        self.enabled = True
        self.multiplier: dict[str, int] = {}
        self.qualified: dict[str, set[int]] = {}
        self.points: dict[tuple, int] = {}  # (address, action, tx_hash or None) -> points
        self.held: dict[tuple, str] = {}  # (action, nullifier) -> the first address that presented it

    @staticmethod
    def valid(stamp: dict, at: datetime) -> bool:
        text = stamp["credential"]["expirationDate"]
        return bool(ISO_WITH_ZONE.match(text)) and datetime.fromisoformat(text.replace("Z", "+00:00")) > at

    def award(self, address: str, action: str, tx: str | None, factor: int) -> None:
        self.points.setdefault((address, action, tx), BASE[action] * factor)

    def scores(self, rows: list[tuple]) -> None:
        if not self.enabled:
            return
        factor = dict(self.multiplier)  # read once for the statement
        earned = set()
        presented = []  # (address, action, nullifiers), in row order
        for address, community, score, stamp_list, at in rows:
            if community not in PROGRAM:
                continue
            if float(score) >= 20:
                self.qualified.setdefault(address, set()).add(community)
            for stamp in stamp_list:
                if not self.valid(stamp, at):
                    continue
                found = stamp["credential"]["credentialSubject"].get("nullifiers") or []
                if PROVIDERS[stamp["provider"]]:
                    presented.append((address, PROVIDERS[stamp["provider"]], found))
                if found:
                    presented.append((address, "human_keys", found))
        for address, action, found in presented:  # every nullifier of the statement to its first presenter
            for nullifier in found:
                self.held.setdefault((action, nullifier), address)
        for address, action, found in presented:
            if all(self.held[(action, nullifier)] == address for nullifier in found):
                earned.add((address, action))
        for address in {row[0] for row in rows}:
            if len(self.qualified.get(address, ())) >= 3:
                earned.add((address, "scoring_bonus"))  # awarded once: award() keeps the first
        for address, action in earned:
            self.award(address, action, None, factor.get(address, 1))

    def mints(self, rows: list[tuple]) -> None:
        if not self.enabled:
            return
        for address, action, tx, chain in rows:
            if action == "holonym_mint" and chain != 10:
                continue  # Optimism only
            self.award(address, action, tx.lower() if re.fullmatch(r"0[xX][0-9a-fA-F]+", tx) else tx,
                       self.multiplier.get(address, 1))

    def points_data(self, address: str) -> dict:
        breakdown: dict[str, int] = {}
        for (who, action, _), points in self.points.items():
            if who == address:
                breakdown[action] = breakdown.get(action, 0) + points
        return {"total_points": sum(breakdown.values()), "is_eligible": bool(self.qualified.get(address)),
                "multiplier": self.multiplier.get(address, 1), "breakdown": breakdown}


@pytest.fixture
def sessions(connect, hp):
    hp.execute("SELECT human_points.upsert_community(5, 'five', true)")
    app, admin = connect(), connect()
    app.execute("SET ROLE rewards_app")
    admin.execute("SET ROLE rewards_admin")
    return app, admin


def apply_statement(app, admin, statement: tuple, addresses: list[str], oracle: Oracle, example: int) -> None:
    """Run one statement of a stream on the database (scores and mints as ``app``, the rest as ``admin``) and replay
    it in ``oracle``; ``example`` makes the stamps' nullifiers this example's own (see :func:`_own`)."""
    kind = statement[0]
    if kind == "scores":
        rows = [(addresses[i], community, score, _own(stamp_list, example), at, upper)
                for i, community, score, stamp_list, at, upper in statement[1]]
        written = [("0x" + a[2:].upper() if upper else a, c, s, j, at) for a, c, s, j, at, upper in rows]
        importable = all(ISO_WITH_ZONE.match(s["credential"]["expirationDate"]) for r in rows for s in r[3])
        if statement[2] == "import" and importable:
            import_score_events(app, [{"address": a, "community_id": c, "score": float(s), "stamps": j,
                                       "scored_at": at.isoformat()} for a, c, s, j, at in written])
        else:
            app.execute(
                "INSERT INTO human_points.score (address, community_id, score, stamps, scored_at) "
                "SELECT * FROM unnest(%s::text[], %s::integer[], %s::numeric[], %s::jsonb[], %s::timestamptz[])",
                [list(column) for column in zip(*[(a, c, s, json.dumps(j), at) for a, c, s, j, at in written])])
        oracle.scores([row[:5] for row in rows])
    elif kind == "mints":
        rows = [(addresses[i], action, tx, upper, chain) for i, action, tx, upper, chain in statement[1]]
        app.execute("INSERT INTO human_points.mint (address, action, tx_hash, chain_id) "
                    "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::bigint[])",
                    [[("0x" + a[2:].upper() if upper else a) for a, _, _, upper, _ in rows],
                     [r[1] for r in rows], [r[2] for r in rows], [r[4] for r in rows]])
        oracle.mints([(address, action, tx, chain) for address, action, tx, _, chain in rows])
    elif kind == "multiplier":
        _, i, factor = statement
        admin.execute("INSERT INTO human_points.multiplier (address, multiplier) VALUES (%s, %s) "
                      "ON CONFLICT (address) DO UPDATE SET multiplier = excluded.multiplier", (addresses[i], factor))
        oracle.multiplier[addresses[i]] = factor
    else:
        admin.execute("SELECT human_points.set_write_enabled(%s)", (statement[1],))
        oracle.enabled = statement[1]


serial = itertools.count(1)


def _own(stamp_list: list[dict], example: int) -> list[dict]:
    """The stamps with nullifiers of this example's own (held nullifiers outlive an example's addresses)."""
    def own(stamp):
        subject = stamp["credential"]["credentialSubject"]
        if not subject.get("nullifiers"):
            return stamp
        subject = {**subject, "nullifiers": [f"{example}:{n}" for n in subject["nullifiers"]]}
        return {**stamp, "credential": {**stamp["credential"], "credentialSubject": subject}}
    return [own(stamp) for stamp in stamp_list]


# ~40 short examples take a few seconds on the shared 2-core machine.
@settings(max_examples=40, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(stream=streams())
def test_random_scoring_streams_give_exactly_the_oracles_points(sessions, stream):
    app, admin = sessions
    count, statements = stream
    example = next(serial)
    addresses = [f"0x{example:08x}{i:032x}" for i in range(count)]
    oracle = Oracle()
    admin.execute("SELECT human_points.set_write_enabled(true)")
    for statement in statements:
        apply_statement(app, admin, statement, addresses, oracle, example)
    admin.execute("SELECT human_points.set_write_enabled(true)")

    for address in addresses:
        mixed = "0x" + address[2:].upper()
        assert app.execute("SELECT human_points.points_data(%s)", (mixed,)).fetchone()[0] == oracle.points_data(address)
        passing = app.execute("SELECT passing_scores FROM human_points.program_stats WHERE address = %s",
                              (address,)).fetchone()
        assert (passing[0] if passing else 0) == len(oracle.qualified.get(address, ()))
