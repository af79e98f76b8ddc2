"""POST /webhooks/github: GitHub's webhook deliveries for `runner serve`, signature first.

Order of checks, each before the next reads more: the secret is configured (else 503), the body fits GitHub's
25 MB cap (Content-Length, then the bytes actually read; else 413), ``X-Hub-Signature-256`` is the HMAC-SHA256 of
the raw body under ``GITHUB_WEBHOOK_SECRET`` (constant-time compare; else 401). Only then does the body go to the
database, which parses it and decides (gitpoap.receive_github_delivery): ping → 200; a merged pull request of a
registered repository → stored through the import path, 200 (also for a redelivery or a PR already stored); any
other event or action, or a repository nobody registered → 202, ignored.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os

import psycopg
from psycopg_pool import ConnectionPool
from starlette.requests import Request
from starlette.responses import JSONResponse

from runner import errors, gitpoap

PATH = "/webhooks/github"
SECRET_ENV = "GITHUB_WEBHOOK_SECRET"
MAX_BODY = 25 * 1024 * 1024  # GitHub caps webhook payloads at 25 MB and does not send larger ones
STATUS = {"pong": 200, "stored": 200, "already_stored": 200, "redelivery": 200, "ignored": 202, "unregistered": 202}
NO_SECRET = (f"webhooks are off: start `runner serve` with {SECRET_ENV} set to the secret of the GitHub webhook "
             "(docs/webhooks.md)")

log = logging.getLogger("runner.webhooks")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class GitHubWebhooks:
    """POST /webhooks/github: :meth:`receive` is its Starlette endpoint.

    Args:
        pool: the server's connection pool (one connection per delivery, for one SQL call).
        secret: the webhook secret; default ``$GITHUB_WEBHOOK_SECRET``; None or "": every delivery gets 503.
    """

    def __init__(self, pool: ConnectionPool, secret: str | None = None):
        self.pool = pool
        self.secret = (secret if secret is not None else os.environ.get(SECRET_ENV)) or None
        self.unregistered_logged: set[str] = set()

    async def _body(self, request: Request) -> bytes | None:
        """The raw body, or None once it is over MAX_BODY (declared or read: the rest is never read)."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:
            return None
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return None
        return bytes(body)

    async def receive(self, request: Request) -> JSONResponse:
        """Handle one delivery (see the module docstring for the order of checks and the answers)."""
        if self.secret is None:
            return _error(503, NO_SECRET)
        body = await self._body(request)
        if body is None:
            return _error(413, f"body over {MAX_BODY} bytes, GitHub's cap for webhook payloads")
        expected = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        given = request.headers.get("x-hub-signature-256", "")
        if not hmac.compare_digest(given.encode("latin-1"), expected.encode()):
            return _error(401, "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body under "
                               f"the webhook secret ({SECRET_ENV})")
        delivery, event = request.headers.get("x-github-delivery"), request.headers.get("x-github-event")
        try:
            result = await asyncio.to_thread(self._deliver, delivery, event, body)
        except psycopg.Error as exc:
            failure = errors.explain(exc)
            if (failure.sqlstate or "")[:2] in ("22", "23"):
                return _error(400, failure.line())
            log.error("delivery %s (%s) failed: %s", delivery, event, failure.line())
            return _error(503 if isinstance(exc, psycopg.OperationalError) else 500, failure.line())
        if result.outcome == "unregistered" and result.repo not in self.unregistered_logged:
            self.unregistered_logged.add(result.repo)
            log.warning("ignoring pull requests of %s: not registered (runner repos add %s)", result.repo, result.repo)
        return JSONResponse({"outcome": result.outcome, "repo": result.repo, "number": result.number,
                             "claims_issued": result.claims_issued}, status_code=STATUS[result.outcome])

    def _deliver(self, delivery: str | None, event: str | None, body: bytes) -> gitpoap.Delivery:
        with self.pool.connection() as conn:
            return gitpoap.receive_github_delivery(conn, delivery, event, body)
