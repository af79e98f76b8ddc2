"""The gitpoap `world` fixture (a project with one repo, helpers to insert users, PRs and GitPOAPs); a plugin of tests/conftest.py."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import psycopg
import pytest


def pr_file(rows: list[tuple[int, str, datetime | None]]) -> io.BytesIO:
    """A pull-request CSV file (the import's header) of ``(number, login, merged_at)`` rows, titled ``PR <number>``."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(("number", "title", "author", "merged_at", "merge_commit_sha"))
    writer.writerows((n, f"PR {n}", login, merged.isoformat() if merged else "", "") for n, login, merged in rows)
    return io.BytesIO(text.getvalue().encode())


class GitPoapWorld:
    """Inserts rows the way an application would and reads claims back.

    ``pr()`` inserts one row per call; ``prs()`` many in one statement.
    Times are strings PostgreSQL parses as timestamptz (give a zone).
    """

    def __init__(self, conn: psycopg.Connection, project: str = "acme/rocket"):
        self.conn = conn
        self.project_id = self.project(project)
        self.repo_id = self.repo(project, self.project_id)

    def on(self, conn: psycopg.Connection) -> "GitPoapWorld":
        """The same project and repo, written through another session."""
        other = object.__new__(GitPoapWorld)
        other.conn, other.project_id, other.repo_id = conn, self.project_id, self.repo_id
        return other

    def project(self, name: str) -> int:
        return self.conn.execute(
            "INSERT INTO gitpoap.project (name) VALUES (%s) RETURNING id", (name,)
        ).fetchone()[0]

    def repo(self, name: str, project_id: int) -> int:
        return self.conn.execute(
            "INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, %s) RETURNING id", (project_id, name)
        ).fetchone()[0]

    def user(self, login: str, conn: psycopg.Connection | None = None) -> int:
        conn = conn or self.conn
        conn.execute("INSERT INTO gitpoap.github_user (login) VALUES (%s) ON CONFLICT DO NOTHING", (login,))
        return conn.execute("SELECT id FROM gitpoap.github_user WHERE login = %s", (login,)).fetchone()[0]

    def prs(self, rows, repo_id: int | None = None, project_id: int | None = None, conn=None) -> None:
        """Insert (number, login, merged_at) rows in ONE statement."""
        conn = conn or self.conn
        repo_id = repo_id or self.repo_id
        project_id = project_id or self.project_id
        for _, login, _ in rows:
            self.user(login, conn)
        conn.execute(
            """
            INSERT INTO gitpoap.pull_request (repo_id, project_id, number, title, author_id, merged_at)
            SELECT %s, %s, r.number, 'PR ' || r.number, u.id, r.merged_at
            FROM unnest(%s::integer[], %s::text[], %s::timestamptz[]) AS r(number, login, merged_at)
            JOIN gitpoap.github_user u ON u.login = r.login
            """,
            (repo_id, project_id, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]),
        )

    def pr(self, number: int, login: str, merged_at: str | None, **kwargs) -> None:
        self.prs([(number, login, merged_at)], **kwargs)

    def gitpoap(self, year: int, level: int, threshold: int, project_id: int | None = None, **columns) -> int:
        values = {"project_id": project_id or self.project_id, "name": f"{year} level {level}",
                  "year": year, "level": level, "threshold": threshold, **columns}
        names = ", ".join(values)
        marks = ", ".join(["%s"] * len(values))
        return self.conn.execute(
            f"INSERT INTO gitpoap.gitpoap ({names}) VALUES ({marks}) RETURNING id", list(values.values())
        ).fetchone()[0]

    def claims(self) -> set[tuple]:
        """Every claim as (year, level, login, number of the earning PR or None)."""
        rows = self.conn.execute(
            """
            SELECT g.year, g.level, u.login, pr.number
            FROM gitpoap.claim c
            JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id
            JOIN gitpoap.github_user u ON u.id = c.user_id
            LEFT JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id
            """
        ).fetchall()
        return set(rows)

    def count(self, login: str, year: int) -> int | None:
        row = self.conn.execute(
            """SELECT c.merged_prs FROM gitpoap.contribution c JOIN gitpoap.github_user u ON u.id = c.user_id
               WHERE u.login = %s AND c.year = %s AND c.project_id = %s""",
            (login, year, self.project_id),
        ).fetchone()
        return row and row[0]


@pytest.fixture
def world(db) -> GitPoapWorld:
    return GitPoapWorld(db)
