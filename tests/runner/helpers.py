"""Helpers of the runner tests: free ports, a GraphQL client, a TCP proxy that can be switched off, polling, SQL errors."""

from __future__ import annotations

import socket
import subprocess
import threading
import time

import httpx
import psycopg
import pytest

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
