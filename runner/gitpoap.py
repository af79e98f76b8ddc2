"""Tiered GitPOAPs from Python: every SQL string the gitpoap domain sends.

Pull-request files are streamed as they are written (ijson for gh's JSON array, the csv reader for CSV) into
``COPY gitpoap.pr_import``; ``gitpoap.import_pull_requests`` judges the records and loads them. Everything
else is one call of the SQL API.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import psycopg
from psycopg.rows import dict_row

from runner.db import run_transaction
from runner.files import csv_records, is_json, json_items, nul_error, nul_path, opened

CSV_HEADER = ("number", "title", "author", "merged_at", "merge_commit_sha")
GH_FIELDS = ("number", "title", "author.login", "mergedAt", "mergeCommit.oid")  # the columns' fields in gh JSON
COPY_CSV = "COPY gitpoap.pr_import (ordinal, number, title, login, merged_at, merge_commit_sha) FROM STDIN"
COPY_JSON = (
    "COPY gitpoap.pr_import (ordinal, number, title, login, merged_at, merge_commit_sha, record, from_json) FROM STDIN"
)


@dataclass(frozen=True)
class ImportResult:
    """What gitpoap.import_pull_requests() reports."""

    records: int
    inserted: int
    duplicates: int
    already_stored: int
    bot_prs: int
    claims_issued: int
    project_id: int
    repo_id: int


@dataclass(frozen=True)
class BackfillChunk:
    """One committed chunk of gitpoap.backfill_claims()."""

    claims_issued: int
    contributors: int
    merged_prs: int
    done: bool


_TEXT = (str, type(None))


def _gh_columns(ordinal: int, item: object) -> tuple:
    """A gh JSON record as a row of gitpoap.pr_import: its fields in the columns when it has the plain shape of gh's
    output (an object whose number is an integer; title, author.login, mergedAt and mergeCommit.oid strings or
    null), else the record whole — the database judges both; this only saves re-encoding well-shaped records."""
    if type(item) is dict and item.keys() >= {"number", "title", "author", "mergedAt"}:
        number, title, author, merged_at, commit = (
            item["number"], item["title"], item["author"], item["mergedAt"], item.get("mergeCommit"))
        login = author.get("login") if type(author) is dict else None
        oid = commit.get("oid") if type(commit) is dict else None
        if (type(number) is int and type(title) in _TEXT and type(login) is str and type(merged_at) in _TEXT
                and (commit is None or type(commit) is dict) and type(oid) in _TEXT):
            return ordinal, str(number), title or "", login, merged_at or "", oid or "", None, True
    record = json.dumps(item)
    if "\\u0000" in record and (path := nul_path(item)) is not None:  # jsonb refuses it without naming the record
        raise nul_error("records", ordinal, path)
    return ordinal, None, None, None, None, None, record, True


def import_pull_requests(
    conn: psycopg.Connection,
    source: str | Path | IO[bytes],
    repo: str,
    project: str | None = None,
    defer_claims: bool = False,
    progress: Callable[[int, bool], None] | None = None,
) -> ImportResult:
    """Load a pull-request file in one transaction: COPY into gitpoap.pr_import, then one set-based insert.

    Args:
        conn: an open autocommit connection (its user needs rewards_admin).
        source: the path of, or a binary stream over, a file holding the JSON array printed by
            ``gh pr list --state merged --json number,title,author,mergedAt,mergeCommit``, or a CSV with header
            ``number,title,author,merged_at,merge_commit_sha`` (other columns ignored, any order); told apart by
            the first non-blank byte (``[`` for JSON). Streamed: memory stays flat.
        repo: ``owner/name``.
        project: project name; default: named like the repo (created if missing).
        defer_claims: load with the counting triggers off (then run :func:`backfill_claims`).
        progress: called with the number of records copied so far every 10,000 records, and with ``True`` as
            second argument once the copy is done and the database starts loading them.

    SQL: ``COPY gitpoap.pr_import … FROM STDIN``, then
    ``select * from gitpoap.import_pull_requests(repo, project, defer_claims)``.

    Raises:
        runner.files.ImportFileError: the file is not such a JSON array or CSV, or a record holds a NUL character
            (``records[<n>].<field> must not contain NUL characters …``); nothing is loaded.
        psycopg.Error: a record breaks a rule (``records[<n>].<field> …``, n from 0) or a row a table's
            constraint; nothing is loaded.
    """
    with opened(source) as stream:
        return _import(conn, stream, repo, project, defer_claims, progress)


def _import(conn, stream, repo, project, defer_claims, progress) -> ImportResult:
    as_json = is_json(stream)
    if as_json:
        rows = (_gh_columns(ordinal, item) for ordinal, item in json_items(stream, "records"))
    else:
        rows = csv_records(stream, CSV_HEADER)
    copied = 0
    with conn.transaction():
        with conn.cursor().copy(COPY_JSON if as_json else COPY_CSV) as copy:
            for copied, row in enumerate(rows, start=1):
                try:
                    copy.write_row(row)
                except psycopg.DataError:  # a text field with a NUL character, which PostgreSQL text cannot hold
                    path = nul_path(dict(zip(GH_FIELDS if as_json else CSV_HEADER, row[1:6])))
                    if path is None:
                        raise
                    raise nul_error("records", row[0], path) from None
                if progress is not None and copied % 10_000 == 0:
                    progress(copied, False)
        if progress is not None:
            progress(copied, True)
        row = conn.execute(
            "select * from gitpoap.import_pull_requests(%s::text, %s::text, %s::boolean)",
            (repo, project, defer_claims),
        ).fetchone()
    return ImportResult(*row)


def backfill_claims(
    conn: psycopg.Connection,
    project: str | None = None,
    gitpoap_id: int | None = None,
    batch_size: int = 10_000,
    project_id: int | None = None,
) -> Iterator[BackfillChunk]:
    """Recount counters and issue every missing claim, one committed transaction per chunk.

    Args:
        conn: an open autocommit connection (its user needs rewards_admin).
        project: limit to the project of that name; project_id: the same by id; gitpoap_id: to one GitPOAP.
        batch_size: counter keys (project, year, contributor) per chunk, >= 1.

    Yields a :class:`BackfillChunk` after each chunk commits; the last has ``done``. Killed midway, the chunks
    done stay committed and a re-run issues exactly what is still missing. A chunk aborted by a deadlock or a
    serialization failure runs again (:func:`runner.db.run_transaction`).

    SQL: ``select gitpoap.project_id(name)`` for a name, then ``select * from gitpoap.backfill_claims(p_project_id,
    p_gitpoap_id, p_batch_size, p_after_project_id, p_after_year, p_after_user_id)`` per chunk.

    Raises:
        psycopg.Error: unknown project or GitPOAP, batch_size < 1; a chunk still deadlocking after five tries.
    """
    if project is not None:
        project_id = project_id_of(conn, project)
    cursor: tuple = (None, None, None)
    done = False
    while not done:
        row = run_transaction(conn, lambda c, after=cursor: c.execute(
            "select * from gitpoap.backfill_claims(%s::bigint, %s::bigint, %s::integer,"
            " %s::bigint, %s::integer, %s::bigint)",
            (project_id, gitpoap_id, batch_size, *after),
        ).fetchone())
        claims, contributors, merged_prs, *next_cursor, done = row
        cursor = tuple(next_cursor)
        yield BackfillChunk(claims, contributors, merged_prs, done)


def project_id_of(conn: psycopg.Connection, name: str) -> int:
    """The id of the project named ``name``. SQL: ``select gitpoap.project_id(name)``; raises no_data_found."""
    return conn.execute("select gitpoap.project_id(%s::text)", (name,)).fetchone()[0]


GITPOAP_COLUMNS = ("id", "project", "year", "level", "threshold", "status", "enabled", "claims")
ADDED_COLUMNS = ("id", "level", "threshold", "claims_issued")
CONTRIBUTOR_COLUMNS = ("login", "merged_prs", "claims", "highest_level")


def add_gitpoaps(conn: psycopg.Connection, project: str, year: int, thresholds: list[int]) -> list[tuple]:
    """One GitPOAP per level for a project and UTC year (level k gets ``thresholds[k-1]``); their claims are
    issued from the counters at once.

    Returns rows ``(id, level, threshold, claims_issued)`` by level.

    SQL: ``select * from gitpoap.add_gitpoaps(project, year, thresholds)``. Raises psycopg errors naming the
    rule (unknown project, year out of range, thresholds not rising, a level that exists).
    """
    return conn.execute("select * from gitpoap.add_gitpoaps(%s::text, %s::integer, %s::integer[])",
                        (project, year, thresholds)).fetchall()


def list_gitpoaps(conn: psycopg.Connection, project: str | None = None) -> list[tuple]:
    """Rows ``(id, project, year, level, threshold, status, enabled, claims)`` by project, year and level.

    SQL: ``select * from gitpoap.list_gitpoaps(project)``.
    """
    return conn.execute("select * from gitpoap.list_gitpoaps(%s::text)", (project,)).fetchall()


def top_contributors(conn: psycopg.Connection, project: str | None = None, limit: int = 10) -> list[tuple]:
    """Rows ``(login, merged_prs, claims, highest_level)``, most counted merged PRs first.

    SQL: ``select * from gitpoap.top_contributors(project, limit)``.
    """
    return conn.execute("select * from gitpoap.top_contributors(%s::text, %s::integer)", (project, limit)).fetchall()


def contributor_claims(conn: psycopg.Connection, login: str) -> list[dict]:
    """The claims of a contributor (login in any case), by project, year and level; none for an unknown login.

    Returns dicts ``{"gitpoap_id", "gitpoap" (its name), "project", "year", "level", "threshold", "status" (the
    claim's), "earned_repo", "earned_number" (the earning PR; both None when it was deleted), "issued_at"}``.

    SQL: ``select * from gitpoap.contributor_claims(login)``.
    """
    return conn.cursor(row_factory=dict_row).execute(
        "select * from gitpoap.contributor_claims(%s::text)", (login,)).fetchall()


def contributor_progress(conn: psycopg.Connection, login: str) -> list[dict]:
    """A contributor's progress per project and UTC year (login in any case); none for an unknown login.

    Returns dicts ``{"project", "year", "merged_prs", "current_level", "next_level", "next_threshold",
    "prs_to_go"}`` (the last three None when no level is left), the rows of reporting.contributor_progress.

    SQL: ``select * from gitpoap.contributor_progress(login)``.
    """
    return conn.cursor(row_factory=dict_row).execute(
        "select * from gitpoap.contributor_progress(%s::text)", (login,)).fetchall()


def gitpoap_claims(conn: psycopg.Connection, project: str | None = None, year: int | None = None) -> list[dict]:
    """GitPOAPs (of ``project`` and ``year`` when given) with their claims issued and claimed, by project, year
    and level.

    Returns dicts ``{"gitpoap_id", "project", "year", "level", "threshold", "name", "status", "is_enabled",
    "issued", "claimed"}``, the rows of reporting.gitpoap_claims.

    SQL: ``select * from gitpoap.gitpoap_claims(project, year)``.
    """
    return conn.cursor(row_factory=dict_row).execute(
        "select * from gitpoap.gitpoap_claims(%s::text, %s::integer)", (project, year)).fetchall()


REPO_COLUMNS = ("repo", "project", "backloaded_at", "webhooks_since", "pull_requests")


def list_repos(conn: psycopg.Connection, project: str | None = None) -> list[tuple]:
    """Rows ``(repo, project, backloaded_at, webhooks_since, pull_requests)`` by repo name; ``backloaded_at`` None:
    its history was never loaded; ``webhooks_since`` None: not registered for webhooks.

    SQL: ``select * from gitpoap.list_repos(project)``.
    """
    return conn.execute("select * from gitpoap.list_repos(%s::text)", (project,)).fetchall()


def register_repo(conn: psycopg.Connection, repo: str, project: str | None = None) -> tuple:
    """Register ``repo`` (``owner/name``) for GitHub webhooks, creating it and its project when missing (project
    default: the repo's own, else named like the repo). Returns its row as :func:`list_repos` shows it.

    SQL: ``select * from gitpoap.register_repo(repo, project)``. Raises psycopg errors naming the rule (repo
    name format, a repo that belongs to another project).
    """
    return conn.execute("select * from gitpoap.register_repo(%s::text, %s::text)", (repo, project)).fetchone()


@dataclass(frozen=True)
class Delivery:
    """What gitpoap.receive_github_delivery() did with one webhook delivery: ``outcome`` one of pong, ignored,
    unregistered, redelivery, stored, already_stored; ``repo`` the payload's repository.full_name (None if
    absent); ``number`` and ``claims_issued`` for stored and already_stored."""

    outcome: str
    repo: str | None
    number: int | None
    claims_issued: int | None


def receive_github_delivery(conn: psycopg.Connection, delivery: str | None, event: str | None,
                            body: bytes) -> Delivery:
    """Hand one GitHub webhook delivery, whose signature the caller has verified, to the database.

    Args:
        conn: an open autocommit connection (its user needs rewards_admin).
        delivery: the X-GitHub-Delivery header (a GUID), event: the X-GitHub-Event header, None when absent.
        body: the raw request body (UTF-8 JSON); the database parses and judges it.

    A deadlock or serialization failure is retried (:func:`runner.db.run_transaction`).

    SQL: ``select * from gitpoap.receive_github_delivery(delivery, event, body)``.

    Raises:
        psycopg.Error: invalid_parameter_value naming ``payload`` (not a JSON object), ``delivery`` (no GUID) or
            ``records[0].<field>`` (a pull request the import rules refuse); nothing is stored.
    """
    payload = body.decode("utf-8", errors="replace")
    row = run_transaction(conn, lambda c: c.execute(
        "select * from gitpoap.receive_github_delivery(%s::text, %s::text, %s::text)",
        (delivery, event, payload)).fetchone())
    return Delivery(*row)
