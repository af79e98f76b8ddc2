"""Bulk loads: pull-request files (gh JSON or CSV) → COPY → gitpoap.import_pull_requests(), and the chunked backfill."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, NamedTuple

import ijson
import psycopg

from runner.db import run_transaction

CSV_HEADER = ("number", "title", "author", "merged_at", "merge_commit_sha")
COPY_PR_IMPORT = (
    "COPY gitpoap.pr_import (ordinal, number, title, login, merged_at, merge_commit_sha) FROM STDIN"
)


class ImportFileError(ValueError):
    """A malformed input file; the message names the record (1-based) and the field."""


class PullRequestRecord(NamedTuple):
    """One pull request as read from a file, in gitpoap.pr_import's column order."""

    ordinal: int
    number: int
    title: str
    login: str
    merged_at: datetime | None
    merge_commit_sha: str | None


@dataclass(frozen=True)
class ImportResult:
    """What gitpoap.import_pull_requests() reports, plus the claims of a deferred backfill."""

    records: int
    inserted: int
    duplicates: int
    already_stored: int
    bot_prs: int
    claims_issued: int
    project_id: int
    repo_id: int


def _fail(ordinal: int, field: str, problem: str) -> ImportFileError:
    return ImportFileError(f"record {ordinal}: field '{field}': {problem}")


def _number(ordinal: int, field: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value)
        else:
            raise _fail(ordinal, field, f"not a whole number: {value!r}")
    if value < 1:
        raise _fail(ordinal, field, f"must be a positive pull request number, got {value}")
    return value


def _text(ordinal: int, field: str, value, *, required: bool = True) -> str | None:
    if value is None or value == "":
        if required:
            raise _fail(ordinal, field, "missing")
        return None
    if not isinstance(value, str):
        raise _fail(ordinal, field, f"not a string: {value!r}")
    return value


