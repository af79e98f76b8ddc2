"""Human Points Program from Python: thin calls to the ``human_points`` SQL API, file readers, a demo.

Every rule (what earns points, dedupe, multipliers, validation of events and
addresses) lives in the database; this module only streams files into COPY and
calls ``select human_points.<fn>(…)``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import ijson
import psycopg


class ImportFileError(ValueError):
    """An import file is not a JSON array (or not JSON at all); the message names the file and the event index."""


def points_data(conn: psycopg.Connection, address: str) -> dict:
    """Points of one address, as the seed's points endpoint returns them.

    Args:
        conn: an open connection (role ``rewards_app`` or above).
        address: ``0x`` + 40 hex digits, any case.

    Returns ``{"total_points": int, "is_eligible": bool, "multiplier": int,
    "breakdown": {action: points}}``.

    Raises:
        psycopg.errors.CheckViolation: the address is malformed (the message names it).

    SQL: ``select human_points.points_data(%s::text)``.
    """
    return conn.execute("select human_points.points_data(%s::text)", (address,)).fetchone()[0]


def status(conn: psycopg.Connection) -> dict:
    """The program's settings: ``{"write_enabled", "pass_threshold", "bonus_communities", "program_communities"}``.

    Args:
        conn: an open connection (role ``rewards_app`` or above).

    SQL: ``select human_points.status()``.
    """
    return conn.execute("select human_points.status()").fetchone()[0]


def set_write_enabled(conn: psycopg.Connection, enabled: bool) -> bool:
    """Turn the kill switch: ``False`` stores events without awarding points, ``True`` awards again (new events only).

    Args:
        conn: an open connection (role ``rewards_admin``); committed if autocommit.
        enabled: the new value of ``settings.write_enabled``.

    Returns the value now stored.

    SQL: ``select human_points.set_write_enabled(%s::boolean)``.
    """
    return conn.execute("select human_points.set_write_enabled(%s::boolean)", (enabled,)).fetchone()[0]


def _file_events(path: Path) -> Iterator[object]:
    """Stream the items of a JSON array file without loading it whole (floats as float, ints as int)."""
    with open(path, "rb") as handle:
        parser = ijson.parse(handle, use_float=True)
        index = 0
        try:
            first = next(parser, None)
            if first is None or first[1] != "start_array":
                raise ImportFileError(f"{path}: must be a JSON array of score events")
            for index, event in enumerate(ijson.items(parser, "item")):
                yield event
                index += 1
        except ijson.JSONError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ImportFileError(f"{path}: invalid JSON at events[{index}]: {reason}") from None


def import_score_events(conn: psycopg.Connection, events: Iterable[object]) -> int:
    """Load score events (JSON-able dicts) in one transaction: COPY into a staging table, one set-based insert.

    Args:
        conn: an open connection (role ``rewards_app`` or above); the load runs in ``conn.transaction()``.
        events: ``{"address", "community_id", "score", "scored_at", "stamps"}`` dicts, in order
            (their position is the index named by errors).

    Returns the number of events stored.

    Raises:
        psycopg.errors.InvalidParameterValue: an event is malformed; nothing is stored and the
            message is ``events[<index>].<field> <rule> (got <value>)``.

    SQL: ``COPY human_points.score_import FROM STDIN``,
    ``select human_points.import_scores()``.
    """
    with conn.transaction():
        with conn.cursor().copy("COPY human_points.score_import (idx, event) FROM STDIN") as copy:
            for index, event in enumerate(events):
                copy.write_row((index, json.dumps(event)))
        return conn.execute("select human_points.import_scores()").fetchone()[0]


def import_scores(conn: psycopg.Connection, path: str | Path) -> int:
    """Load a JSON array file of score events (shaped like passport-scores-sample.json) in one transaction.

    The file is streamed with ijson into :func:`import_score_events`; the score trigger
    then awards points once for the whole batch. A malformed event loads nothing.

    Args:
        conn: an open connection (role ``rewards_app`` or above).
        path: the JSON file.

    Returns the number of events stored.

    Raises:
        ImportFileError: the file is not a JSON array / not valid JSON (names the event index).
        psycopg.errors.InvalidParameterValue: an event is malformed (see :func:`import_score_events`).
    """
    return import_score_events(conn, _file_events(Path(path)))


def read_address_file(path: str | Path) -> list[str]:
    """Addresses listed in a file: one per line, or a CSV whose header has an ``address`` column.

    Args:
        path: text file. Blank lines are skipped; a first line containing a comma or
            equal to ``address`` (any case) marks a CSV.

    Returns the addresses as written (validation and lower-casing are the database's).

    Raises:
        ImportFileError: a CSV without an ``address`` column.
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        lines = [line.strip() for line in handle if line.strip()]
    if not lines:
        return []
    if "," in lines[0] or lines[0].strip('"').lower() == "address":
        reader = csv.DictReader(lines)
        columns = {name.strip().lower(): name for name in reader.fieldnames or []}
        if "address" not in columns:
            raise ImportFileError(f"{path}: a CSV needs an 'address' column (got {', '.join(reader.fieldnames or [])})")
        return [row[columns["address"]].strip() for row in reader if (row[columns["address"]] or "").strip()]
    return lines


def populate_multipliers(
    conn: psycopg.Connection,
    *,
    addresses: list[str] | None = None,
    returning_before: datetime | str | None = None,
) -> int:
    """Give multiplier 2 to addresses without a multiplier row (existing rows untouched).

    Exactly one of:
        addresses: a list of addresses (any case); a malformed one adds nothing and is named.
        returning_before: a timestamptz (datetime or text such as ``2025-07-15T00:00:00Z``):
            every address with a passing score scored before it.

    Args:
        conn: an open connection (role ``rewards_admin``).

    Returns how many multiplier rows were added.

    Raises:
        ValueError: neither or both selectors given; ``returning_before`` text that is not an ISO 8601
            timestamp with a time zone (judged by ``human_points._to_timestamptz``, the import's rule).
        psycopg.errors.CheckViolation: a malformed address.

    SQL: ``select human_points.populate_multipliers(%s::text[])`` or ``(%s::timestamptz)``
    (text first through ``select human_points._to_timestamptz(%s)``).
    """
    if (addresses is None) == (returning_before is None):
        raise ValueError("populate_multipliers: give exactly one of addresses or returning_before")
    if isinstance(returning_before, str):
        parsed = conn.execute("select human_points._to_timestamptz(%s)", (returning_before,)).fetchone()[0]
        if parsed is None:
            raise ValueError(f"returning_before must be an ISO 8601 timestamp with a time zone (got {returning_before!r})")
        returning_before = parsed
    if addresses is not None:
        sql, arg = "select human_points.populate_multipliers(%s::text[])", list(addresses)
    else:
        sql, arg = "select human_points.populate_multipliers(%s::timestamptz)", returning_before
    return conn.execute(sql, (arg,)).fetchone()[0]


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

    Creates communities 1–3 (program) and 4 (not), gives Bob multiplier 2, imports
    :func:`demo_events` through the import path, records one passport mint for Bob,
    and reads each address's ``points_data``. Expected: Alice 1000 (scoring_bonus 500 +
    identity_staking_gold 500), Bob 1800 ((500 + 100 + 300) × 2), Carol 0.

    Args:
        conn: a connection with rewards_admin rights (or superuser).

    SQL: ``human_points.upsert_community``, ``populate_multipliers``, COPY + ``import_scores``, ``COPY human_points.mint``, ``points_data``.
    """
    with conn.transaction():
        for community_id, name, program in [(1, "Gitcoin Grants", True), (2, "Optimism", True),
                                            (3, "Linea", True), (4, "Sandbox", False)]:
            conn.execute("select human_points.upsert_community(%s::integer, %s::text, %s::boolean)",
                         (community_id, name, program))
        populate_multipliers(conn, addresses=[DEMO_BOB])
    import_score_events(conn, demo_events())
    with conn.transaction():
        with conn.cursor().copy("COPY human_points.mint (address, action, tx_hash, chain_id) FROM STDIN") as copy:
            copy.write_row((DEMO_BOB, "passport_mint", "0x" + "5e" * 32, 10))
    return [(address, points_data(conn, address)["total_points"]) for address in (DEMO_ALICE, DEMO_BOB, DEMO_CAROL)]
