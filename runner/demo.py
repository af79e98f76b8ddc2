"""`runner demo`: a throwaway database, migrated, loaded with PR history, GitPOAPs added, results printed."""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from psycopg import sql

from runner.db import connect, with_dbname
from runner.importers import PullRequestRecord

DEMO_LEVELS = [1, 5, 20]


def generated_history(
    prs: int = 6000, authors: int = 600, years: range = range(2019, 2024), seed: int = 7
) -> Iterator[PullRequestRecord]:
    """A deterministic PR history with a long tail of authors.

    Args:
        prs: number of merged PRs; authors: distinct human authors (plus two bots);
        years: UTC years the merges fall in; seed: random seed.

    Author ranks follow a Zipf-like law (weight 1/rank^1.1): a few authors
    merge hundreds of PRs, most merge one. About 3 % of PRs are by bots.
    Yields records in merge order, numbered 1, 2, ….
    """
    rng = random.Random(seed)
    logins = [f"dev{rank:04d}" for rank in range(1, authors + 1)]
    weights = [1 / rank**1.1 for rank in range(1, authors + 1)]
    bots = ["dependabot[bot]", "pre-commit-ci[bot]"]
    start = datetime(years.start, 1, 1, tzinfo=timezone.utc)
    span = (datetime(years.stop, 1, 1, tzinfo=timezone.utc) - start).total_seconds()
    times = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(prs))
    for number, merged_at in enumerate(times, start=1):
        login = rng.choice(bots) if rng.random() < 0.03 else rng.choices(logins, weights)[0]
        yield PullRequestRecord(
            number, number, f"Change {number}", login, merged_at.replace(microsecond=0), f"{rng.getrandbits(160):040x}"
        )


class YearsSeen:
    """Passes records through while noting the UTC years of their merges."""

    def __init__(self, records: Iterable[PullRequestRecord]):
        self.records = records
        self.years: set[int] = set()

    def __iter__(self) -> Iterator[PullRequestRecord]:
        for record in self.records:
            if record.merged_at is not None:
                self.years.add(record.merged_at.astimezone(timezone.utc).year)
            yield record


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