def _time(ordinal: int, field: str, value) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _fail(ordinal, field, f"not a time: {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _fail(ordinal, field, f"unparsable time {value!r} (want ISO 8601, e.g. 2023-05-31T16:14:56Z)") from None
    if parsed.tzinfo is None:
        raise _fail(ordinal, field, f"time {value!r} has no time zone (add Z or +00:00)")
    return parsed


def _gh_record(ordinal: int, item) -> PullRequestRecord:
    if not isinstance(item, dict):
        raise ImportFileError(f"record {ordinal}: not a JSON object: {item!r}"[:200])
    for field in ("number", "title", "author", "mergedAt"):
        if field not in item:
            raise _fail(ordinal, field, "missing")
    author = item["author"]
    if not isinstance(author, dict) or "login" not in author:
        raise _fail(ordinal, "author.login", "missing")
    commit = item.get("mergeCommit")
    if commit is not None and not isinstance(commit, dict):
        raise _fail(ordinal, "mergeCommit.oid", f"not an object: {commit!r}")
    return PullRequestRecord(
        ordinal,
        _number(ordinal, "number", item["number"]),
        _text(ordinal, "title", item["title"], required=False) or "",
        _text(ordinal, "author.login", author["login"]),
        _time(ordinal, "mergedAt", item["mergedAt"]),
        _text(ordinal, "mergeCommit.oid", (commit or {}).get("oid"), required=False),
    )


def _read_json(stream: IO[bytes]) -> Iterator[PullRequestRecord]:
    ordinal = 0
    try:
        for ordinal, item in enumerate(ijson.items(stream, "item", use_float=False), start=1):
            yield _gh_record(ordinal, item)
    except ijson.JSONError as exc:
        reason = (str(exc).strip().splitlines() or ["parse error"])[0]
        raise ImportFileError(f"malformed JSON in record {ordinal + 1}: {reason}") from None
    if ordinal == 0:
        stream.seek(0)
        head = stream.read(64).lstrip()
        if not head.startswith(b"["):
            raise ImportFileError("not a JSON array of pull requests (gh pr list --json …) nor a CSV")


def _read_csv(stream: IO[bytes]) -> Iterator[PullRequestRecord]:
    # csv.reader with the header's positions, not DictReader: a dict per row was half the parse time of a 1M-row file.
    reader = csv.reader(io.TextIOWrapper(stream, encoding="utf-8", newline=""))
    header = next(reader, None) or []
    missing = [field for field in CSV_HEADER if field not in header]
    if missing:
        raise ImportFileError(f"CSV header must have {','.join(CSV_HEADER)}; missing: {','.join(missing)}")
    number_at, title_at, author_at, merged_at_at, sha_at = (header.index(field) for field in CSV_HEADER)
    ordinal = 0
    for row in reader:
        if not row:  # a blank line, as DictReader skips it
            continue
        ordinal += 1
        if len(row) < len(header):
            raise _fail(ordinal, next(f for f in CSV_HEADER if header.index(f) >= len(row)), "missing")
        yield PullRequestRecord(
            ordinal,
            _number(ordinal, "number", row[number_at].strip()),
            row[title_at],
            _text(ordinal, "author", row[author_at].strip()),
            _time(ordinal, "merged_at", row[merged_at_at].strip()),
            _text(ordinal, "merge_commit_sha", row[sha_at].strip(), required=False),
        )


def read_pull_requests(stream: IO[bytes]) -> Iterator[PullRequestRecord]:
    """Stream the records of a pull-request file, validating each.

    Args:
        stream: a binary file holding either the JSON array printed by
            ``gh pr list --state merged --json number,title,author,mergedAt,mergeCommit``
            or a CSV with header ``number,title,author,merged_at,merge_commit_sha``
            (told apart by the first non-blank byte, ``[`` for JSON).

    Yields :class:`PullRequestRecord`, ordinal 1-based. Memory stays flat
    whatever the file size (ijson streams the JSON).

    Raises:
        ImportFileError: bad JSON, a missing field, an unparsable or zone-less
            time, a number that is not a positive integer; names record and field.
    """
    first = stream.peek(64)[:64].lstrip() if hasattr(stream, "peek") else b""
    if first.startswith(b"[") or first.startswith(b"{"):
        return _read_json(stream)
    return _read_csv(stream)


def import_pull_requests(
    conn: psycopg.Connection,
    records: Iterable[PullRequestRecord],
    repo: str,
    project: str | None = None,
    defer_claims: bool = False,
) -> ImportResult:
    """Load pull requests in one transaction: COPY into gitpoap.pr_import, then one set-based insert.

    Args:
        conn: an open connection (its user needs rewards_admin).
        records: as yielded by :func:`read_pull_requests`.
        repo: ``owner/name``.
        project: project name; default: named like the repo (created if missing).
        defer_claims: load with the counting triggers off (then run :func:`backfill_claims`).

    SQL: ``COPY gitpoap.pr_import … FROM STDIN``, then
    ``SELECT * FROM gitpoap.import_pull_requests(repo, project, defer_claims)``.

    Raises:
        ImportFileError: from the records; nothing is loaded.
        psycopg.Error: a database rule refused a row (e.g. a login of the wrong
            shape); nothing is loaded.
    """
    with conn.transaction():
        with conn.cursor().copy(COPY_PR_IMPORT) as copy:
            for record in records:
                copy.write_row(record)
        row = conn.execute(
            "SELECT * FROM gitpoap.import_pull_requests(%s::text, %s::text, %s::boolean)",
            (repo, project, defer_claims),
        ).fetchone()
    return ImportResult(*row)


@dataclass(frozen=True)
class BackfillChunk:
    """One committed chunk of gitpoap.backfill_claims()."""

    claims_issued: int
    contributors: int
    merged_prs: int
    done: bool


def backfill_claims(
    conn: psycopg.Connection,
    project_id: int | None = None,
    gitpoap_id: int | None = None,
    batch_size: int = 10_000,
) -> Iterator[BackfillChunk]:
    """Recount counters and issue every missing claim, one committed transaction per chunk.

    Args:
        conn: an open connection, not in a transaction (its user needs rewards_admin).
        project_id: limit to one project; gitpoap_id: limit to one GitPOAP.
        batch_size: counter keys (project, year, contributor) per chunk, >= 1.

    Yields a :class:`BackfillChunk` after each chunk commits; the last has
    ``done``. Killed midway, the chunks done stay committed and a re-run
    issues exactly what is still missing. A chunk aborted by a deadlock or a
    serialization failure runs again (:func:`runner.db.run_transaction`).

    SQL: ``SELECT * FROM gitpoap.backfill_claims(p_project_id, p_gitpoap_id,
    p_batch_size, p_after_project_id, p_after_year, p_after_user_id)`` per chunk.

    Raises:
        psycopg.Error: unknown project or GitPOAP id, batch_size < 1; a chunk
            still deadlocking after five tries.
    """
    cursor: tuple = (None, None, None)
    done = False
    while not done:
        row = run_transaction(conn, lambda c, after=cursor: c.execute(
            "SELECT * FROM gitpoap.backfill_claims(%s::bigint, %s::bigint, %s::integer,"
            " %s::bigint, %s::integer, %s::bigint)",
            (project_id, gitpoap_id, batch_size, *after),
        ).fetchone())
        claims, contributors, merged_prs, *next_cursor, done = row
        cursor = tuple(next_cursor)
        yield BackfillChunk(claims, contributors, merged_prs, done)
