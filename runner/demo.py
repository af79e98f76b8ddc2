"""`runner demo`'s fixtures: a throwaway database, a generated PR history, a short Human Points run."""

from __future__ import annotations

import csv
import io
import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import psycopg
from psycopg import sql

from runner import points
from runner.db import connect, with_dbname
from runner.gitpoap import CSV_HEADER

DEMO_LEVELS = [1, 5, 20]


def generated_history(
    prs: int = 6000, authors: int = 600, years: range = range(2019, 2024), seed: int = 7
) -> io.BytesIO:
    """A deterministic PR history with a long tail of authors, as a CSV file in memory (the import's CSV header).

    Args:
        prs: number of merged PRs; authors: distinct human authors (plus two bots);
        years: UTC years the merges fall in; seed: random seed.

    Author ranks follow a Zipf-like law (weight 1/rank^1.1): a few authors merge hundreds of PRs, most merge
    one. About 3 % of PRs are by bots. Records are in merge order, numbered 1, 2, ….
    """
    rng = random.Random(seed)
    logins = [f"dev{rank:04d}" for rank in range(1, authors + 1)]
    weights = [1 / rank**1.1 for rank in range(1, authors + 1)]
    bots = ["dependabot[bot]", "pre-commit-ci[bot]"]
    start = datetime(years.start, 1, 1, tzinfo=timezone.utc)
    span = (datetime(years.stop, 1, 1, tzinfo=timezone.utc) - start).total_seconds()
    times = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(prs))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for number, merged_at in enumerate(times, start=1):
        login = rng.choice(bots) if rng.random() < 0.03 else rng.choices(logins, weights)[0]
        writer.writerow((number, f"Change {number}", login, merged_at.replace(microsecond=0).isoformat(),
                         f"{rng.getrandbits(160):040x}"))
    return io.BytesIO(text.getvalue().encode())


def _stamp(provider: str, expires: str, nullifiers: bool = False) -> dict:
    subject = {"provider": provider}
    if nullifiers:
        subject["nullifiers"] = ["v0:demo"]
    return {"provider": provider, "credential": {"expirationDate": expires, "credentialSubject": subject}}


DEMO_ALICE = "0x" + "a1" * 20
DEMO_BOB = "0x" + "b0" * 20
DEMO_CAROL = "0x" + "c4" * 20


def demo_events() -> list[dict]:
    """The demo's score events (deterministic): Alice qualifies in three program communities,
    Bob (multiplier 2) passes once with two valid stamps, Carol scores only outside the program."""
    return [
        {"address": DEMO_ALICE.upper().replace("0X", "0x"), "community_id": 1, "score": 25.5,
         "scored_at": "2025-07-01T10:00:00Z",
         "stamps": [_stamp("SelfStakingGold", "2025-12-31T00:00:00Z"),
                    _stamp("SelfStakingSilver", "2025-06-30T00:00:00Z"),  # expired at scoring time
                    _stamp("Google", "2025-12-31T00:00:00Z")]},           # not a points provider
        {"address": DEMO_ALICE, "community_id": 1, "score": 31.0, "scored_at": "2025-07-02T10:00:00Z", "stamps": []},
        {"address": DEMO_ALICE, "community_id": 2, "score": 22.0, "scored_at": "2025-07-03T10:00:00Z", "stamps": []},
        {"address": DEMO_ALICE, "community_id": 3, "score": 20.0, "scored_at": "2025-07-04T10:00:00Z", "stamps": []},
        {"address": DEMO_BOB, "community_id": 2, "score": 40.0, "scored_at": "2025-07-05T10:00:00Z",
         "stamps": [_stamp("TrustedCitizen", "2025-09-01T00:00:00Z"),
                    _stamp("HolonymPhone", "2025-09-01T00:00:00Z", nullifiers=True)]},
        {"address": DEMO_CAROL, "community_id": 4, "score": 55.0, "scored_at": "2025-07-06T10:00:00Z",
         "stamps": [_stamp("SelfStakingGold", "2025-12-31T00:00:00Z")]},
    ]


def demo_points(conn: psycopg.Connection) -> list[tuple[str, int]]:
    """A short points run on a migrated (throwaway) database; returns ``[(address, total_points)]``.

    Creates communities 1–3 (program) and 4 (not), gives Bob multiplier 2, imports :func:`demo_events` through
    the import path, records one passport mint for Bob, and reads each address's ``points_data``. Expected:
    Alice 1000 (scoring_bonus 500 + identity_staking_gold 500), Bob 1800 ((500 + 100 + 300) × 2), Carol 0.

    Args:
        conn: an autocommit connection with rewards_admin rights (or superuser).
    """
    with conn.transaction():
        for community_id, name, program in [(1, "Gitcoin Grants", True), (2, "Optimism", True),
                                            (3, "Linea", True), (4, "Sandbox", False)]:
            points.upsert_community(conn, community_id, name, program)
        points.populate_multipliers(conn, addresses=[DEMO_BOB])
    points.import_score_events(conn, demo_events())
    with conn.transaction():
        points.record_mint(conn, DEMO_BOB, "passport_mint", "0x" + "5e" * 32, 10)
    return [(address, points.points_data(conn, address)["total_points"]) for address in (DEMO_ALICE, DEMO_BOB, DEMO_CAROL)]


@contextmanager
def throwaway_database(dsn: str | None, keep: bool = False) -> Iterator[str]:
    """Create an empty database on the server ``dsn`` points at; drop it on exit unless ``keep``.

    Args:
        dsn: connection string of any database on the server (its user needs CREATEDB).
        keep: leave the database in place.

    Yields the new database's connection string.

    Raises:
        runner.db.ConnectError: no server answered.
    """
    name = f"runner_demo_{os.getpid()}"
    with connect(dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_dbname(dsn, name)
    finally:
        if not keep:
            with connect(dsn, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
