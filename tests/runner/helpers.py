"""Helpers of the runner tests: free ports, a GraphQL client, a TCP proxy that can be switched off, a hot standby,
polling, SQL errors."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from runner.migrate import migrate

ADMIN_TOKEN = "test-admin-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}: {process.stderr.read().decode()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


class GraphQLClient:
    """Posts to a running `runner serve`."""

    def __init__(self, url: str):
        self.url = url
        self.http = httpx.Client(timeout=30)

    def post(self, query: str, token: str | None = ADMIN_TOKEN, variables: dict | None = None,
             headers: dict | None = None) -> httpx.Response:
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return self.http.post(self.url, json=body, headers=headers)

    def data(self, query: str, **kwargs) -> dict:
        response = self.post(query, **kwargs)
        assert response.status_code == 200, response.text
        payload = response.json()
        assert "errors" not in payload, payload
        return payload["data"]


class Proxy:
    """A TCP forwarder 127.0.0.1:port → the test server (TCP, or the Unix socket of a host that is a folder),
    which can be stopped (connections refused and cut) and started again on the same port: a database that goes
    away and comes back."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(16)
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = self._connect_upstream()
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _connect_upstream(self) -> socket.socket:
        host, port = self.target
        if not host.startswith("/"):
            return socket.create_connection(self.target)
        upstream = socket.socket(socket.AF_UNIX)
        upstream.connect(f"{host}/.s.PGSQL.{port}")
        return upstream

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class Standby:
    """A primary (``initdb``) and its streaming replica (``pg_basebackup -R``) in a temporary folder, started by
    :meth:`start` with ``programs`` (``{"initdb": path, "pg_ctl": path, "pg_basebackup": path}``) on free ports of
    127.0.0.1, as the system user ``user`` (None: ours; PostgreSQL refuses to run as root); see the ``hot_standby``
    fixture for what the primary holds."""

    WALLET = "0x" + "ab" * 20  # balance 6000: tier elite

    def __init__(self, programs: dict[str, str], user: str | None):
        self.programs = programs
        self.user = user
        self.folder = Path(tempfile.mkdtemp(prefix="pg-rewards-standby-"))
        if user is not None:
            os.chown(self.folder, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
        self.primary_port = free_port()
        self.standby_port = free_port()
        self._running: list[Path] = []

    def dsn(self, user: str = "postgres", standby: bool = True, dbname: str = "rewards") -> str:
        """Conninfo of the standby's (or the primary's) database ``dbname`` as ``user``."""
        port = self.standby_port if standby else self.primary_port
        return make_conninfo(host="127.0.0.1", port=str(port), user=user, dbname=dbname)

    def _run(self, name: str, *args, log: Path | None = None) -> None:
        done = subprocess.run([self.programs[name], *map(str, args)], user=self.user, capture_output=True, text=True,
                              timeout=180, check=False)
        if done.returncode != 0:
            tail = log.read_text()[-2000:] if log is not None and log.exists() else ""
            raise AssertionError(f"{name} failed ({done.returncode}): {done.stderr.strip()} {tail}")

    def _start(self, data: Path, port: int) -> None:
        options = (f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} "
                   "-c fsync=off")
        log = data.with_suffix(".log")
        self._run("pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "120", "start", log=log)
        self._running.append(data)

    def start(self) -> None:
        """initdb and start the primary, migrate its database ``rewards`` and fill it, take the base backup, start
        the standby and wait until it answers reads in recovery."""
        primary, replica = self.folder / "primary", self.folder / "standby"
        self._run("initdb", "-D", primary, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        self._start(primary, self.primary_port)
        with psycopg.connect(self.dsn(standby=False, dbname="postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE rewards")
        migrate(self.dsn(standby=False))
        with psycopg.connect(self.dsn(standby=False), autocommit=True) as conn:
            conn.execute("CREATE ROLE reader_bi LOGIN IN ROLE rewards_bi")
            conn.execute("CREATE ROLE reader_admin LOGIN IN ROLE rewards_admin")
            conn.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 6000)", (self.WALLET,))
        self._run("pg_basebackup", "-h", "127.0.0.1", "-p", self.primary_port, "-U", "postgres", "-D", replica,
                  "-R", "-X", "stream", "-c", "fast", "--no-sync")
        self._start(replica, self.standby_port)

        def reads_in_recovery():
            try:
                with psycopg.connect(self.dsn(), connect_timeout=2) as conn:
                    return conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]
            except psycopg.OperationalError:
                return False

        until(reads_in_recovery, 60, "the standby never answered reads in recovery")

    def stop(self) -> None:
        """Stop the servers started (standby first) and delete the folder."""
        for data in reversed(self._running):
            self._run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        self._running.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def until(predicate, timeout_s: float = 15.0, message: str = "condition never became true"):
    """Poll ``predicate`` until it returns a truthy value (returned); fail after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(message)


def sql_error(db: psycopg.Connection, query: str, params=()) -> psycopg.Error:
    """Run ``query`` expecting a database error; return it."""
    with pytest.raises(psycopg.Error) as info:
        db.execute(query, params)
    return info.value
