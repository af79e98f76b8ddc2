"""Helpers shared by the tests: the server they use, external tools (skip locally, fail in CI) and schema dumps.

External tools (pg_isolation_regress, pg_dump, squawk, the plpgsql_check extension) are installed by
.ci/run, which exports REQUIRE_TOOLS=1: there a missing tool fails the test. Elsewhere (a laptop
without the Debian packages) the test is skipped with a reason naming the package to install. Client
programs of the embedded PostgreSQL's major version come from its wheel (runner.embedded).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from runner import embedded

ROOT = Path(__file__).resolve().parents[1]
MIGRATIONS = ROOT / "db" / "migrations"

# Every schema this project owns (DESIGN: gitpoap, tiers, human_points, reporting; core: the rules they share).
# Catalog checks run over these plus any other schema owned by rewards_owner, so a new domain is covered unseen.
PROJECT_SCHEMAS = ("core", "gitpoap", "tiers", "human_points", "reporting")


@dataclass(frozen=True)
class Server:
    """A PostgreSQL server for the tests, with the attributes pytest-postgresql's noproc ``depends_on`` reads."""

    host: str
    port: int
    user: str
    password: str | None = None
    options: str = ""
    maintenance_dbname: str = "postgres"
    template_dbname: str | None = None  # databases are created empty, not cloned from a template of ours

    def dsn(self, dbname: str = "postgres") -> str:
        return make_conninfo(host=self.host, port=str(self.port), user=self.user, dbname=dbname,
                             password=self.password or None)


def tools_required() -> bool:
    """True in CI (.ci/run exports REQUIRE_TOOLS=1; a CI=true environment counts too)."""
    return os.environ.get("REQUIRE_TOOLS") == "1" or os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing_tool(what: str, install: str) -> None:
    """Skip (locally) or fail (CI) because ``what`` is not installed; ``install`` says how to get it."""
    message = f"{what} is not installed ({install})"
    if tools_required():
        pytest.fail(f"{message}; REQUIRE_TOOLS=1 / CI: .ci/run should have installed it")
    pytest.skip(message)


def server_major(conn) -> int:
    """Major version of the server ``conn`` talks to (15 for 15.x)."""
    return int(conn.execute("SELECT current_setting('server_version_num')::int / 10000").fetchone()[0])


@cache
def _embedded_major() -> int:
    return int(embedded.version().split(".")[0])


def pg_lib_dirs(major: int) -> list[Path]:
    """Where PostgreSQL's libdir may be: ``pg_config --pkglibdir``, Debian's layout for ``major``, then the
    embedded wheel's when it is of that major."""
    dirs = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--pkglibdir"], capture_output=True, text=True, check=False).stdout.strip()
        if out:
            dirs.append(Path(out))
    dirs.append(Path(f"/usr/lib/postgresql/{major}/lib"))
    if major == _embedded_major():
        dirs.append(embedded.bin_dir().parent / "lib")
    return dirs


def client_program(name: str, major: int) -> str | None:
    """Path of a PostgreSQL client program of the server's major version (Debian's, else the embedded wheel's),
    else the one on PATH."""
    folders = [Path(f"/usr/lib/postgresql/{major}/bin")]
    if major == _embedded_major():
        folders.append(embedded.bin_dir())
    for folder in folders:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def libpq_args(dsn: str) -> tuple[list[str], str]:
    """``(["--host=…", "--port=…", "--username=…"], dbname)`` for a client program from a conninfo."""
    info = conninfo_to_dict(dsn)
    args = [f"--{flag}={info[key]}" for key, flag in (("host", "host"), ("port", "port"), ("user", "username"))
            if info.get(key)]
    return args, info["dbname"]


_DUMP_NOISE = re.compile(r"^(--.*|\\restrict .*|\\unrestrict .*|)$")


def schema_dump(dsn: str, major: int) -> str:
    """``pg_dump --schema-only`` of the database, normalised: comments, blank lines and the random
    ``\\restrict`` keys removed, so that two dumps of equal schemas compare equal."""
    pg_dump = client_program("pg_dump", major)
    if pg_dump is None:
        missing_tool("pg_dump", f"Debian package postgresql-client-{major}")
    args, dbname = libpq_args(dsn)
    out = subprocess.run(
        [pg_dump, "--schema-only", "--no-password", *args, dbname],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout
    return "\n".join(line for line in out.splitlines() if not _DUMP_NOISE.match(line)) + "\n"


def assert_staging_insert_only(conn, table: str, column: str) -> None:
    """A client session may only insert into the staging ``table``: reading, deleting, updating its ``column`` and
    writing ``xact_id`` (the staging transaction) all fail with insufficient_privilege."""
    for statement in (f"SELECT * FROM {table}", f"DELETE FROM {table}", f"UPDATE {table} SET {column} = 0",
                      f"INSERT INTO {table} ({column}, xact_id) VALUES (0, '1')"):
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(statement)
