"""Helpers for the Human Points tests (fixtures live in conftest.py)."""

from __future__ import annotations

import json
import threading


ALICE = "0x" + "a" * 40
BOB = "0x" + "b" * 40
CAROL = "0x" + "c" * 40
DAVE = "0x" + "d" * 40

PROGRAM = (1, 2, 3)
OUTSIDE = 4

SCORED_AT = "2025-07-01T12:00:00Z"
LATER = "2025-12-31T00:00:00Z"    # a stamp valid at SCORED_AT
EARLIER = "2025-06-30T00:00:00Z"  # a stamp expired at SCORED_AT


def stamp(provider: str, expires: str = LATER, nullifiers: list[str] | None = None) -> dict:
    """A stamp in Passport's shape."""
    subject = {"id": "did:pkh:eip155:1:0x0", "provider": provider, "hash": "v0.0.0:x"}
    if nullifiers is not None:
        subject["nullifiers"] = nullifiers
    return {"provider": provider,
            "credential": {"issuanceDate": "2025-01-01T00:00:00Z", "expirationDate": expires,
                           "credentialSubject": subject}}


def score(conn, address: str, community_id: int, value: float = 25, stamps: list | None = None,
          scored_at: str = SCORED_AT) -> None:
    """One score event, inserted the way an application does."""
    conn.execute(
        "INSERT INTO human_points.score (address, community_id, score, stamps, scored_at) VALUES (%s, %s, %s, %s, %s)",
        (address, community_id, value, json.dumps(stamps or []), scored_at),
    )


def scores(conn, events: list[tuple]) -> None:
    """Many score events in ONE INSERT statement: tuples (address, community_id, score, stamps, scored_at)."""
    values = ", ".join(["(%s, %s, %s, %s::jsonb, %s::timestamptz)"] * len(events))
    params = [
        item
        for address, community_id, value, stamps, scored_at in events
        for item in (address, community_id, value, json.dumps(stamps), scored_at)
    ]
    conn.execute(f"INSERT INTO human_points.score (address, community_id, score, stamps, scored_at) VALUES {values}",
                 params)


def mint(conn, address: str, action: str, tx_hash: str, chain_id: int | None = 10) -> None:
    """One mint event."""
    conn.execute("INSERT INTO human_points.mint (address, action, tx_hash, chain_id) VALUES (%s, %s, %s, %s)",
                 (address, action, tx_hash, chain_id))


def awarded(conn, address: str | None = None) -> list[tuple]:
    """Points rows as sorted (address, action, points, tx_hash) tuples."""
    sql = "SELECT address, action, points, tx_hash FROM human_points.points"
    if address is not None:
        return conn.execute(sql + " WHERE address = %s ORDER BY 1, 2, 4", (address,)).fetchall()
    return conn.execute(sql + " ORDER BY 1, 2, 3, 4").fetchall()


def data(conn, address: str) -> dict:
    """points_data(address)."""
    return conn.execute("SELECT human_points.points_data(%s)", (address,)).fetchone()[0]


def passing(conn, address: str) -> int | None:
    row = conn.execute("SELECT passing_scores FROM human_points.program_stats WHERE address = %s",
                       (address,)).fetchone()
    return row[0] if row else None


def second_waits_for_first(connect, wait_until_blocked, first_work, second_work) -> None:
    """Two sessions: ``first_work(conn)`` runs in a transaction left open, ``second_work(conn)`` in another
    session's transaction, which must block on the first; then the first commits, and the second commits once it
    goes through. Raises what the second session raised."""
    first, second = connect(autocommit=False), connect(autocommit=False)
    first_work(first)
    errors = []

    def other():
        try:
            second_work(second)
            second.commit()
        except Exception as exc:  # re-raised below
            errors.append(exc)

    thread = threading.Thread(target=other)
    thread.start()
    wait_until_blocked(second.info.backend_pid)
    first.commit()
    thread.join()
    if errors:
        raise errors[0]
