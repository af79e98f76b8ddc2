"""`runner serve`'s ASGI app in-process: starlette's TestClient (lifespan run, so the pool opens and closes)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from runner.server import create_app
from tests.runner.helpers import ADMIN_TOKEN

with warnings.catch_warnings():
    # starlette 1.x would rather drive its TestClient with httpx2; the httpx the tests pin works the same.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient` is deprecated")
    from starlette.testclient import TestClient


@contextmanager
def asgi_client(dsn: str, token: str | None = ADMIN_TOKEN) -> Iterator[TestClient]:
    """A TestClient on ``create_app(dsn, token)``."""
    with TestClient(create_app(dsn, token)) as client:
        yield client
