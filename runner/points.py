"""Human Points Program from Python: every SQL string the human_points domain sends.

Every rule (what earns points, dedupe, multipliers, what a well-formed event or address is) lives in the
database; score files are streamed as they are written into COPY, address files read line by line.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import IO

import psycopg

from runner.db import run_transaction
from runner.files import csv_records, exact_json, head, json_array, opened

COPY_EVENTS = "COPY human_points.score_import (idx, event) FROM STDIN"


def points_data(conn: psycopg.Connection, address: str) -> dict:
    """Points of one address, as the seed's points endpoint returns them.

    Args:
        conn: an open connection (role ``rewards_app`` or above).
        address: ``0x`` + 40 hex digits, any case.

    Returns ``{"total_points": int, "is_eligible": bool, "multiplier": int, "breakdown": {action: points}}``.

    Raises:
        psycopg.errors.CheckViolation: the address is malformed (the message names it).

    SQL: ``select human_points.points_data(%s::text)``.
    """
    return conn.execute("select human_points.points_data(%s::text)", (address,)).fetchone()[0]


def status(conn: psycopg.Connection) -> dict:
    """The program's settings: ``{"write_enabled", "pass_threshold", "bonus_communities", "program_communities"}``.

    SQL: ``select human_points.status()``.
    """
    return conn.execute("select human_points.status()").fetchone()[0]


def set_write_enabled(conn: psycopg.Connection, enabled: bool) -> bool:
    """Turn the kill switch: ``False`` stores events without awarding points, ``True`` awards again (new events only).

    Args:
        conn: an open connection (role ``rewards_admin``); committed if autocommit.
        enabled: the new value of ``settings.write_enabled``.

    Returns the value now stored. SQL: ``select human_points.set_write_enabled(%s::boolean)``.
    """
    return conn.execute("select human_points.set_write_enabled(%s::boolean)", (enabled,)).fetchone()[0]


def _load_events(conn: psycopg.Connection, rows: Iterable[tuple[int, str]]) -> int:
    with conn.transaction():
        with conn.cursor().copy(COPY_EVENTS) as copy:
            for row in rows:
                copy.write_row(row)
        return conn.execute("select human_points.import_scores()").fetchone()[0]


def import_scores(conn: psycopg.Connection, source: str | Path | IO[bytes]) -> int:
    """Load a JSON array file of score events (shaped like passport-scores-sample.json) in one transaction.

    The file is streamed (ijson, numbers as Decimals: a score is stored digit for digit, as an application INSERT
    stores it) into ``COPY human_points.score_import``; ``human_points.import_scores()``
    judges every event and inserts them with one statement, so the score trigger awards points once for the
    whole file. A malformed event loads nothing.

    Args:
        conn: an open autocommit connection (role ``rewards_app`` or above).
        source: the file's path, or the file opened for binary reading.

    Returns the number of events stored.

    Raises:
        runner.files.ImportFileError: not a JSON array, or not valid JSON (names the event index).
        psycopg.errors.InvalidParameterValue: ``events[<index>].<field> <rule> (got <value>)``.
    """
    with opened(source) as stream:
        return _load_events(conn, json_array(stream, "events"))


def import_score_events(conn: psycopg.Connection, events: Iterable[object]) -> int:
    """Load score events given as JSON-able dicts (``{"address", "community_id", "score", "scored_at",
    "stamps"}``, their position the index errors name; numbers as ints, Decimals — written exactly — or floats), the
    way :func:`import_scores` loads a file.

    SQL: ``COPY human_points.score_import FROM STDIN``, ``select human_points.import_scores()``.
    """
    return _load_events(conn, ((index, exact_json(event)) for index, event in enumerate(events)))


def read_address_file(stream: IO[bytes]) -> list[str]:
    """Addresses listed in a file: one per line, or a CSV whose header has an ``address`` column.

    Returns the addresses as written (validation and lower-casing are the database's). A first line with a comma
    or equal to ``address`` (any case) marks a CSV; blank lines are skipped.

    Raises:
        runner.files.ImportFileError: a CSV without an ``address`` column.
    """
    first = head(stream, 4096).decode("utf-8-sig", "replace").lstrip().split("\n", 1)[0].strip()
    if "," in first or first.strip('"').lower() == "address":
        return [row[1].strip() for row in csv_records(stream, ("address",)) if (row[1] or "").strip()]
    return [line.strip() for line in stream.read().decode("utf-8-sig").splitlines() if line.strip()]


def populate_multipliers(
    conn: psycopg.Connection,
    *,
    addresses: list[str] | None = None,
    returning_before: datetime | str | None = None,
) -> int:
    """Give multiplier 2 to addresses without a multiplier row (existing rows untouched).

    Exactly one of:
        addresses: a list of addresses (any case); a malformed one adds nothing and is named.
        returning_before: a timestamptz (datetime, or text such as ``2025-07-15T00:00:00Z``): every address with
            a passing score scored before it.

    Returns how many multiplier rows were added.

    Raises:
        ValueError: neither or both selectors given.
        psycopg.errors.InvalidDatetimeFormat: ``returning_before`` text that is not an ISO 8601 timestamp with a
            time zone (judged by ``core.to_timestamptz``).
        psycopg.errors.CheckViolation: a malformed address.

    SQL: ``select core.to_timestamptz(%s::text, 'returning_before')`` for text, then
    ``select human_points.populate_multipliers(%s::text[])`` or ``(%s::timestamptz)``.
    """
    if (addresses is None) == (returning_before is None):
        raise ValueError("populate_multipliers: give exactly one of addresses or returning_before")
    if addresses is not None:
        return conn.execute("select human_points.populate_multipliers(%s::text[])", (list(addresses),)).fetchone()[0]
    if isinstance(returning_before, str):
        returning_before = conn.execute("select core.to_timestamptz(%s::text, 'returning_before')",
                                        (returning_before,)).fetchone()[0]
    return conn.execute("select human_points.populate_multipliers(%s::timestamptz)", (returning_before,)).fetchone()[0]


COMMUNITY_COLUMNS = ("id", "name", "human_points_program", "created_at")


def upsert_community(conn: psycopg.Connection, community_id: int, name: str, program: bool) -> dict:
    """Add a community or change its name and program membership (only later scores are affected).

    Args:
        conn: an open connection (role ``rewards_admin``).
        community_id: the id applications send in ``score.community_id`` (> 0).
        name: display name (at most 200 characters).
        program: whether its scores take part in the program.

    Returns the row as ``{"id", "name", "human_points_program", "created_at"}``.

    Raises:
        psycopg.errors.CheckViolation: an id <= 0 or a name over 200 characters (constraints on ``community``).

    SQL: ``select * from human_points.upsert_community(%s::integer, %s::text, %s::boolean)``.
    """
    row = conn.execute("select * from human_points.upsert_community(%s::integer, %s::text, %s::boolean)",
                       (community_id, name, program)).fetchone()
    return dict(zip(COMMUNITY_COLUMNS, row))


def list_communities(conn: psycopg.Connection) -> list[dict]:
    """Every community, by id, as ``{"id", "name", "human_points_program", "created_at"}`` (role ``rewards_app``).

    SQL: ``select id, name, human_points_program, created_at from human_points.community order by id``.
    """
    rows = conn.execute("select id, name, human_points_program, created_at from human_points.community order by id")
    return [dict(zip(COMMUNITY_COLUMNS, row)) for row in rows]


def set_program(conn: psycopg.Connection, community_id: int, program: bool, count_since: str | None = None) -> dict:
    """Switch a community into or out of the program; switching in with ``count_since``, also count its stored
    scores scored at or after that time, as if they arrived now (``human_points.count_past_scores``), in the same
    transaction — run again after a deadlock (:func:`runner.db.run_transaction`).

    Args:
        conn: an open connection not inside a transaction (role ``rewards_admin``).
        community_id: an existing community's id.
        program: True to switch it in, False out.
        count_since: an ISO 8601 timestamp with a time zone (e.g. ``2025-01-01T00:00:00Z``), only with ``program``.

    Returns the community's row (as :func:`list_communities`) plus, with ``count_since``,
    ``"counted": {"scores": events replayed, "qualified": new qualifications}``.

    Raises:
        ValueError: ``count_since`` given with ``program`` False.
        psycopg.errors.NoDataFound: no such community (names ``community_id``).
        psycopg.errors.InvalidDatetimeFormat: ``count_since`` is not such a timestamp (``core.to_timestamptz``).
        psycopg.errors.ObjectNotInPrerequisiteState: writes are disabled (nothing would be counted).

    SQL: ``select * from human_points.set_program(%s::integer, %s::boolean)``, then
    ``select human_points.count_past_scores(%s::integer, core.to_timestamptz(%s::text, 'count_since'))``.
    """
    if count_since is not None and not program:
        raise ValueError("count_since counts the past scores of a community switched into the program")

    def work(tx: psycopg.Connection) -> dict:
        row = tx.execute("select * from human_points.set_program(%s::integer, %s::boolean)",
                         (community_id, program)).fetchone()
        result = dict(zip(COMMUNITY_COLUMNS, row))
        if count_since is not None:
            result["counted"] = tx.execute(
                "select human_points.count_past_scores(%s::integer, core.to_timestamptz(%s::text, 'count_since'))",
                (community_id, count_since)).fetchone()[0]
        return result

    return run_transaction(conn, work)


def record_mint(conn: psycopg.Connection, address: str, action: str, tx_hash: str, chain_id: int | None) -> None:
    """One mint event, the way an application sends it. SQL: ``COPY human_points.mint (…) FROM STDIN``."""
    with conn.cursor().copy("COPY human_points.mint (address, action, tx_hash, chain_id) FROM STDIN") as copy:
        copy.write_row((address, action, tx_hash, chain_id))
